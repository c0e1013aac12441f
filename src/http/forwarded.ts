import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { normaliseClientAddress } from '../security/client-address.ts';

/**
 * Who is really asking, behind a reverse proxy. X-Forwarded-For and X-Forwarded-Proto are
 * believed only when the TCP peer is one of TRUSTED_PROXIES: anyone else could write them.
 * X-Forwarded-For is read right to left, skipping our own proxies; the first address that
 * is not one of them is the client (addresses further left were written by the client and
 * prove nothing). X-Forwarded-Host is not honoured: a proxy passes the Host header through
 * (nginx `proxy_set_header Host $host`), and a host taken from a header would let anyone
 * who reaches a proxy choose the origin the site believes it has.
 */
export interface TrustedProxies {
  readonly list: BlockList;
  readonly empty: boolean;
}

const NAMED: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** One TRUSTED_PROXIES entry as a subnet, or null when it is not one (for the environment's check). */
export function parseProxyEntry(entry: string): [string, number, 'ipv4' | 'ipv6'][] | null {
  const text = entry.trim().toLowerCase();
  if (NAMED[text]) return NAMED[text];
  const [address = '', prefixText] = text.split('/');
  const family = isIP(address);
  if (!family) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return [[address, prefix, family === 4 ? 'ipv4' : 'ipv6']];
}

/** The trusted proxies from TRUSTED_PROXIES' entries (already checked by the environment schema). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) for (const [address, prefix, family] of parseProxyEntry(entry) ?? []) list.addSubnet(address, prefix, family);
  return { list, empty: entries.length === 0 };
}

/** A plain address as BlockList wants it: IPv4-mapped IPv6 as IPv4; null when it is no address. */
function plainAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  if (value.startsWith('[') && value.includes(']')) value = value.slice(1, value.indexOf(']'));
  value = value.replace(/%.*$/, '');
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1]!;
  if (!isIP(value)) return null;
  const normal = normaliseClientAddress(value);
  return isIP(normal) === 4 ? normal : value;
}

const isTrusted = (proxies: TrustedProxies, address: string) => proxies.list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');

export interface ForwardedView {
  /** The client's address (IPv4-mapped IPv6 shown as IPv4). */
  clientAddress: string;
  /** The protocol the client used to reach the site (the proxy's, when it is trusted). */
  protocol: 'http' | 'https';
  /** Whether the TCP peer was a trusted proxy (and its headers were believed). */
  viaTrustedProxy: boolean;
}

/** The client and protocol of a request, from its peer and (if the peer is trusted) its X-Forwarded-* headers. */
export function forwardedView(
  peerAddress: string | undefined,
  headers: IncomingMessage['headers'],
  proxies: TrustedProxies,
  encrypted: boolean,
): ForwardedView {
  const peer = plainAddress(peerAddress) ?? peerAddress ?? '';
  const own: 'http' | 'https' = encrypted ? 'https' : 'http';
  if (proxies.empty || !plainAddress(peer) || !isTrusted(proxies, peer)) return { clientAddress: peer, protocol: own, viaTrustedProxy: false };
  const hops = headerValues(headers['x-forwarded-for']);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]);
    // Garbage where an address should be: nothing left of it can be believed.
    if (!hop) break;
    client = hop;
    if (!isTrusted(proxies, hop)) break;
  }
  const proto = headerValues(headers['x-forwarded-proto'])[0]?.toLowerCase();
  return { clientAddress: client, protocol: proto === 'https' || proto === 'http' ? proto : own, viaTrustedProxy: true };
}

function headerValues(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
