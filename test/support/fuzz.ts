/**
 * A seeded fuzzer for the built server: every route gets malformed requests (broken
 * multipart, wrong or missing content types, JSON, empty and random bodies, huge field
 * names, invalid UTF-8, duplicate fields, junk in the query) from a deterministic PRNG, so
 * a failure found once is found again with the same seed. Used by
 * test/integration/fuzz.test.ts (a few hundred requests) and `npm run fuzz` (10,000).
 */

/** mulberry32: a tiny, fast, seedable PRNG; good enough to pick cases, not for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every kind of page and endpoint, with a placeholder or two for what is random in them. */
export const fuzzPaths = [
  '/',
  '/en/',
  '/hu/',
  '/ar/',
  '/en/opus/',
  '/fr/opus-telecoms/',
  '/en/opus/code',
  '/en/opus/code/large-print',
  '/en/opus/code/1',
  '/en/opus/code.pdf',
  '/en/opus/code/1.pdf',
  '/en/opus/complain',
  '/en/opus/complain?about=complaint',
  '/hu/opus-titasz/complain?about=complaint',
  '/en/opus/complain/confirmation',
  '/en/opus/compliment',
  '/en/opus/accessible-formats',
  '/en/opus/accessible-formats/confirmation',
  '/en/opus/performance',
  '/en/accessibility',
  '/en/track',
  '/en/track/OPX-2026-ABCD-EFGH',
  '/en/track/{ref}',
  '/en/track/{ref}/files/{uuid}',
  '/en/track/link/{token}',
  '/staff',
  '/staff/sign-in',
  '/staff/sign-out',
  '/staff/set-password/{token}',
  '/staff/cases/new',
  '/staff/cases/{uuid}',
  '/staff/cases/{uuid}/files/{uuid}',
  '/staff/formats',
  '/staff/formats/{uuid}',
  '/staff/reports',
  '/staff/reports/cases.csv',
  '/api/sanity-webhook',
  '/api/preview',
  '/api/preview/exit',
  '/en/nowhere',
  '/xx/opus/',
];

const fieldNames = [
  'email',
  'password',
  'reference',
  'accessCode',
  'method',
  'action',
  '_key',
  '_draft',
  'website',
  'name',
  'description',
  'category',
  'files',
  'attachments',
  'format',
  'body',
  'reason',
  'assignee',
  'channel',
  'org',
  'sentOn',
  'rating',
  'about',
  'newPassword',
  'confirmPassword',
  'postalAddress.line1',
];
const queryJunk = [
  '',
  '?after=junk',
  '?after=none~x',
  '?after=99999999999999~00000000-0000-0000-0000-000000000000',
  '?done=<script>',
  '?done=toString',
  '?done=constructor',
  '?about=%00',
  '?lang=zz',
  '?reference=%FF',
  '?status=%E2%80%AE',
  '?org=../../etc',
  '?from=2026-13-45&to=x',
  '?redirect=//evil.example',
  '?secret=' + 'a'.repeat(3000),
  '?q=' + '%'.repeat(20),
];
const methods = ['POST', 'POST', 'POST', 'POST', 'POST', 'GET', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
}

const text = (s: string) => new TextEncoder().encode(s);

