import { and, asc, eq, gt, inArray, lte, ne, notExists, or, sql } from 'drizzle-orm';
import { caseEvents, cases, type Db } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { closeIfWindowPassed } from './actions/system.ts';
import { mailBase } from './actions/mail.ts';
import { caseEventsOf, toLifecycleEvent } from './actions/run.ts';
import type { CaseActionPolicy } from './actions/types.ts';
import { adrState, caseState } from './lifecycle.ts';

export interface SchedulerOptions {
  now: Date;
  /** The organisation's rules and mail details, or null when it is unknown (its cases are left alone). */
  policyFor: (organisationId: string) => Promise<CaseActionPolicy | null>;
  /** The site's public address, for the status link in the letter. */
  publicBaseUrl: string;
  /** Most cases looked at per organisation and run (default 500); the next run takes the rest. */
  batch?: number;
}

export interface AdrRunResult {
  /** Cases that got their `adr_notice` (and letter) in this run. */
  noticed: string[];
}

const DAY = 24 * 60 * 60_000;
// The SQL cut-off is a pre-filter; the rules decide exactly (weeks in local wall time).
// One hour of slack covers a DST change between receipt and now.
const DST_SLACK = 60 * 60_000;
// Cases closed without being resolved (window passed, appeal decided) stay eligible by
// weeks; they are looked at only this long after their weeks are up, so that the scan of
// closed cases stays bounded while a scheduler that was down for days still catches them.
const CLOSED_GRACE = 14 * DAY;

/**
 * The organisations that have cases, by a loose index scan on cases(organisation_id, ...):
 * one index probe per organisation instead of a scan of every case.
 */
export async function organisationsWithCases(db: Db): Promise<string[]> {
  const result = await db.execute<{ organisation_id: string }>(sql`
    with recursive orgs(organisation_id) as (
      (select organisation_id from ${cases} order by organisation_id limit 1)
      union all
      select (select c.organisation_id from ${cases} c where c.organisation_id > orgs.organisation_id order by c.organisation_id limit 1)
      from orgs where orgs.organisation_id is not null
    )
    select organisation_id from orgs where organisation_id is not null`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { organisation_id: string }[] }).rows) as { organisation_id: string }[];
  return rows.map((row) => row.organisation_id);
}

/**
 * Sends the "ADR letter" where an organisation's ADR rule is met (Ofcom: 8 weeks after the
 * complaint, or a deadlock letter) and the case has none yet. Candidates come from one
 * indexed query per organisation (received before the earliest rule's weeks and not
 * resolved, or in deadlock, with no `adr_notice`); each is then decided by the rules in its
 * own transaction: the case row is taken FOR UPDATE SKIP LOCKED (another scheduler holding
 * it is doing the same work), the `adr_notice` is inserted ON CONFLICT DO NOTHING against
 * the once-per-case unique index, and the letter is queued only when the insert wrote a
 * row. So two schedulers on one PostgreSQL send one letter.
 */
export async function runAdrScheduler(db: Db, { now, policyFor, publicBaseUrl, batch = 500 }: SchedulerOptions): Promise<AdrRunResult> {
  const noticed: string[] = [];
  for (const organisationId of await organisationsWithCases(db)) {
    const policy = await policyFor(organisationId);
    const rules = policy?.adr ?? [];
    if (!policy || rules.length === 0) continue;
    const weeks = rules.map((r) => r.afterWeeks).filter((w): w is number => typeof w === 'number');
    const onDeadlock = rules.some((r) => r.onDeadlock);
    const conditions = [];
    if (weeks.length) {
      const cutoff = new Date(now.getTime() - Math.min(...weeks) * 7 * DAY + DST_SLACK);
      conditions.push(
        and(
          lte(cases.receivedAt, cutoff),
          ne(cases.status, 'accepted'),
          or(ne(cases.status, 'closed'), gt(cases.receivedAt, new Date(cutoff.getTime() - CLOSED_GRACE))),
        ),
      );
    }
    if (onDeadlock) conditions.push(eq(cases.status, 'deadlock'));
    if (conditions.length === 0) continue;
    const candidates = await db
      .select({ id: cases.id })
      .from(cases)
      .where(
        and(
          eq(cases.organisationId, organisationId),
          eq(cases.kind, 'complaint'),
          or(...conditions),
          notExists(db.select({ one: sql`1` }).from(caseEvents).where(and(eq(caseEvents.caseId, cases.id), eq(caseEvents.type, 'adr_notice')))),
        ),
      )
      .orderBy(asc(cases.receivedAt), asc(cases.id))
      .limit(batch);
    for (const { id } of candidates) {
      if (await noticeOne(db, id, policy, now, publicBaseUrl)) noticed.push(id);
    }
  }
  return { noticed };
}

