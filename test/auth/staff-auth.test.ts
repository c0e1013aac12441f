import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { passwordTokens, staffSessions, staffUsers } from '#src/db/index.ts';
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  LOCKOUT_MS,
  createStaff,
  roleIn,
  setPassword,
  signInStaff,
  signOutStaff,
  validateStaffSession,
} from '#src/auth/index.ts';
import { databaseEngines, useTestDatabase } from '../support/databases.ts';

const PASSWORD = 'plum orchard seventeen';
const T0 = new Date('2026-11-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
let counter = 0;
const freshEmail = () => `handler${++counter}.${Date.now()}@opus.example`;

describe.each(databaseEngines())('staff accounts on %s', (engine) => {
  const store = useTestDatabase(engine);

  /** A member of staff with a password set, ready to sign in. */
  async function member(email = freshEmail(), password = PASSWORD) {
    const created = await createStaff(store.db, {
      email,
      name: 'Erika Kovács',
      organisationSlug: 'opus-titasz',
      organisationId: 'org-opus',
      role: 'handler',
      now: T0,
    });
    expect(await setPassword(store.db, { token: created.setPasswordToken!, password, now: T0 })).toEqual({ ok: true });
    return { ...created, email };
  }
  const signIn = (email: string, password: string, now = T0, clientKey = `203.0.113.${counter}`) => signInStaff(store.db, { email, password, clientKey, now });

  it('creates an account, sets its password with the link, signs in and validates the session', async () => {
    const email = freshEmail();
    const created = await createStaff(store.db, {
      email: ` ${email.toUpperCase()} `,
      organisationSlug: 'opus-titasz',
      organisationId: 'org-opus',
      role: 'handler',
      now: T0,
    });
    expect(created.created).toBe(true);
    expect(created.setPasswordToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await setPassword(store.db, { token: created.setPasswordToken!, password: PASSWORD, now: at(60 * MIN) })).toEqual({ ok: true });

    const signedIn = await signIn(email, PASSWORD);
    expect(signedIn.ok).toBe(true);
    if (!signedIn.ok) return;
    expect(signedIn.user).toEqual({
      id: created.userId,
      email,
      name: email.split('@')[0],
      memberships: [{ organisationId: 'org-opus', organisationSlug: 'opus-titasz', role: 'handler' }],
    });
    expect(signedIn.session.expiresAt).toEqual(at(IDLE_TIMEOUT_MS));

    const valid = await validateStaffSession(store.db, signedIn.session.token, at(MIN));
    expect(valid?.user.id).toBe(created.userId);
    expect(valid?.session.fresh).toBe(false);
    expect(roleIn(valid!.user, 'org-opus')).toBe('handler');
    expect(roleIn(valid!.user, 'org-other')).toBeNull();
  });

  it('adds a membership to an existing account instead of making a second one', async () => {
    const { userId, email } = await member();
    const again = await createStaff(store.db, { email, organisationSlug: 'opex', organisationId: 'org-opex', role: 'manager', now: at(MIN) });
    expect(again).toEqual({ userId, created: false, setPasswordToken: null });
    const signedIn = await signIn(email, PASSWORD);
    expect(signedIn.ok && signedIn.user.memberships.map((m) => `${m.organisationSlug}:${m.role}`)).toEqual(['opex:manager', 'opus-titasz:handler']);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const { email } = await member();
    expect(await signIn(email, 'not the password at all')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(`nobody.${email}`, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('not an email', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
  });

  it("locks the guessing client out of the account after five wrong passwords, not the account's owner", async () => {
    const { email } = await member();
    const attacker = '198.51.100.23';
    for (let i = 1; i <= 5; i++) expect(await signIn(email, `wrong password ${i}`, at(i * 1000), attacker)).toEqual({ ok: false, reason: 'invalid' });
    // T0 starts a 15-minute window: the sixth try, and the right password, wait for its end.
    expect(await signIn(email, 'wrong password 6', at(6000), attacker)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: LOCKOUT_MS / 1000 - 6 });
    expect(await signIn(email, PASSWORD, at(10 * MIN), attacker)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 5 * 60 });
    // The owner, from their own machine, is not locked out by someone else's guesses.
    expect((await signIn(email, PASSWORD, at(10 * MIN), '192.0.2.44')).ok).toBe(true);
    expect((await signIn(email, PASSWORD, at(LOCKOUT_MS + 1000), attacker)).ok).toBe(true);
  });

  it('counts a guess before the password is checked, so guesses sent at once cannot outrun the lock', async () => {
    const { email } = await member();
    const client = '198.51.100.24';
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(email, `parallel wrong ${i}`, at(1000), client)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
    expect(await signIn(email, PASSWORD, at(2000), client)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('answers "locked" for an unknown email after as many failures, so lockout does not reveal accounts', async () => {
    const email = `ghost.${freshEmail()}`;
    for (let i = 1; i <= 5; i++) expect(await signIn(email, PASSWORD, at(i * 1000))).toEqual({ ok: false, reason: 'invalid' });
    const sixth = await signIn(email, PASSWORD, at(6000));
    expect(sixth).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('limits failed attempts from one client across accounts', async () => {
    const clientKey = '198.51.100.77';
    let last;
    for (let i = 0; i < 31; i++) last = await signInStaff(store.db, { email: `someone${i}@example.org`, password: 'guess guess guess', clientKey, now: T0 });
    expect(last).toMatchObject({ ok: false, reason: 'rateLimited' });
  });

  it('ends a session after 30 idle minutes, and slides it forward while it is used', async () => {
    const { email } = await member();
    const signedIn = await signIn(email, PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const token = signedIn.session.token;
    // Less than half the idle window left: the expiry is pushed forward (fresh).
    const slid = await validateStaffSession(store.db, token, at(20 * MIN));
    expect(slid?.session.fresh).toBe(true);
    expect(slid?.session.expiresAt).toEqual(at(20 * MIN + IDLE_TIMEOUT_MS));
    expect((await validateStaffSession(store.db, token, at(30 * MIN)))?.session.fresh).toBe(false);
    // 30 minutes after the last refresh (at 20 min) it has gone, and stays gone.
    expect(await validateStaffSession(store.db, token, at(50 * MIN + 1))).toBeNull();
    expect(await validateStaffSession(store.db, token, at(21 * MIN))).toBeNull();
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    const { email } = await member();
    const signedIn = await signIn(email, PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    let now: Date;
    for (now = at(20 * MIN); now.getTime() < at(ABSOLUTE_TIMEOUT_MS).getTime(); now = new Date(now.getTime() + 20 * MIN)) {
      const valid = await validateStaffSession(store.db, signedIn.session.token, now);
      expect(valid, `valid at ${now.toISOString()}`).not.toBeNull();
      expect(valid!.session.expiresAt.getTime()).toBeLessThanOrEqual(at(ABSOLUTE_TIMEOUT_MS).getTime());
    }
    expect(await validateStaffSession(store.db, signedIn.session.token, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  it('signs out: the token no longer opens anything', async () => {
    const { email } = await member();
    const signedIn = await signIn(email, PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    await signOutStaff(store.db, signedIn.session.token);
    expect(await validateStaffSession(store.db, signedIn.session.token, at(MIN))).toBeNull();
    await signOutStaff(store.db, 'not-a-token');
  });

  it('ignores tokens that are not ones it issued', async () => {
    for (const token of ['', 'x', 'a'.repeat(43), '../../etc/passwd', 'é'.repeat(43)]) expect(await validateStaffSession(store.db, token, T0)).toBeNull();
  });

  it('stores passwords, set-password tokens and session tokens only as hashes', async () => {
    const email = freshEmail();
    const { userId, setPasswordToken } = await createStaff(store.db, {
      email,
      organisationSlug: 'opus-titasz',
      organisationId: 'org-opus',
      role: 'admin',
      now: T0,
    });
    await setPassword(store.db, { token: setPasswordToken!, password: PASSWORD, now: T0 });
    const signedIn = await signIn(email, PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const [user] = await store.db.select().from(staffUsers).where(eq(staffUsers.id, userId));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user!.passwordHash).not.toContain(PASSWORD);
    const tokens = await store.db.select().from(passwordTokens).where(eq(passwordTokens.userId, userId));
    expect(tokens.map((t) => t.tokenHash)).not.toContain(setPasswordToken);
    expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t.tokenHash))).toBe(true);
    const sessions = await store.db.select().from(staffSessions).where(eq(staffSessions.userId, userId));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(signedIn.session.token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a set-password link once, and not after 24 hours', async () => {
    const first = await createStaff(store.db, { email: freshEmail(), organisationSlug: 'opus-titasz', organisationId: 'org-opus', role: 'handler', now: T0 });
    expect(await setPassword(store.db, { token: first.setPasswordToken!, password: PASSWORD, now: T0 })).toEqual({ ok: true });
    expect(await setPassword(store.db, { token: first.setPasswordToken!, password: 'another long passphrase', now: T0 })).toEqual({
      ok: false,
      reason: 'invalid',
    });

    const late = await createStaff(store.db, { email: freshEmail(), organisationSlug: 'opus-titasz', organisationId: 'org-opus', role: 'handler', now: T0 });
    expect(await setPassword(store.db, { token: late.setPasswordToken!, password: PASSWORD, now: at(24 * 60 * MIN) })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await setPassword(store.db, { token: 'made-up-token-made-up-token-made-up-token12', password: PASSWORD, now: T0 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it.each([
    ['too short', 'short pass', 'tooShort'],
    ['common', 'password1234', 'common'],
    ['one repeated character', 'aaaaaaaaaaaaaaaa', 'common'],
    ['the email address', '{email}', 'containsEmail'],
    ["the email's local part", '{local}', 'containsEmail'],
  ])('refuses a weak password (%s) and keeps the link working', async (_name, template, problem) => {
    const email = `maria.szabo.${++counter}@opus.example`;
    const { setPasswordToken } = await createStaff(store.db, { email, organisationSlug: 'opus-titasz', organisationId: 'org-opus', role: 'handler', now: T0 });
    const password = template.replace('{email}', email).replace('{local}', email.split('@')[0]!.toUpperCase());
    expect(await setPassword(store.db, { token: setPasswordToken!, password, now: T0 })).toEqual({ ok: false, reason: 'weak', problem });
    expect(await setPassword(store.db, { token: setPasswordToken!, password: PASSWORD, now: T0 })).toEqual({ ok: true });
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const { email, userId } = await member();
    const signedIn = await signIn(email, PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    await store.db
      .update(staffUsers)
      .set({ disabledAt: at(MIN) })
      .where(eq(staffUsers.id, userId));
    expect(await validateStaffSession(store.db, signedIn.session.token, at(2 * MIN))).toBeNull();
    expect(await signIn(email, PASSWORD, at(2 * MIN))).toEqual({ ok: false, reason: 'invalid' });
  });
});
