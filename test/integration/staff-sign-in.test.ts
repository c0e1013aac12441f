import { describe, expect, it } from 'vitest';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { translator } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { textOf } from '../support/html.ts';

const running = useServerOnPostgres();
const en = translator('en');
const hu = translator('hu');
const PASSWORD = 'quince lantern harbour 9';
let counter = 0;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.url}${path}`, { headers, redirect: 'manual' });
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${running.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { origin: running.url, ...headers }, redirect: 'manual' });
const cookieOf = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/** A member of staff created on the server's database, with a password. */
async function member() {
  const email = `handler${++counter}.${Date.now()}@opus.example`;
  const now = new Date();
  const created = await createStaff(running.store.db, {
    email,
    name: `Erika ${counter}`,
    organisationSlug: 'opus-titasz',
    organisationId: 'org-opus',
    role: 'handler',
    now,
  });
  expect((await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now })).ok).toBe(true);
  return { email, name: `Erika ${counter}` };
}

describe('staff sign-in over HTTP', () => {
  it('renders the sign-in page, not cached, in the language asked for', async () => {
    const page = await get('/staff/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(textOf(html)).toContain(en('staff.auth.signIn.title'));
    expect(html).toContain('name="email"');
    expect(html).toContain('autocomplete="current-password"');

    const hungarian = await get('/staff/sign-in', { 'accept-language': 'hu-HU,hu;q=0.9' });
    expect(textOf(await hungarian.text())).toContain(hu('staff.auth.signIn.title'));
    const chosen = await get('/staff/sign-in?lang=fr', { 'accept-language': 'hu' });
    expect(cookieOf(chosen, 'redress_staff_lang')).toMatch(/^redress_staff_lang=fr;/);
    expect(textOf(await chosen.text())).toContain(translator('fr')('staff.auth.signIn.title'));
  });

  it('sends a visitor without a session from /staff to the sign-in page', async () => {
    for (const path of ['/staff', '/staff/cases/00000000-0000-4000-8000-000000000000']) {
      const response = await get(path);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/staff/sign-in');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const forged = await get('/staff', { cookie: 'redress_staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.status).toBe(303);
  });

  it('refuses a cross-site sign-in post', async () => {
    const { email } = await member();
    const response = await post('/staff/sign-in', { email, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(cookieOf(response, 'redress_staff')).toBeUndefined();
  });

  it('shows the error summary for a wrong password, with "Error:" in the title and the email kept', async () => {
    const { email } = await member();
    const response = await post('/staff/sign-in', { email, password: 'not my password at all' });
    expect(response.status).toBe(400);
    expect(cookieOf(response, 'redress_staff')).toBeUndefined();
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('class="error-summary"');
    expect(textOf(html)).toContain(en('staff.auth.error.invalid'));
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain('not my password at all');
  });

  it('asks for what is missing', async () => {
    const html = await (await post('/staff/sign-in', { email: '', password: '' })).text();
    expect(textOf(html)).toContain(en('staff.auth.error.emailRequired'));
    expect(textOf(html)).toContain(en('staff.auth.error.passwordRequired'));
    expect(html).toContain('href="#f-email"');
    expect(html).toContain('href="#f-password"');
  });

  it('signs in with the right password, reaches /staff, and signs out', async () => {
    const { email, name } = await member();
    const response = await post('/staff/sign-in', { email: email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/staff');
    const setCookie = cookieOf(response, 'redress_staff')!;
    expect(setCookie).toMatch(/; Path=\/staff/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).not.toMatch(/; Secure/i); // plain http here; Secure on https
    const cookie = setCookie.split(';')[0]!;

    const queue = await get('/staff', { cookie });
    expect(queue.status).toBe(200);
    expect(queue.headers.get('cache-control')).toBe('no-store');
    expect(textOf(await queue.text())).toContain(name);
    expect((await get('/staff/sign-in', { cookie })).headers.get('location')).toBe('/staff');

    expect((await get('/staff/sign-out', { cookie })).status).toBe(405);
    const out = await post('/staff/sign-out', {}, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/sign-in?signedOut');
    expect(cookieOf(out, 'redress_staff')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    // The old cookie opens nothing any more.
    const after = await get('/staff', { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/staff/sign-in');
  });

  it('locks this client out of the account after five wrong passwords and says when to try again', async () => {
    const { email } = await member();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await post('/staff/sign-in', { email, password: `wrong password ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The lock lasts until the 15-minute window of the attempts ends.
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(textOf(await last!.text())).toContain(en('staff.auth.error.locked', { count: Math.max(1, Math.ceil(retryAfter / 60)) }));
    const right = await post('/staff/sign-in', { email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(cookieOf(right, 'redress_staff')).toBeUndefined();
  });

  it('sets a password with the one-time link, once', async () => {
    const email = `new${++counter}.${Date.now()}@opus.example`;
    const { setPasswordToken } = await createStaff(running.store.db, {
      email,
      organisationSlug: 'opus-titasz',
      organisationId: 'org-opus',
      role: 'manager',
      now: new Date(),
    });
    const path = `/staff/set-password/${setPasswordToken}`;
    const form = await get(path);
    expect(form.status).toBe(200);
    // Same-origin, not no-referrer: with no-referrer Chromium posts the form with `Origin: null`,
    // which the cross-site check refuses (test/e2e/every-page.test.ts sets a password in Chromium).
    expect(form.headers.get('referrer-policy')).toBe('same-origin');
    expect(textOf(await form.text())).toContain(email);

    const weak = await post(path, { password: 'password1234', confirm: 'password1234' });
    expect(weak.status).toBe(400);
    expect(textOf(await weak.text())).toContain(en('staff.auth.error.common'));
    const mismatch = await post(path, { password: PASSWORD, confirm: `${PASSWORD}!` });
    expect(textOf(await mismatch.text())).toContain(en('staff.auth.error.mismatch'));

    const done = await post(path, { password: PASSWORD, confirm: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/staff/sign-in?passwordSet');
    const again = await get(path);
    expect(again.status).toBe(404);
    expect(textOf(await again.text())).toContain(en('staff.auth.setPassword.invalidTitle'));
    expect((await post('/staff/sign-in', { email, password: PASSWORD })).status).toBe(303);
  });
});