async function noticeOne(db: Db, caseId: string, policy: CaseActionPolicy, now: Date, publicBaseUrl: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
    if (!row) return false;
    const events = (await caseEventsOf(tx, caseId)).map(toLifecycleEvent);
    const adr = adrState(events, policy, now);
    if (!adr.eligible || adr.noticeSent || !adr.reason) return false;
    const inserted = await tx
      .insert(caseEvents)
      .values({ caseId, type: 'adr_notice', actorType: 'system', visibility: 'complainant', data: { reason: adr.reason, rules: adr.rules }, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: caseEvents.id });
    if (inserted.length === 0) return false;
    const bodies = (policy.adrBodies ?? []).filter((body) => !body.rule || adr.rules.includes(body.rule)).map(({ rule: _rule, ...body }) => body);
    if (row.complainantEmail && bodies.length) {
      const received = events.find((e) => e.type === 'received');
      const weeks = policy.adr?.find((r, index) => adr.rules.includes(r.key ?? String(index)) && typeof r.afterWeeks === 'number')?.afterWeeks;
      await enqueueMail(tx, {
        caseId,
        template: 'adrLetter',
        language: row.language,
        to: row.complainantEmail,
        payload: {
          ...mailBase(row, policy, publicBaseUrl),
          reason: adr.reason,
          ...(adr.reason === 'weeks' && weeks ? { weeks } : {}),
          ...(received ? { receivedAt: received.createdAt.toISOString() } : {}),
          bodies,
        },
      });
    }
    return true;
  });
}

/**
 * Closes the proposals whose appeal window has passed without an appeal (`closed`, reason
 * `windowPassed`, with the closure mail). Candidates: cases whose projected status is still
 * `resolution_proposed`.
 */
export async function closePassedWindows(db: Db, { now, policyFor, publicBaseUrl, batch = 500 }: SchedulerOptions): Promise<{ closed: string[] }> {
  const closed: string[] = [];
  const rows = await db
    .select({ id: cases.id, organisationId: cases.organisationId, compensationClaim: cases.compensationClaim })
    .from(cases)
    .where(inArray(cases.status, ['resolution_proposed']))
    .orderBy(asc(cases.organisationId), asc(cases.id))
    .limit(batch * 10);
  const policies = new Map<string, CaseActionPolicy | null>();
  for (const row of rows) {
    if (!policies.has(row.organisationId)) policies.set(row.organisationId, await policyFor(row.organisationId));
    const policy = policies.get(row.organisationId);
    if (!policy?.appealPolicy?.enabled) continue;
    const events = (await caseEventsOf(db, row.id)).map(toLifecycleEvent);
    const state = caseState(events, policy, { now, compensationClaim: row.compensationClaim });
    if (state.status !== 'closed' || state.closedReason !== 'windowPassed') continue;
    const result = await closeIfWindowPassed(db, { caseId: row.id, now, policy, publicBaseUrl });
    if (result.ok) closed.push(row.id);
  }
  return { closed };
}

export interface CaseScheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (ADR letters, then passed appeal windows); runs never overlap. */
  runOnce(options?: { now?: Date }): Promise<{ noticed: string[]; closed: string[] }>;
}

export interface CaseSchedulerOptions extends Omit<SchedulerOptions, 'now'> {
  db: Db;
  /** Pause between runs (default one minute). */
  intervalMs?: number;
  /** The clock (default the real one). */
  now?: () => Date;
  /** Where failures are reported (default console); a failed run is tried again at the next tick. */
  log?: { error(message: string): void };
  /** Run in the background (default true). Tests set false and call runOnce. */
  poll?: boolean;
  /** Told when each background run ends and how long it took, for metrics. */
  onRun?: (result: 'ok' | 'error', seconds: number) => void;
}

/**
 * The case scheduler inside the server: every `intervalMs`, the ADR letters that are due
 * and the proposals whose appeal window has passed. Safe with several servers on one
 * PostgreSQL (see runAdrScheduler). Never throws from the timer.
 */
export function startCaseScheduler({ db, intervalMs = 60_000, now: clock = () => new Date(), log = console, poll = true, onRun, ...options }: CaseSchedulerOptions): CaseScheduler {
  let running: Promise<{ noticed: string[]; closed: string[] }> | null = null;
  let stopped = false;
  const runOnce = ({ now = clock() }: { now?: Date } = {}) => {
    const previous = running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { noticed } = await runAdrScheduler(db, { ...options, now });
        const { closed } = await closePassedWindows(db, { ...options, now });
        return { noticed, closed };
      });
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    }).catch(() => undefined);
    return next;
  };
  const tick = () => {
    if (stopped) return;
    const started = performance.now();
    runOnce()
      .then(() => onRun?.('ok', (performance.now() - started) / 1000))
      .catch((error: unknown) => {
        onRun?.('error', (performance.now() - started) / 1000);
        log.error(`case scheduler run failed: ${(error as Error)?.name ?? 'error'}: ${String((error as Error)?.message ?? '').slice(0, 200)}`);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer: NodeJS.Timeout | undefined = poll ? setTimeout(tick, 0) : undefined;
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
