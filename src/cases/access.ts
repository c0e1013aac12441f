import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { cases, magicLinks, outbox, type Db } from '../db/index.ts';
import { defaultLocale, isLanguageTag } from '../i18n/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { generateAccessCode, hashAccessCode, verifyAccessCode } from './access-code.ts';
import { generateToken, hashToken } from '../auth/session.ts';
import { clientLimitKey, rateLimitTable, release, reserve } from '../security/rate-limits.ts';
import { hitRateLimit } from '../db/index.ts';
import { createCaseSession, type CaseSession } from './case-session.ts';
import { parseReference } from './reference.ts';

/** The limits on getting into a case (all in src/security/rate-limits.ts). */
export const accessLimits = {
  signInPerReference: rateLimitTable.trackSignInPerReference,
  signInPerClient: rateLimitTable.trackSignInPerClient,
  magicLinkPerReference: rateLimitTable.trackLinkPerReference,
  magicLinkPerClient: rateLimitTable.trackLinkPerClient,
} as const;
export { caseForSession, loadCaseForSession, caseSessionCookie, endSession, SESSION_TTL_MS, type CaseSession, type SessionQuery } from './case-session.ts';

/** How long a sign-in link works (once). */
export const MAGIC_LINK_TTL_MS = 30 * 60_000;

export type SignInResult =
  | { ok: true; caseId: string; reference: string; session: CaseSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number };

export interface SignInWithCode {
  /** The reference as typed. */
  reference: string;
  /** The access code as typed. */
  accessCode: string;
  /** Who is asking, for the per-client limit: usually the IP address (hashed before it is stored). */
  clientKey: string;
  now: Date;
}

// Verifying against this when the reference does not exist costs the same scrypt as a real
// case, so the time taken does not say whether the reference exists.
// Made once at start-up, so that even the first unknown reference costs no more than a known one.
const dummyAccessCodeHash = hashAccessCode(generateAccessCode());

/**
 * Opens a case with its reference and access code, and starts a session on it. The answer
 * is the same `invalid` for a malformed reference, an unknown one and a wrong code, so
 * nothing can be enumerated; a malformed one is refused before any lookup but still counts
 * against the client. Failed attempts are limited per reference and per client
 * (`accessLimits`); while a limit is full even the right code is refused, with the seconds
 * until the window ends.
 */
export async function signInWithCode(db: Db, { reference, accessCode, clientKey, now }: SignInWithCode): Promise<SignInResult> {
  const parsed = parseReference(reference);
  const limits = [{ key: clientLimitKey('signin', clientKey), limit: accessLimits.signInPerClient }];
  if (parsed.ok) limits.push({ key: `signin:ref:${parsed.reference}`, limit: accessLimits.signInPerReference });
  const reserved = await reserve(db, limits, now);
  if (!reserved.ok) return { ok: false, reason: 'rateLimited', retryAfterSeconds: reserved.retryAfterSeconds };
  if (!parsed.ok) return { ok: false, reason: 'invalid' };

  const [row] = await db
    .select({ id: cases.id, reference: cases.reference, accessCodeHash: cases.accessCodeHash })
    .from(cases)
    .where(eq(cases.reference, parsed.reference))
    .limit(1);
  const matches = await verifyAccessCode(accessCode, row?.accessCodeHash ?? (await dummyAccessCodeHash));
  if (!row || !matches) return { ok: false, reason: 'invalid' };

  // A success is not a failed attempt: its slots go back.
  await release(db, reserved.taken);
  const session = await createCaseSession(db, row.id, now);
  return { ok: true, caseId: row.id, reference: row.reference, session };
}

export interface RequestMagicLink {
  /** The reference as typed. */
  reference: string;
  /** The email address as typed; compared with the case's without regard to case. */
  email: string;
  clientKey: string;
  /** The page's language: the mail is written in it and the link leads to it. */
  language: string;
  now: Date;
  /** The site's address, e.g. `https://complaints.example.org` (no trailing path). */
  publicBaseUrl: string;
}

export type RequestMagicLinkResult = { ok: true } | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number };

/** Email addresses as compared: trimmed, NFKC, lower case; then hashed to a fixed length. */
const emailDigest = (email: string) => createHash('sha256').update(email.normalize('NFKC').trim().toLowerCase(), 'utf8').digest();

