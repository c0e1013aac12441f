import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { rateLimits } from '#src/db/index.ts';
import { generateReference } from '#src/cases/reference.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { requestFrom, setCookies, startForwardingProxy, type ForwardingProxy } from '../support/forwarding-proxy.ts';

const WEBHOOK_SECRET = 'edge-security-webhook-secret';
const PREVIEW_SECRET = 'edge-security-preview-secret-0123456789';
// Only the proxy is trusted: the "clients" connect from other loopback addresses.
const running = useServerOnPostgres({
  TRUSTED_PROXIES: '127.0.0.1',
  SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET,
  SANITY_PREVIEW_SECRET: PREVIEW_SECRET,
  MAX_BODY_MB: '2',
});
const PASSWORD = 'quince lantern harbour 9';
let proxy: ForwardingProxy;
let counter = 0;

beforeAll(async () => {
  proxy = await startForwardingProxy(running.url);
});
afterAll(() => proxy?.close());

async function member() {
  const email = `edge${++counter}.${Date.now()}@opus.example`;
  const now = new Date();
  const created = await createStaff(running.store.db, {
    email,
    name: `Edge ${counter}`,
    organisationSlug: 'opus-titasz',
    organisationId: 'org-opus',
    role: 'handler',
    now,
  });
  await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now });
  return email;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (origin: string) => ({ 'content-type': 'application/x-www-form-urlencoded', origin });

/** A staff sign-in post from one client address, through the proxy (the default) or straight to the server. */
const signInFrom = (client: string, email: string, password: string, { direct = false, extra = {} as Record<string, string> } = {}) =>
  requestFrom(client, `${direct ? running.url : proxy.url}/staff/sign-in`, {
    method: 'POST',
    headers: { ...formHeaders(direct ? running.url : proxy.publicOrigin), ...extra },
    body: form({ email, password }),
  });

describe('behind a trusted reverse proxy', () => {
  it('accepts a form post whose Origin is the https public origin, sets Secure cookies and HSTS', async () => {
    const email = await member();
    const response = await signInFrom('127.0.0.2', email, PASSWORD);
    expect(response.status).toBe(303);
    const cookie = setCookies(response).find((c) => c.startsWith('redress_staff='));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it("locks out one client's guesses without locking out another client or the account's owner", async () => {
    const email = await member();
    const attacker = [];
    for (let i = 0; i < 7; i++) attacker.push((await signInFrom('127.0.0.3', email, `wrong guess ${i} here`)).status);
    expect(attacker.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(attacker.slice(5)).toEqual([429, 429]);
    // The right password from the attacker's client is refused while it is locked...
    expect((await signInFrom('127.0.0.3', email, PASSWORD)).status).toBe(429);
    // ...and the owner, from their own machine, signs in.
    expect((await signInFrom('127.0.0.4', email, PASSWORD)).status).toBe(303);
  });

  it("ignores an untrusted peer's forged X-Forwarded-For and X-Forwarded-Proto", async () => {
    const email = await member();
    const statuses = [];
    // Straight to the server from 127.0.0.5 (not a trusted proxy), a new forged address each time.
    for (let i = 0; i < 7; i++) {
      const response = await signInFrom('127.0.0.5', email, `wrong guess ${i} here`, {
        direct: true,
        extra: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-forwarded-proto': 'https' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(5)).toEqual([429, 429]);
    // The forged https is not believed: an https Origin is cross-site for a plain-http request.
    const forgedOrigin = await requestFrom('127.0.0.5', `${running.url}/staff/sign-in`, {
      method: 'POST',
      headers: { ...formHeaders(running.url.replace('http:', 'https:')), 'x-forwarded-proto': 'https' },
      body: form({ email, password: PASSWORD }),
    });
    expect(forgedOrigin.status).toBe(403);
    const plain = await requestFrom('127.0.0.6', `${running.url}/staff/sign-in`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps no client address in the rate-limit table, only keyed hashes', async () => {
    await signInFrom('127.0.0.7', 'nobody@opus.example', 'not the password at all');
    const keys = (await running.store.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/127\.0\.0|198\.51\.100|::ffff|::1\b/);
  });
});

describe('staff lockout cannot be raced', () => {
  it('200 wrong passwords at once, then the right one: not signed in', async () => {
    const email = await member();
    const guesses = await Promise.all(Array.from({ length: 200 }, (_, i) => signInFrom('127.0.0.8', email, `parallel wrong ${i} guess`, { direct: true })));
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // Only the slots reserved before argon2 ran got a verdict; the rest were refused unread.
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
    const right = await signInFrom('127.0.0.8', email, PASSWORD, { direct: true });
    expect(right.status).toBe(429);
    expect(setCookies(right).find((c) => c.startsWith('redress_staff='))).toBeUndefined();
  });
});

describe('the status page way in', () => {
  it("sends the owner's email link even while someone hammers their reference", async () => {
    const reference = generateReference('OPX', 2026);
    // Someone tries wrong addresses (and wrong codes) for the reference from another client.
    for (let i = 0; i < 8; i++) {
      await requestFrom('127.0.0.9', `${proxy.url}/en/track`, {
        method: 'POST',
        headers: formHeaders(proxy.publicOrigin),
        body: form({ method: 'link', reference, email: `x${i}@evil.example` }),
      });
    }
    const owner = await requestFrom('127.0.0.10', `${proxy.url}/en/track`, {
      method: 'POST',
      headers: formHeaders(proxy.publicOrigin),
      body: form({ method: 'link', reference, email: 'owner@example.org' }),
    });
    expect(owner.status).toBe(200);
  });
});

describe('bodies are bounded before they are parsed', () => {
  it.each([
    ['/staff/sign-in', 64 * 1024],
    ['/en/track', 64 * 1024],
  ])('%s refuses a %i-byte form with 413', async (path, size) => {
    const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: formHeaders(running.url), body: `email=${'a'.repeat(size)}` });
    expect(response.status).toBe(413);
  });

  it('refuses a body declared larger than MAX_BODY_MB before reading it', async () => {
    const response = await fetch(`${running.url}/en/opus/complain`, { method: 'POST', headers: formHeaders(running.url), body: 'a'.repeat(3 * 1024 * 1024) });
    expect(response.status).toBe(413);
  });

  it('refuses an oversized webhook with 413 and a stale signature with 401', async () => {
    const big = JSON.stringify({ _id: 'x', _type: 'organisation', pad: 'p'.repeat(200_000) });
    const oversized = await fetch(`${running.url}/api/sanity-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(big, Date.now(), WEBHOOK_SECRET) },
      body: big,
    });
    expect(oversized.status).toBe(413);
    const body = JSON.stringify({ _id: 'org-opus', _type: 'organisation', slug: 'opus' });
    const stale = await fetch(`${running.url}/api/sanity-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now() - 6 * 60_000, WEBHOOK_SECRET) },
      body,
    });
    expect(stale.status).toBe(401);
    const fresh = await fetch(`${running.url}/api/sanity-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), WEBHOOK_SECRET) },
      body,
    });
    expect(fresh.status).toBe(200);
  });
});

describe('methods and probing', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'TRACE'])('%s on a page is 405 with Allow', async (method) => {
    const response = await requestFrom('127.0.0.11', `${running.url}/en/`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
  });

  it('limits tries of the preview secret per client', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await requestFrom('127.0.0.12', `${running.url}/api/preview?secret=wrong-${i}&redirect=/en/`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
