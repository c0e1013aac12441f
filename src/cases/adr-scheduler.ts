import { and, asc, eq, gt, inArray, lte, ne, notExists, or, sql } from 'drizzle-orm';
import { caseEvents, cases, type Db } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { closeIfWindowPassed } from './actions/system.ts';
import { mailBase } from './actions/mail.ts';
import { caseClock, caseEventsOf, toLifecycleEvent } from './actions/run.ts';
import { adrPeriod } from './commitments.ts';
import { anonymiseExpired } from './retention.ts';
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

// The least time a waiting period can take, for the SQL pre-filter only: a business day or a
// working hour is at least as long as itself in calendar time, a month at least 28 days.
const minimumDays: Record<string, number> = { hours: 1 / 24, workingHours: 0, businessDays: 1, calendarDays: 1, weeks: 7, months: 28 };
function shortestMs(d: { amount?: number | null; amountMax?: number | null; unit?: string | null }): number {
  return (d.amount ?? 0) * (minimumDays[d.unit ?? ''] ?? 0) * DAY;
}

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
    const periods = [
      ...rules.map(adrPeriod),
      ...(policy.regime?.limits ?? []).filter((l) => l.kind === 'adrAfter').map((l) => l.duration),
    ].flatMap((d) => (d ? [shortestMs(d)] : []));
    const onDeadlock = Boolean(policy.regime?.adrOnDeadlock) || rules.some((r) => r.onDeadlock);
    const afterFinalResponse = Boolean(policy.regime?.adrAfterFinalResponse) || rules.some((r) => r.afterFinalResponse);
    const conditions = [];
    if (periods.length) {
      const cutoff = new Date(now.getTime() - Math.min(...periods) + DST_SLACK);
      conditions.push(
        and(
          lte(cases.receivedAt, cutoff),
          ne(cases.status, 'accepted'),
          or(ne(cases.status, 'closed'), gt(cases.receivedAt, new Date(cutoff.getTime() - CLOSED_GRACE))),
        ),
      );
    }
    if (onDeadlock) conditions.push(eq(cases.status, 'deadlock'));
    // After the final response: the answer stands (proposed, appealed, decided) or is a deadlock letter.
    if (afterFinalResponse) conditions.push(inArray(cases.status, ['resolution_proposed', 'appealed', 'appeal_decided', 'deadlock']));
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
    const adr = adrState(events, policy, now, undefined, caseClock(row, now));
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
      const period = policy.adr?.map(adrPeriod).find((p, index) => p && adr.rules.includes(policy.adr?.[index]?.key ?? String(index)));
      await enqueueMail(tx, {
        caseId,
        template: 'adrLetter',
        language: row.language,
        to: row.complainantEmail,
        payload: {
          ...mailBase(row, policy, publicBaseUrl),
          reason: adr.reason,
          ...(adr.reason === 'period' && period ? { after: period } : {}),
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
    .select({ id: cases.id, organisationId: cases.organisationId, compensationClaim: cases.compensationClaim, promised: cases.promised })
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
    const state = caseState(events, policy, caseClock(row, now));
    if (state.status !== 'closed' || state.closedReason !== 'windowPassed') continue;
    const result = await closeIfWindowPassed(db, { caseId: row.id, now, policy, publicBaseUrl });
    if (result.ok) closed.push(row.id);
  }
  return { closed };
}

export interface CaseScheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (ADR letters, passed appeal windows, then cases past their retention); runs never overlap. */
  runOnce(options?: { now?: Date }): Promise<{ noticed: string[]; closed: string[]; anonymised: string[] }>;
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
  /** DATA_DIR, where the files of anonymised cases are deleted (src/cases/retention.ts). */
  dataDir?: string;
}

/**
 * The case scheduler inside the server: every `intervalMs`, the ADR letters that are due,
 * the proposals whose appeal window has passed, and the closed cases past their regime's
 * retention (anonymised). Safe with several servers on one
 * PostgreSQL (see runAdrScheduler). Never throws from the timer.
 */
export function startCaseScheduler({ db, intervalMs = 60_000, now: clock = () => new Date(), log = console, poll = true, dataDir, ...options }: CaseSchedulerOptions): CaseScheduler {
  let running: Promise<{ noticed: string[]; closed: string[]; anonymised: string[] }> | null = null;
  let stopped = false;
  const runOnce = ({ now = clock() }: { now?: Date } = {}) => {
    const previous = running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { noticed } = await runAdrScheduler(db, { ...options, now });
        const { closed } = await closePassedWindows(db, { ...options, now });
        const { anonymised } = await anonymiseExpired(db, { now, policyFor: options.policyFor, ...(dataDir ? { dataDir } : {}) });
        return { noticed, closed, anonymised };
      });
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    }).catch(() => undefined);
    return next;
  };
  const tick = () => {
    if (stopped) return;
    runOnce()
      .catch((error: unknown) => log.error(`case scheduler run failed: ${(error as Error)?.name ?? 'error'}: ${String((error as Error)?.message ?? '').slice(0, 200)}`))
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
