import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  accessLimits,
  caseForSession,
  loadCaseForSession,
  consumeMagicLink,
  endSession,
  requestMagicLink,
  signInWithCode,
  MAGIC_LINK_TTL_MS,
  SESSION_TTL_MS,
} from '#src/cases/access.ts';
import { hashToken } from '#src/auth/session.ts';
import { checkSymbol, crockford, generateReference } from '#src/cases/reference.ts';
import { submitCase, type NewCase } from '#src/cases/submit.ts';
import { caseSessions, magicLinks, outbox, rateLimits } from '#src/db/index.ts';
import { renderMail } from '#src/mail/index.ts';
import { databaseEngines, useTestDatabase, type TestDatabase } from '../support/databases.ts';

const HOUR = 60 * 60_000;
// Ten minutes into an hour-long rate-limit window, so that a test's attempts share one window.
const start = new Date('2026-11-23T10:10:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);
const client = () => `203.0.113.${randomBytes(1)[0]}-${randomBytes(4).toString('hex')}`;
const base = 'https://complaints.example.org';

async function newCase(store: TestDatabase, email: string | null = 'Anna.Kovacs@Example.org') {
  const input: NewCase = {
    organisation: {
      id: 'org-test',
      slug: 'test',
      referencePrefix: 'TST',
      calendar: { timeZone: 'Europe/Budapest', country: 'HU' },
      commitments: [],
    },
    kind: 'complaint',
    language: 'hu',
    idempotencyKey: randomBytes(16).toString('hex'),
    draftId: null,
    answers: email ? { name: 'Kovács Anna', email } : { name: 'Kovács Anna', phone: '+36 1 234 5678' },
    fields: [],
    now: new Date('2026-11-21T09:00:00Z'),
    acknowledgement: () => null,
  };
  const result = await submitCase(store.db, input);
  if (!result.ok || result.duplicate) throw new Error('expected a new case');
  return result;
}

/** A code of the right shape that is not this one: one symbol changed. */
function wrongCode(code: string): string {
  const first = code[0]!;
  return (first === '0' ? '1' : '0') + code.slice(1);
}

/** A reference with a valid check symbol that no case has. */
function unknownReference(): string {
  return generateReference('TST', 2026);
}

/** The same reference with its check symbol changed: a typing mistake. */
function withWrongCheckSymbol(reference: string): string {
  const last = reference.at(-1)!;
  const other = crockford[(crockford.indexOf(last) + 1) % 32]!;
  return reference.slice(0, -1) + other;
}

describe.each(databaseEngines())('getting into a case on %s', (engine) => {
  const store = useTestDatabase(engine);

  describe('with the reference and the access code', () => {
    it('opens nothing with a reference alone', async () => {
      const created = await newCase(store);
      for (const accessCode of ['', ' ', 'null', created.reference]) {
        expect(await signInWithCode(store.db, { reference: created.reference, accessCode, clientKey: client(), now: start })).toEqual({
          ok: false,
          reason: 'invalid',
        });
      }
      expect(await store.db.select().from(caseSessions).where(eq(caseSessions.caseId, created.caseId))).toEqual([]);
    });

    it('opens the case with the right code, however the reference and code are typed', async () => {
      const created = await newCase(store);
      const typed = created.reference.toLowerCase().replace(/-/g, ' ');
      const result = await signInWithCode(store.db, { reference: typed, accessCode: created.accessCode.toLowerCase(), clientKey: client(), now: start });
      expect(result).toMatchObject({ ok: true, caseId: created.caseId, reference: created.reference });
      if (!result.ok) throw new Error('expected success');
      expect(result.session.expiresAt).toEqual(later(SESSION_TTL_MS));
      expect(Buffer.from(result.session.token, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(await caseForSession(store.db, { token: result.session.token, caseId: created.caseId, now: start })).toBe(created.caseId);
      expect(await caseForSession(store.db, { token: result.session.token, reference: typed, now: start })).toBe(created.caseId);
    });

    it('refuses a wrong code six times with rateLimited, then even the right code until the window passes', async () => {
      const created = await newCase(store);
      const attempt = (accessCode: string, now: Date) => signInWithCode(store.db, { reference: created.reference, accessCode, clientKey: client(), now });
      for (let i = 0; i < accessLimits.signInPerReference.limit; i++) {
        expect(await attempt(wrongCode(created.accessCode), later(i * 1000))).toEqual({ ok: false, reason: 'invalid' });
      }
      // Every attempt from a different client: the limit is on the reference.
      const sixth = await attempt(wrongCode(created.accessCode), later(5000));
      expect(sixth).toEqual({ ok: false, reason: 'rateLimited', retryAfterSeconds: 50 * 60 - 5 });
      const right = await attempt(created.accessCode, later(60_000));
      expect(right).toEqual({ ok: false, reason: 'rateLimited', retryAfterSeconds: 49 * 60 });
      if (right.ok || right.reason !== 'rateLimited') throw new Error('expected rateLimited');
      expect(await attempt(created.accessCode, later(60_000 + right.retryAfterSeconds * 1000))).toMatchObject({ ok: true, caseId: created.caseId });
    });

    it('does not count successful sign-ins against the reference', async () => {
      const created = await newCase(store);
      for (let i = 0; i < accessLimits.signInPerReference.limit + 3; i++) {
        const result = await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey: client(), now: start });
        expect(result.ok).toBe(true);
      }
    });

    it('limits the failed attempts of one client across references', async () => {
      const clientKey = client();
      const { limit } = accessLimits.signInPerClient;
      for (let i = 0; i < limit; i++) {
        expect(await signInWithCode(store.db, { reference: unknownReference(), accessCode: 'ABCD-EFGH-JKMN', clientKey, now: start })).toEqual({
          ok: false,
          reason: 'invalid',
        });
      }
      const created = await newCase(store);
      expect(await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey, now: start })).toMatchObject({
        ok: false,
        reason: 'rateLimited',
      });
      // Another client is not held up.
      expect(await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey: client(), now: start })).toMatchObject({
        ok: true,
      });
    });

    it('answers invalid to a reference with a wrong check symbol, and counts it against the client', async () => {
      const created = await newCase(store);
      const clientKey = client();
      const mistyped = withWrongCheckSymbol(created.reference);
      expect(await signInWithCode(store.db, { reference: mistyped, accessCode: created.accessCode, clientKey, now: start })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await signInWithCode(store.db, { reference: 'not a reference', accessCode: created.accessCode, clientKey, now: start })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      const counters = await store.db.select().from(rateLimits);
      expect(counters.filter((row) => row.key.startsWith('signin:client:') && row.count === 2)).toHaveLength(1);
      // Nothing was counted against a reference that was never read.
      expect(counters.some((row) => row.key.includes(mistyped))).toBe(false);
    });

    it('answers a valid-looking reference that does not exist exactly like a wrong code', async () => {
      const created = await newCase(store);
      const unknown = unknownReference();
      expect(checkSymbol(unknown.replace(/-/g, '').slice(0, -1))).toBe(unknown.at(-1));
      const run = async (reference: string, accessCode: string) => {
        const answers = [];
        for (let i = 0; i <= accessLimits.signInPerReference.limit; i++) {
          answers.push(await signInWithCode(store.db, { reference, accessCode, clientKey: client(), now: later(i * 1000) }));
        }
        return answers;
      };
      const forUnknown = await run(unknown, created.accessCode);
      const forWrongCode = await run(created.reference, wrongCode(created.accessCode));
      expect(forUnknown).toEqual(forWrongCode);
      expect(forUnknown.at(-1)).toMatchObject({ ok: false, reason: 'rateLimited' });
    });

    it('keeps tokens only as their SHA-256', async () => {
      const created = await newCase(store);
      const result = await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey: client(), now: start });
      if (!result.ok) throw new Error('expected success');
      const rows = await store.db.select().from(caseSessions).where(eq(caseSessions.caseId, created.caseId));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).toBe(hashToken(result.session.token));
      expect(JSON.stringify(rows)).not.toContain(result.session.token);
    });
  });

  describe('sessions', () => {
    it('opens nothing when a session for case A is used on case B', async () => {
      const a = await newCase(store);
      const b = await newCase(store);
      const signedIn = await signInWithCode(store.db, { reference: a.reference, accessCode: a.accessCode, clientKey: client(), now: start });
      if (!signedIn.ok) throw new Error('expected success');
      const token = signedIn.session.token;
      expect(await caseForSession(store.db, { token, caseId: b.caseId, now: start })).toBeNull();
      expect(await caseForSession(store.db, { token, reference: b.reference, now: start })).toBeNull();
      expect(await caseForSession(store.db, { token, caseId: a.caseId, reference: b.reference, now: start })).toBeNull();
      expect(await caseForSession(store.db, { token, reference: 'not a reference', now: start })).toBeNull();
      expect(await caseForSession(store.db, { token, caseId: a.caseId, now: start })).toBe(a.caseId);
      // The status page's loader applies the same rules.
      expect(await loadCaseForSession(store.db, { token, reference: b.reference, now: start })).toBeNull();
      expect(await loadCaseForSession(store.db, { token, reference: 'not a reference', now: start })).toBeNull();
      expect((await loadCaseForSession(store.db, { token, reference: a.reference.toLowerCase(), now: start }))?.case.id).toBe(a.caseId);
    });

    it('opens nothing once the session has expired, or with an unknown token', async () => {
      const created = await newCase(store);
      const signedIn = await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey: client(), now: start });
      if (!signedIn.ok) throw new Error('expected success');
      const token = signedIn.session.token;
      expect(await caseForSession(store.db, { token, now: later(SESSION_TTL_MS - 1) })).toBe(created.caseId);
      expect(await caseForSession(store.db, { token, now: later(SESSION_TTL_MS) })).toBeNull();
      expect(await caseForSession(store.db, { token: randomBytes(32).toString('base64url'), now: start })).toBeNull();
      expect(await caseForSession(store.db, { token: '', now: start })).toBeNull();
      expect((await loadCaseForSession(store.db, { token, now: later(SESSION_TTL_MS - 1) }))?.case.id).toBe(created.caseId);
      expect(await loadCaseForSession(store.db, { token, now: later(SESSION_TTL_MS) })).toBeNull();
      expect(await loadCaseForSession(store.db, { token: randomBytes(32).toString('base64url'), now: start })).toBeNull();
      expect(await loadCaseForSession(store.db, { token: '', now: start })).toBeNull();
    });

    it('opens nothing after the session is ended', async () => {
      const created = await newCase(store);
      const signedIn = await signInWithCode(store.db, { reference: created.reference, accessCode: created.accessCode, clientKey: client(), now: start });
      if (!signedIn.ok) throw new Error('expected success');
      await endSession(store.db, signedIn.session.token);
      expect(await caseForSession(store.db, { token: signedIn.session.token, now: start })).toBeNull();
    });
  });

  describe('with a magic link', () => {
    const mailFor = (caseId: string) => store.db.select().from(outbox).where(eq(outbox.caseId, caseId));
    const linkToken = (link: string) => link.slice(link.lastIndexOf('/') + 1);

    it('sends a link when the email matches, whatever its case, and keeps only the hash', async () => {
      const created = await newCase(store);
      const answer = await requestMagicLink(store.db, {
        reference: created.reference,
        email: ' anna.kovacs@EXAMPLE.org ',
        clientKey: client(),
        language: 'fr',
        now: start,
        publicBaseUrl: `${base}/`,
      });
      expect(answer).toEqual({ ok: true });
      const mail = await mailFor(created.caseId);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ template: 'magicLink', language: 'fr', toAddress: 'Anna.Kovacs@Example.org', status: 'pending' });
      const payload = mail[0]!.payload as { link: string; reference: string; expiresInMinutes: number; secretKeys: string[] };
      expect(payload).toMatchObject({ reference: created.reference, expiresInMinutes: 30, secretKeys: ['link'] });
      expect(payload.link).toMatch(new RegExp(`^${base}/fr/track/link/[A-Za-z0-9_-]{43}$`));
      const token = linkToken(payload.link);
      const links = await store.db.select().from(magicLinks).where(eq(magicLinks.caseId, created.caseId));
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({ tokenHash: hashToken(token), expiresAt: later(MAGIC_LINK_TTL_MS), usedAt: null });
      expect(JSON.stringify(links)).not.toContain(token);

      const rendered = renderMail('magicLink', 'fr', payload);
      expect(rendered.text).toContain(payload.link);
      expect(rendered.text).toContain('30 minutes');
    });

    it('opens the case once with the link, and sessions from it are bound to that case', async () => {
      const created = await newCase(store);
      await requestMagicLink(store.db, {
        reference: created.reference,
        email: 'anna.kovacs@example.org',
        clientKey: client(),
        language: 'en',
        now: start,
        publicBaseUrl: base,
      });
      const token = linkToken(((await mailFor(created.caseId))[0]!.payload as { link: string }).link);
      const first = await consumeMagicLink(store.db, { token, now: later(60_000) });
      expect(first).toMatchObject({ ok: true, caseId: created.caseId, reference: created.reference });
      if (!first.ok) throw new Error('expected success');
      expect(await caseForSession(store.db, { token: first.session.token, caseId: created.caseId, now: later(60_000) })).toBe(created.caseId);
      // Reused: refused.
      expect(await consumeMagicLink(store.db, { token, now: later(120_000) })).toEqual({ ok: false, reason: 'invalid' });
      // The link's own token is not a session.
      expect(await caseForSession(store.db, { token, now: later(60_000) })).toBeNull();
    });

    it('refuses an expired link', async () => {
      const created = await newCase(store);
      await requestMagicLink(store.db, {
        reference: created.reference,
        email: 'anna.kovacs@example.org',
        clientKey: client(),
        language: 'en',
        now: start,
        publicBaseUrl: base,
      });
      const token = linkToken(((await mailFor(created.caseId))[0]!.payload as { link: string }).link);
      expect(await consumeMagicLink(store.db, { token, now: later(MAGIC_LINK_TTL_MS) })).toEqual({ ok: false, reason: 'invalid' });
      const [row] = await store.db.select().from(magicLinks).where(eq(magicLinks.caseId, created.caseId));
      expect(row!.usedAt).toBeNull();
    });

    it('refuses an unknown or empty token', async () => {
      expect(await consumeMagicLink(store.db, { token: randomBytes(32).toString('base64url'), now: start })).toEqual({ ok: false, reason: 'invalid' });
      expect(await consumeMagicLink(store.db, { token: '', now: start })).toEqual({ ok: false, reason: 'invalid' });
    });

    it('opens one session when the same link is used twice at once', async () => {
      const created = await newCase(store);
      await requestMagicLink(store.db, {
        reference: created.reference,
        email: 'anna.kovacs@example.org',
        clientKey: client(),
        language: 'en',
        now: start,
        publicBaseUrl: base,
      });
      const token = linkToken(((await mailFor(created.caseId))[0]!.payload as { link: string }).link);
      const results = await Promise.all([1, 2, 3].map(() => consumeMagicLink(store.db, { token, now: later(1000) })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it('queues no mail for a wrong email, an unknown reference or a case without email, and answers the same', async () => {
      const created = await newCase(store);
      const withoutEmail = await newCase(store, null);
      const answers = await Promise.all(
        [
          { reference: created.reference, email: 'someone.else@example.org' },
          { reference: created.reference, email: '' },
          { reference: unknownReference(), email: 'anna.kovacs@example.org' },
          { reference: withWrongCheckSymbol(created.reference), email: 'anna.kovacs@example.org' },
          { reference: withoutEmail.reference, email: '' },
        ].map((asked) => requestMagicLink(store.db, { ...asked, clientKey: client(), language: 'en', now: start, publicBaseUrl: base })),
      );
      expect(answers).toEqual(answers.map(() => ({ ok: true })));
      expect(await mailFor(created.caseId)).toEqual([]);
      expect(await mailFor(withoutEmail.caseId)).toEqual([]);
      expect(await store.db.select().from(magicLinks).where(eq(magicLinks.caseId, created.caseId))).toEqual([]);
    });

    it('limits mails per reference (only asks with the right address count) and asks per client', async () => {
      const created = await newCase(store);
      const mailFor = (caseId: string) => store.db.select().from(outbox).where(eq(outbox.caseId, caseId));
      const ask = (email: string, clientKey = client()) =>
        requestMagicLink(store.db, { reference: created.reference, email, clientKey, language: 'en', now: start, publicBaseUrl: base });
      // A stranger hammering the reference with wrong addresses uses up nothing of the owner's.
      for (let i = 0; i < 3 * accessLimits.magicLinkPerReference.limit; i++) expect(await ask(`x${i}@example.org`)).toEqual({ ok: true });
      for (let i = 0; i < accessLimits.magicLinkPerReference.limit; i++) expect(await ask('anna.kovacs@example.org')).toEqual({ ok: true });
      expect(await mailFor(created.caseId)).toHaveLength(accessLimits.magicLinkPerReference.limit);
      // Past the limit the answer is the same (a refusal would say the address matched), but no more mail.
      expect(await ask('anna.kovacs@example.org')).toEqual({ ok: true });
      expect(await mailFor(created.caseId)).toHaveLength(accessLimits.magicLinkPerReference.limit);

      const clientKey = client();
      for (let i = 0; i < accessLimits.magicLinkPerClient.limit; i++) {
        expect(
          await requestMagicLink(store.db, {
            reference: unknownReference(),
            email: 'x@example.org',
            clientKey,
            language: 'en',
            now: start,
            publicBaseUrl: base,
          }),
        ).toEqual({ ok: true });
      }
      expect(
        await requestMagicLink(store.db, { reference: unknownReference(), email: 'x@example.org', clientKey, language: 'en', now: start, publicBaseUrl: base }),
      ).toMatchObject({
        ok: false,
        reason: 'rateLimited',
      });
    });
  });

  it('stores no client address in clear in the rate-limit table', async () => {
    const clientKey = '198.51.100.77';
    await signInWithCode(store.db, { reference: unknownReference(), accessCode: 'ABCD-EFGH-JKMN', clientKey, now: later(HOUR) });
    const keys = (await store.db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys.some((key) => key.includes(clientKey))).toBe(false);
  });
});
