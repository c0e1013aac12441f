import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { attachments, caseEvents, cases, type Db, type Tx } from '../../db/index.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { recordAudit } from '../../auth/audit.ts';
import { readPromised } from '../commitments.ts';
import { caseState, type CaseState, type LifecycleEvent, type Promised } from '../lifecycle.ts';
import { scheduleColumns } from '../schedule-columns.ts';
import { staffCan, type StaffAction } from '../staff-actions.ts';
import type { ActionInput, ActionRefusal, ActionResult, Actor, CaseEventRow, CaseRow } from './types.ts';

/** Thrown inside an action's transaction to refuse it: rolls back, and becomes `{ ok: false, reason }`. */
export class Refusal extends Error {
  override name = 'Refusal';
  readonly reason: ActionRefusal;
  constructor(reason: ActionRefusal) {
    super(reason);
    this.reason = reason;
  }
}

export const refuse = (reason: ActionRefusal): never => {
  throw new Refusal(reason);
};

/** An event to append. Visibility follows docs/case-lifecycle.md unless given. */
export interface NewEvent {
  type: string;
  body?: string | null;
  data?: Record<string, unknown>;
  /** Default the action's actor. */
  actor?: Actor;
  visibility?: 'complainant' | 'internal';
}

/** A mail for the complainant, queued to their address in their language when they have one. */
export interface ComplainantMail {
  template: string;
  payload: Record<string, unknown>;
}

export interface ActionContext {
  tx: Tx;
  row: CaseRow;
  events: CaseEventRow[];
  lifecycle: LifecycleEvent[];
  /** The case's state at `now`, before the action. */
  state: CaseState;
}

export interface Plan<Extra> {
  events: NewEvent[];
  /** The mail to queue, from the state after the new events. */
  mail?: (after: CaseState, written: CaseEventRow[]) => ComplainantMail[];
  extra?: Extra;
}

const internalTypes = new Set(['note', 'linked_case_opened']);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `case_events` row as the pure rules read it. */
export function toLifecycleEvent(row: CaseEventRow): LifecycleEvent {
  return {
    type: row.type,
    actorType: row.actorType as LifecycleEvent['actorType'],
    actorId: row.actorId,
    actorName: row.actorName,
    visibility: row.visibility as LifecycleEvent['visibility'],
    body: row.body,
    data: row.data,
    createdAt: row.createdAt,
  };
}

/**
 * The options every rule needs for one case at `now`: whether it is a compensation claim, and
 * what its complainant was promised at submission (stored on the case).
 */
export function caseClock(row: Pick<CaseRow, 'compensationClaim' | 'promised'>, now: Date): { now: Date; compensationClaim: boolean; promised?: Promised } {
  const promised = readPromised(row.promised);
  return { now, compensationClaim: row.compensationClaim, ...(promised ? { promised } : {}) };
}