/**
 * Sends a single-use sign-in link when the reference and the email address belong to the
 * same case: a `magic_links` row (256-bit token, only its SHA-256 stored, 30 minutes) and a
 * `magicLink` mail, in one transaction. The answer is `{ ok: true }` whether or not they
 * match (a malformed reference included), and both paths do the same work and the same
 * number of round trips. Every request counts against the client; only a matching one against
 * the reference (mails sent), so strangers cannot use up the owner's links.
 */
export async function requestMagicLink(db: Db, input: RequestMagicLink): Promise<RequestMagicLinkResult> {
  const { email, clientKey, now } = input;
  const parsed = parseReference(input.reference);
  // Only the client is limited up front. The reference's own limit counts mails actually
  // sent (below): someone hammering a reference with wrong addresses must not use up the
  // link its owner is about to ask for.
  const reserved = await reserve(db, [{ key: clientLimitKey('magiclink', clientKey), limit: accessLimits.magicLinkPerClient }], now);
  if (!reserved.ok) return { ok: false, reason: 'rateLimited', retryAfterSeconds: reserved.retryAfterSeconds };

  const [row] = await db
    .select({ id: cases.id, reference: cases.reference, email: cases.complainantEmail })
    .from(cases)
    // A reference that cannot be one is looked up as '' (found nowhere), for the same timing.
    .where(eq(cases.reference, parsed.ok ? parsed.reference : ''))
    .limit(1);
  // Compared in constant time, against a dummy address when there is nothing to compare with.
  const matches = timingSafeEqual(emailDigest(email), emailDigest(row?.email ?? '\u0000no address')) && !!row?.email;
  // Counted on both paths (a key no one reads on a mismatch), so timing says nothing. When the
  // owner's own mails for the hour are used up, the answer is still "sent": a refusal here
  // would tell a stranger that the address matched.
  const perReference = await hitRateLimit(db, {
    key: matches ? `magiclink:ref:${row!.reference}` : 'magiclink:mismatch',
    limit: matches ? accessLimits.magicLinkPerReference.limit : Number.MAX_SAFE_INTEGER,
    windowMs: accessLimits.magicLinkPerReference.windowMs,
    now,
  });
  const send = matches && perReference.ok;
  const token = generateToken(32);
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + MAGIC_LINK_TTL_MS);

  await db.transaction(async (tx) => {
    if (!row || !send) {
      // Two statements like the two inserts below, which change nothing.
      await tx.select({ id: magicLinks.id }).from(magicLinks).where(eq(magicLinks.tokenHash, tokenHash)).limit(1);
      await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.id, -1)).limit(1);
      return;
    }
    const language = isLanguageTag(input.language) ? input.language : defaultLocale;
    await tx.insert(magicLinks).values({ caseId: row.id, tokenHash, expiresAt, createdAt: now });
    await enqueueMail(tx, {
      caseId: row.id,
      template: 'magicLink',
      language,
      to: row.email!,
      payload: {
        reference: row.reference,
        link: `${input.publicBaseUrl.replace(/\/+$/, '')}/${language}/track/link/${token}`,
        expiresInMinutes: MAGIC_LINK_TTL_MS / 60_000,
      },
    });
  });
  return { ok: true };
}

export type ConsumeMagicLinkResult = { ok: true; caseId: string; reference: string; session: CaseSession } | { ok: false; reason: 'invalid' };

/**
 * Signs in with a link from a `magicLink` mail: the link is marked used in the same
 * statement that checks it is unused and unexpired, so two clicks at once open one
 * session. Unknown, expired and used links are all `invalid`.
 */
export async function consumeMagicLink(db: Db, { token, now }: { token: string; now: Date }): Promise<ConsumeMagicLinkResult> {
  if (!token) return { ok: false, reason: 'invalid' };
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(magicLinks)
      .set({ usedAt: now })
      .where(and(eq(magicLinks.tokenHash, hashToken(token)), isNull(magicLinks.usedAt), gt(magicLinks.expiresAt, now)))
      .returning({ caseId: magicLinks.caseId });
    if (!used) return { ok: false, reason: 'invalid' } as const;
    const [found] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, used.caseId)).limit(1);
    const session = await createCaseSession(tx, used.caseId, now);
    return { ok: true, caseId: used.caseId, reference: found!.reference, session } as const;
  });
}
