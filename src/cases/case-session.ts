import { eq, sql } from 'drizzle-orm';
import { cases, caseSessions, type Db } from '../db/index.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { checkExpiry, firstExpiry, generateToken, hashToken, type SessionLifetime } from '../auth/session.ts';
import { normaliseReference } from './reference.ts';
import { loadedCaseSelection, type LoadedCase } from './actions/load.ts';

/** How long a session on one case lasts from sign-in (no sliding: the cookie says the same). */
export const SESSION_TTL_MS = 2 * 60 * 60_000;
const caseLifetime: SessionLifetime = { absoluteMs: SESSION_TTL_MS };

/**
 * The complainant's session cookie for one case. Its name carries the reference so that a
 * person following two cases holds two sessions; its value is the token whose hash the
 * database binds to that one case. Sent to every page (the status page is under the
 * language's path). site/lib/case-session.ts sets it.
 */
export const caseSessionCookie = (reference: string) => ({ name: `redress_case_${reference}`, path: '/' }) as const;

/** A complainant's session: the token goes in the cookie, only its hash in the database. */
export interface CaseSession {
  token: string;
  expiresAt: Date;
}

/** Opens a session on one case: a 256-bit random token whose SHA-256 is stored with the case. */
export async function createCaseSession(db: Db, caseId: string, now: Date): Promise<CaseSession> {
  const token = generateToken(32);
  const expiresAt = firstExpiry(caseLifetime, now);
  await db.insert(caseSessions).values({ caseId, tokenHash: hashToken(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

export interface SessionQuery {
  /** The cookie's token. */
  token: string;
  /** The case the page is about: a session on another case opens nothing. */
  caseId?: string;
  /** Or its reference as in the address (normalised here). */
  reference?: string;
  now: Date;
}

/**
 * The id of the case a session opens, or null when the token is unknown or expired, or
 * when the session belongs to another case than the one asked about (a cookie for case A
 * never opens case B).
 */
export async function caseForSession(db: Db, { token, caseId, reference, now }: SessionQuery): Promise<string | null> {
  if (!token) return null;
  const wanted = reference === undefined ? undefined : normaliseReference(reference);
  if (wanted === null) return null;
  const [row] = await db
    .select({ caseId: caseSessions.caseId, reference: cases.reference, createdAt: caseSessions.createdAt, expiresAt: caseSessions.expiresAt })
    .from(caseSessions)
    .innerJoin(cases, eq(cases.id, caseSessions.caseId))
    .where(eq(caseSessions.tokenHash, hashToken(token)))
    .limit(1);
  // An expired row is not deleted here: viewing a status page stays a read.
  if (!row || !checkExpiry(caseLifetime, row, now).ok) return null;
  if (caseId !== undefined && row.caseId !== caseId) return null;
  if (wanted !== undefined && row.reference !== wanted) return null;
  return row.caseId;
}

const sessionCase = preparedPerDatabase((db) =>
  db
    .select({ ...loadedCaseSelection, session: { createdAt: caseSessions.createdAt, expiresAt: caseSessions.expiresAt } })
    .from(caseSessions)
    .innerJoin(cases, eq(cases.id, caseSessions.caseId))
    .where(eq(caseSessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('redress_session_case'),
);

/**
 * The case a session opens, with its events and files, in one statement: what the status
 * page shows on every view. Null in the same cases as caseForSession.
 */
export async function loadCaseForSession(db: Db, { token, reference, now }: Omit<SessionQuery, 'caseId'>): Promise<LoadedCase | null> {
  if (!token) return null;
  const wanted = reference === undefined ? undefined : normaliseReference(reference);
  if (wanted === null) return null;
  const [row] = await sessionCase(db).execute({ tokenHash: hashToken(token) });
  if (!row || !checkExpiry(caseLifetime, row.session, now).ok) return null;
  if (wanted !== undefined && row.case.reference !== wanted) return null;
  return { case: row.case, events: row.events, attachments: row.attachments };
}

/** Ends a session (signing out): its row is deleted, so the cookie opens nothing any more. */
export async function endSession(db: Db, token: string): Promise<void> {
  if (!token) return;
  await db.delete(caseSessions).where(eq(caseSessions.tokenHash, hashToken(token)));
}