/** A case's events in the order written. */
export async function caseEventsOf(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

/**
 * Runs one action in ONE transaction: locks the case row (FOR UPDATE, so two actions on a
 * case never decide from the same stale events), loads its events and state, lets `plan`
 * decide (or refuse), appends the events, writes the projections (status, next commitment,
 * assignee, the scheduler's instants) from the state after them, and queues the complainant's
 * mail. A refusal rolls everything back and is returned as a value.
 */
export async function runCaseAction<Extra extends object = object>(
  db: Db,
  input: ActionInput,
  plan: (context: ActionContext) => Promise<Plan<Extra>> | Plan<Extra>,
): Promise<ActionResult<Extra>> {
  if (!uuid.test(input.caseId)) return { ok: false, reason: 'notFound' };
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, input.caseId)).for('update');
      if (!row) return refuse('notFound');
      const events = await caseEventsOf(tx, row.id);
      const lifecycle = events.map(toLifecycleEvent);
      const options = caseClock(row, input.now);
      const state = caseState(lifecycle, input.policy, options);
      const decided = await plan({ tx, row, events, lifecycle, state });
      const written = decided.events.length ? await appendEvents(tx, row.id, input, decided.events) : [];
      // Every staff action leaves an audit row, in the same transaction as its events.
      if (input.actor.type === 'staff' && written.length) {
        const action = [...new Set(written.map((event) => event.type))].join(',');
        await recordAudit(tx, {
          actor: input.actor,
          organisationId: row.organisationId,
          caseId: row.id,
          action,
          details: { eventIds: written.map((event) => event.id) },
          now: input.now,
        });
      }
      const after = caseState([...lifecycle, ...written.map(toLifecycleEvent)], input.policy, options);
      await tx
        .update(cases)
        .set({
          status: after.status,
          nextDueEvent: after.next?.event ?? null,
          nextDueAt: after.next?.due ?? null,
          assigneeId: after.assignee?.id ?? null,
          ...scheduleColumns(after, row.kind),
        })
        .where(eq(cases.id, row.id));
      if (row.complainantEmail) {
        for (const mail of decided.mail?.(after, written) ?? []) {
          await enqueueMail(tx, { caseId: row.id, template: mail.template, language: row.language, to: row.complainantEmail, payload: mail.payload });
        }
      }
      return { ok: true as const, event: written[0]!, events: written, ...(decided.extra as Extra) };
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    throw error;
  }
}

/**
 * Runs a staff action: refuses (`forbidden`) anyone but a member of staff, and refuses the
 * action where the case's status does not allow it (staffCan, the rule the case page reads
 * to offer its forms), before `plan` decides the rest.
 */
export function runStaffAction<Extra extends object = object>(
  db: Db,
  input: ActionInput,
  action: StaffAction,
  plan: (context: ActionContext) => Promise<Plan<Extra>> | Plan<Extra>,
): Promise<ActionResult<Extra>> {
  return runCaseAction<Extra>(db, input, (context) => {
    requireActor(input.actor, 'staff');
    const allowed = staffCan(context.state.status, action);
    if (!allowed.ok) refuse(allowed.reason);
    return plan(context);
  });
}

/** Appends events at `now`, in the order given (their ids order them). */
export async function appendEvents(tx: Tx, caseId: string, input: Pick<ActionInput, 'actor' | 'now'>, list: NewEvent[]): Promise<CaseEventRow[]> {
  return tx
    .insert(caseEvents)
    .values(
      list.map((event) => {
        const actor = event.actor ?? input.actor;
        return {
          caseId,
          type: event.type,
          actorType: actor.type,
          actorId: actor.id ?? null,
          actorName: actor.name ?? null,
          visibility: event.visibility ?? (internalTypes.has(event.type) ? 'internal' : 'complainant'),
          body: event.body ?? null,
          data: event.data ?? {},
          createdAt: input.now,
        };
      }),
    )
    .returning()
    .then((rows) => rows.sort((a, b) => a.id - b.id));
}

/**
 * Attaches files the complainant uploaded with a form (`draftId`) to the case, as the
 * submission does: only files of that very form not yet part of a case. Refuses
 * (`attachmentMissing`) when one is not there.
 */
export async function attachDraftFiles(tx: Tx, caseId: string, draftId: string | null | undefined, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!draftId || !unique.every((id) => uuid.test(id))) return refuse('attachmentMissing');
  const attached = await tx
    .update(attachments)
    .set({ caseId, draftId: null })
    .where(and(inArray(attachments.id, unique), eq(attachments.draftId, draftId), isNull(attachments.caseId)))
    .returning({ id: attachments.id });
  if (attached.length !== unique.length) return refuse('attachmentMissing');
  return unique;
}

/** Refuses unless the actor is of one of these kinds (and a member of staff has an id). */
export function requireActor(actor: Actor, ...types: Actor['type'][]): void {
  if (!types.includes(actor.type)) refuse('forbidden');
  if (actor.type === 'staff' && !actor.id) refuse('forbidden');
}

/** Refuses empty text where text is the point of the action. */
export function requireText(text: string | null | undefined): string {
  const trimmed = text?.trim();
  return trimmed ? trimmed : refuse('emptyText');
}
