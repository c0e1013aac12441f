import { auditLog, type Db } from '../db/index.ts';
import { clientHash } from '../security/rate-limits.ts';

export interface AuditEntry {
  /** Who acted: a member of staff (with their id) or the server itself. */
  actor: { type: string; id?: string | null };
  /** The organisation (content `_id`) the action belongs to: audit queries are scoped by it. */
  organisationId: string;
  caseId?: string | null;
  /** What was done: the case event type(s), comma-separated, or a back-office action name. */
  action: string;
  details?: Record<string, unknown>;
  /** The client's address, normalised and hashed with the site secret before it is stored. */
  clientKey?: string | null;
  now: Date;
}

/**
 * Writes one audit row. Pass the transaction (`tx`) of the action it records, so that the
 * row exists exactly when the action does.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: entry.now,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    organisationId: entry.organisationId,
    caseId: entry.caseId ?? null,
    action: entry.action,
    details: entry.details ?? {},
    clientHash: entry.clientKey ? clientHash(entry.clientKey) : null,
  });
}
