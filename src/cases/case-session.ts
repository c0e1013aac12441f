import { and, eq, gt } from 'drizzle-orm';
import { cases, caseSessions, type Db } from '../db/index.ts';
import { generateToken, hashToken } from './access-code.ts';
import { normaliseReference } from './reference.ts';

/** How long a session on one case lasts from sign-in (no sliding: the cookie says the same). */
export const SESSION_TTL_MS = 2 * 60 * 60_000;

/** A complainant's session: the token goes in the cookie, only its hash in the database. */
export interface CaseSession {
  token: string;
  expiresAt: Date;
}

/** Opens a session on one case: a 256-bit random token whose SHA-256 is stored with the case. */
export async function createCaseSession(db: Db, caseId: string, now: Date): Promise<CaseSession> {
  const token = generateToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
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
    .select({ caseId: caseSessions.caseId, reference: cases.reference })
    .from(caseSessions)
    .innerJoin(cases, eq(cases.id, caseSessions.caseId))
    .where(and(eq(caseSessions.tokenHash, hashToken(token)), gt(caseSessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  if (caseId !== undefined && row.caseId !== caseId) return null;
  if (wanted !== undefined && row.reference !== wanted) return null;
  return row.caseId;
}

/** Ends a session (signing out): its row is deleted, so the cookie opens nothing any more. */
export async function endSession(db: Db, token: string): Promise<void> {
  if (!token) return;
  await db.delete(caseSessions).where(eq(caseSessions.tokenHash, hashToken(token)));
}
