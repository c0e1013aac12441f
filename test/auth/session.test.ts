import { describe, expect, it } from 'vitest';
import { checkExpiry, firstExpiry, generateToken, hashToken, plausibleToken, sessionCookieAttributes } from '#src/auth/session.ts';

const MIN = 60_000;
const T0 = new Date('2026-11-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const staff = { idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN };
const complainant = { absoluteMs: 120 * MIN };

describe('session tokens', () => {
  it('are 256 random bits that the plausibility check accepts, stored as their SHA-256', () => {
    const token = generateToken();
    expect(plausibleToken(token)).toBe(true);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });
});

describe('session expiry', () => {
  it.each([
    ['a staff session starts with its idle timeout', staff, at(30 * MIN)],
    ['a complainant session starts with its fixed lifetime', complainant, at(120 * MIN)],
  ])('%s', (_, lifetime, expected) => {
    expect(firstExpiry(lifetime, T0)).toEqual(expected);
  });

  it.each<[string, number, number, ReturnType<typeof checkExpiry>]>([
    ['is kept as it is while more than half of the idle time is left', 30 * MIN, 14 * MIN, { ok: true, expiresAt: at(30 * MIN), renewed: false }],
    ['slides forward once half of the idle time is used', 30 * MIN, 15 * MIN, { ok: true, expiresAt: at(45 * MIN), renewed: true }],
    ['ends at its expiry', 30 * MIN, 30 * MIN, { ok: false }],
    ['never slides past the absolute end', 12 * 60 * MIN - MIN, 12 * 60 * MIN - 10 * MIN, { ok: true, expiresAt: at(12 * 60 * MIN), renewed: true }],
    ['ends at the absolute end however busy', 12 * 60 * MIN + 20 * MIN, 12 * 60 * MIN, { ok: false }],
  ])('a staff session %s', (_, expiresAt, now, expected) => {
    expect(checkExpiry(staff, { createdAt: T0, expiresAt: at(expiresAt) }, at(now))).toEqual(expected);
  });

  it('a complainant session never slides, and ends when its lifetime does', () => {
    const session = { createdAt: T0, expiresAt: at(120 * MIN) };
    expect(checkExpiry(complainant, session, at(119 * MIN))).toEqual({ ok: true, expiresAt: at(120 * MIN), renewed: false });
    expect(checkExpiry(complainant, session, at(120 * MIN))).toEqual({ ok: false });
  });
});

describe('session cookie attributes', () => {
  it.each([
    ['http://localhost:4321/staff', 'http://localhost:4321', false],
    ['https://complaints.example.org/staff', 'http://localhost:4321', true],
    // Behind a TLS-terminating proxy that is not trusted yet, the public origin still says https.
    ['http://10.0.0.5:4321/staff', 'https://complaints.example.org', true],
  ])('on %s with the public origin %s are Secure: %s', (url, publicBaseUrl, secure) => {
    const expires = at(30 * MIN);
    expect(sessionCookieAttributes({ path: '/staff', requestUrl: new URL(url), publicBaseUrl, expires })).toEqual({
      path: '/staff',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      expires,
    });
  });

  it('to delete a cookie carry the same path and flags and no expiry', () => {
    expect(sessionCookieAttributes({ path: '/', requestUrl: new URL('https://x.example/'), publicBaseUrl: 'https://x.example' })).toEqual({
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
    });
  });
});