/** The request number `index` of the run with `seed`: the same pair always gives the same request. */
export function fuzzRequest(seed: number, index: number, origin: string): FuzzRequest {
  const random = prng(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () =>
    random() < 0.7
      ? `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`
      : pick(['x', '%ZZ', '../..', '0'.repeat(36), '-'.repeat(36), 'ffffffff-ffff-ffff-ffff-fffffffffffff']);
  const path =
    pick(fuzzPaths)
      .replaceAll('{uuid}', uuid)
      .replace('{ref}', () => pick(['OPX-2026-ABCD-EFGH', 'opx2026abcdefgh', '%E2%80%AE', 'x'.repeat(300), 'OPX-2026-0000-000Z']))
      .replace('{token}', () => pick([hex(43), 'x', '%FF', 'A'.repeat(64)])) + (random() < 0.3 ? pick(queryJunk) : '');
  const method = pick(methods);
  const headers: Record<string, string> = random() < 0.9 ? { origin } : {};
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return { kind: `${method.toLowerCase()}`, method, path, headers };

  const boundary = `----fuzz${hex(12)}`;
  const value = () =>
    pick([
      '',
      'x',
      'a'.repeat(5000),
      '\u202Eevil',
      '%00',
      '0',
      '-1',
      'true',
      '<b>x</b>',
      'OPX-2026-ABCD-EFGH',
      'someone@example.org',
      '2026-02-30',
      '{"a":1}',
      '\uFFFF\uD800',
    ]);
  const kinds: [string, () => { type?: string; body: Uint8Array<ArrayBuffer> }][] = [
    [
      'broken multipart',
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: text(`--${boundary}\r\nContent-Disposition: form-data; name="${pick(fieldNames)}"\r\n\r\n${value()}${random() < 0.5 ? `\r\n--${boundary}` : ''}`),
      }),
    ],
    ['multipart without boundary', () => ({ type: 'multipart/form-data', body: text(`--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--`) })],
    [
      'multipart with a file',
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: text(
          `--${boundary}\r\nContent-Disposition: form-data; name="${pick(['files', 'attachments', 'evidence'])}"; filename="${pick(['a.pdf', 'invoice\u202Efdp.exe', '../../x', ''])}"\r\nContent-Type: ${pick(['application/pdf', 'text/html', ''])}\r\n\r\n%PDF-1.4 ${value()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\n${pick(['reply', 'appeal', 'x'])}\r\n--${boundary}--\r\n`,
        ),
      }),
    ],
    ['json', () => ({ type: 'application/json', body: text(JSON.stringify({ email: value(), password: value(), _id: 'x', _type: 'organisation' })) })],
    [
      'wrong content type',
      () => ({
        type: pick(['text/xml', 'application/octet-stream', 'image/png', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-16', ';;;']),
        body: text(`email=${value()}`),
      }),
    ],
    ['no content type', () => ({ body: text(`email=${value()}&password=${value()}`) })],
    ['empty', () => ({ type: pick(['application/x-www-form-urlencoded', `multipart/form-data; boundary=${boundary}`]), body: new Uint8Array(0) })],
    [
      'random bytes',
      () => ({
        type: pick(['application/x-www-form-urlencoded', `multipart/form-data; boundary=${boundary}`, 'application/json']),
        body: Uint8Array.from({ length: Math.floor(random() * 2048) }, () => Math.floor(random() * 256)),
      }),
    ],
    ['huge field name', () => ({ type: 'application/x-www-form-urlencoded', body: text(`${'n'.repeat(1000 + Math.floor(random() * 6000))}=1&email=a`) })],
    [
      'invalid utf-8',
      () => ({
        type: 'application/x-www-form-urlencoded',
        body: Uint8Array.from([...text('email='), 0xff, 0xfe, 0xc3, 0x28, ...text('&reference=%FF%FE&name=%C3%28&password='), 0xed, 0xa0, 0x80]),
      }),
    ],
    [
      'duplicate fields',
      () => ({
        type: 'application/x-www-form-urlencoded',
        body: text(
          Array.from({ length: 2 + Math.floor(random() * 4) }, () => `${pick(['email', 'action', '_key', 'method', 'reference', 'files'])}=${value()}`).join(
            '&',
          ),
        ),
      }),
    ],
    [
      'plausible form',
      () => ({
        type: 'application/x-www-form-urlencoded',
        body: text(new URLSearchParams(Array.from({ length: 1 + Math.floor(random() * 8) }, () => [pick(fieldNames), value()])).toString()),
      }),
    ],
  ];
  const [kind, make] = pick(kinds);
  const made = make();
  if (made.type) headers['content-type'] = made.type;
  return { kind, method, path, headers, body: made.body };
}

export interface FuzzResult {
  total: number;
  byStatus: Record<number, number>;
  /** The requests that got a 5xx (or no answer), for reproducing: seed and index give them back. */
  failures: { index: number; kind: string; method: string; path: string; status: number }[];
}

/**
 * Sends `count` fuzz requests to `baseUrl`, `concurrency` at a time; the odd ones carry the
 * staff session cookie when one is given, so that the back office is fuzzed signed in too.
 */
export async function runFuzz(options: { baseUrl: string; seed: number; count: number; concurrency?: number; cookie?: string }): Promise<FuzzResult> {
  const { baseUrl, seed, count, concurrency = 8, cookie } = options;
  const result: FuzzResult = { total: 0, byStatus: {}, failures: [] };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const request = fuzzRequest(seed, index, baseUrl);
      // Never to sign-out: that would end the session the rest of the run relies on.
      if (cookie && index % 2 === 1 && !request.path.startsWith('/staff/sign-out')) request.headers.cookie = cookie;
      let status: number;
      try {
        const response = await fetch(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      result.total++;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      if (status >= 500 || status === 0) result.failures.push({ index, kind: request.kind, method: request.method, path: request.path, status });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
