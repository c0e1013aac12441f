import { isIPv4, isIPv6 } from 'node:net';

/**
 * What one client is, for rate limits: an IPv4 address as it is, an IPv6 address as its
 * /64 (one household or server gets a whole /64 and can pick any address in it, so a
 * limit per address would be a limit per guess), and an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports) as the IPv4 address it maps.
 * Brackets, a zone (`%eth0`) and an IPv4 port are dropped. Anything that is no address at
 * all is kept (lower case, bounded) so that it is still one bucket, never an error.
 */
export function normaliseClientAddress(raw: string): string {
  let value = raw.trim().toLowerCase();
  if (value.startsWith('[')) value = value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  value = value.replace(/%.*$/, '');
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1]!;
  if (isIPv4(value)) return value;
  if (!isIPv6(value)) return `other:${value.slice(0, 64)}`;
  const groups = expandIPv6(value);
  // ::ffff:0:0/96 is IPv4 seen through an IPv6 socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and a dotted IPv4 tail expanded). */
export function expandIPv6(address: string): number[] {
  let text = address;
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
}
