import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { passwordTokens, staffMemberships, staffSessions, staffUsers, type Db } from '../db/index.ts';
import { jsonRowsOf } from '../db/json-rows.ts';
import { generateToken, hashToken, plausibleToken } from './session.ts';
import { normaliseEmail } from './email.ts';
import { hashPassword, passwordProblem, type PasswordProblem } from './password.ts';
import { isRole, type Membership, type Role } from './types.ts';

/** How long a set-password link works. */
export const PASSWORD_TOKEN_TTL_MS = 24 * 60 * 60_000;

export interface NewStaff {
  email: string;
  /** Shown in the back office and on case events; default the email's local part. */
  name?: string;
  organisationSlug: string;
  /** The organisation's content `_id`. */
  organisationId: string;
  role: Role;
  now: Date;
}

export interface CreatedStaff {
  userId: string;
  /** False when the address already had an account and only gained (or changed) a membership. */
  created: boolean;
  /**
   * The one-time token for `/staff/set-password/<token>` (valid 24 h), shown once and stored
   * only hashed. Null when the account already has a password: a new membership needs none.
   */
  setPasswordToken: string | null;
}

/**
 * Creates a member of staff with a membership of one organisation, or adds (or changes) the
 * membership of an existing account with that email. Returns a set-password token unless
 * the account already has a password. Bad input (email, role) is a bug of the caller:
 * validate with normaliseEmail and isRole first.
 */
export async function createStaff(db: Db, input: NewStaff): Promise<CreatedStaff> {
  const email = normaliseEmail(input.email);
  if (!email) throw new Error('createStaff was given something that is not an email address.');
  if (!isRole(input.role)) throw new Error(`createStaff was given an unknown role "${String(input.role)}".`);
  if (!input.organisationId || !input.organisationSlug) throw new Error('createStaff needs the organisation id and slug.');
  const name = input.name?.trim() || email.split('@')[0]!;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(staffUsers)
      .values({ id: crypto.randomUUID(), email, name, createdAt: input.now })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning({ id: staffUsers.id });
    const created = inserted.length === 1;
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.email, email)).for('update');
    await tx
      .insert(staffMemberships)
      .values({ userId: user!.id, organisationId: input.organisationId, organisationSlug: input.organisationSlug, role: input.role, createdAt: input.now })
      .onConflictDoUpdate({
        target: [staffMemberships.userId, staffMemberships.organisationId],
        set: { role: input.role, organisationSlug: input.organisationSlug },
      });
    if (user!.passwordHash) return { userId: user!.id, created: false, setPasswordToken: null };
    const token = generateToken();
    await tx.insert(passwordTokens).values({
      tokenHash: hashToken(token),
      userId: user!.id,
      purpose: 'set',
      expiresAt: new Date(input.now.getTime() + PASSWORD_TOKEN_TTL_MS),
      createdAt: input.now,
    });
    return { userId: user!.id, created, setPasswordToken: token };
  });
}

/** Whom a set-password link is for, while it still works; null otherwise. */
export async function checkPasswordToken(db: Db, token: string, now: Date): Promise<{ email: string; name: string } | null> {
  if (!plausibleToken(token)) return null;
  const [row] = await db
    .select({ email: staffUsers.email, name: staffUsers.name })
    .from(passwordTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        eq(passwordTokens.purpose, 'set'),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, now),
        isNull(staffUsers.disabledAt),
      ),
    );
  return row ?? null;
}

export type SetPasswordResult = { ok: true } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'weak'; problem: PasswordProblem };

/**
 * Sets a password with a set-password token: the token works once, for 24 hours. A weak
 * password is refused without using the token up. Setting a password clears a lockout,
 * uses up the account's other tokens and ends its sessions.
 */
export async function setPassword(db: Db, { token, password, now }: { token: string; password: string; now: Date }): Promise<SetPasswordResult> {
  const owner = await checkPasswordToken(db, token, now);
  if (!owner) return { ok: false, reason: 'invalid' };
  const problem = passwordProblem(password, owner.email);
  if (problem) return { ok: false, reason: 'weak', problem };
  // Hashing takes tens of milliseconds: outside the transaction, which only has to be atomic.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
      .returning({ userId: passwordTokens.userId });
    if (!used) return { ok: false as const, reason: 'invalid' as const };
    await tx.update(staffUsers).set({ passwordHash, failedAttempts: 0, lockedUntil: null }).where(eq(staffUsers.id, used.userId));
    await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.userId, used.userId), isNull(passwordTokens.usedAt)));
    await tx.delete(staffSessions).where(eq(staffSessions.userId, used.userId));
    return { ok: true as const };
  });
}

/** A member of staff's memberships, in a stable order. */
export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  return asMemberships(await db.select().from(staffMemberships).where(eq(staffMemberships.userId, userId)).orderBy(staffMemberships.organisationSlug));
}

/** A member of staff's membership rows as a column of a select over `staff_users` (see jsonRowsOf). */
export const membershipRowsOfUser = jsonRowsOf(staffMemberships, eq(staffMemberships.userId, staffUsers.id), sql`${staffMemberships.organisationSlug}`);

/** Membership rows with a known role, in the order given. */
export function asMemberships(rows: readonly (typeof staffMemberships.$inferSelect)[]): Membership[] {
  return rows
    .filter((row) => isRole(row.role))
    .map((row) => ({ organisationId: row.organisationId, organisationSlug: row.organisationSlug, role: row.role as Role }));
}

export interface StaffListing {
  id: string;
  email: string;
  name: string;
  hasPassword: boolean;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  memberships: Membership[];
}

/** Every account with its memberships, by email (for `npm run staff -- list`). */
export async function listStaff(db: Db): Promise<StaffListing[]> {
  const users = await db.select().from(staffUsers).orderBy(staffUsers.email);
  const memberships = await db.select().from(staffMemberships).orderBy(staffMemberships.organisationSlug);
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    hasPassword: user.passwordHash !== null,
    lockedUntil: user.lockedUntil,
    disabledAt: user.disabledAt,
    memberships: memberships
      .filter((m) => m.userId === user.id && isRole(m.role))
      .map((m) => ({ organisationId: m.organisationId, organisationSlug: m.organisationSlug, role: m.role as Role })),
  }));
}
