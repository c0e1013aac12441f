import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { caseEvents, cases, type Db } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { closeIfWindowPassed } from './actions/system.ts';
import { mailBase } from './actions/mail.ts';
import { caseClock, caseEventsOf, toLifecycleEvent } from './actions/run.ts';
import { adrPeriod } from './commitments.ts';
import { anonymiseExpired } from './retention.ts';
import type { CaseActionPolicy } from './actions/types.ts';
import { adrState, caseState } from './lifecycle.ts';
import { scheduleColumns } from './schedule-columns.ts';
import { removeUnclaimedDrafts } from '../files/draft-cleanup.ts';

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

// One run looks at most this many pages of due cases; a backlog (the backfill of an upgrade,
// a scheduler that was down) is worked off over the next runs.
const MAX_PAGES = 40;

type DueColumn = typeof cases.adrEligibleAt | typeof cases.appealClosesAt;

/**
 * The cases whose instant in `column` has come, oldest first, page by page in keyset order
 * (instant, id) over the column's partial index: each page is one index range scan, however
 * many cases are closed or far from due. Cases the caller cannot handle (an organisation
 * it does not know) are passed over without blocking the ones behind them.
 */
async function* dueCases(db: Db, column: DueColumn, now: Date, batch: number) {
  let after: { at: Date; id: string } | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows: { id: string; organisationId: string; at: Date | null }[] = await db
      .select({ id: cases.id, organisationId: cases.organisationId, at: column })
      .from(cases)
      .where(
        and(
          isNotNull(column),
          lte(column, now),
          after ? sql`(${column}, ${cases.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(column), asc(cases.id))
      .limit(batch);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < batch || !last?.at) return;
    after = { at: last.at, id: last.id };
  }
}

/** The organisation's policy, asked once per run. */
function policyCache(policyFor: SchedulerOptions['policyFor']) {
  const policies = new Map<string, Promise<CaseActionPolicy | null>>();
  return (organisationId: string) => {
    if (!policies.has(organisationId)) policies.set(organisationId, policyFor(organisationId));
    return policies.get(organisationId)!;
  };
}

/**
 * Sends the "ADR letter" where an organisation's ADR rule is met (Ofcom: 8 weeks after the
 * complaint, or a deadlock letter) and the case has none yet, however long ago that was.
 * Candidates are the cases whose `adr_eligible_at` has come (one indexed range scan); each is
 * then decided by the rules in its own transaction: the case row is taken FOR UPDATE SKIP
 * LOCKED (another scheduler holding it is doing the same work), the `adr_notice` is inserted
 * ON CONFLICT DO NOTHING against the once-per-case unique index, and the letter is queued only
 * when the insert wrote a row. So two schedulers on one PostgreSQL send one letter. A case
 * that the rules say is not due (yet) gets the right instant, or none, instead.
 */
export async function runAdrScheduler(db: Db, { now, policyFor, publicBaseUrl, batch = 500 }: SchedulerOptions): Promise<AdrRunResult> {
  const noticed: string[] = [];
  const policyOf = policyCache(policyFor);
  for await (const row of dueCases(db, cases.adrEligibleAt, now, batch)) {
    const policy = await policyOf(row.organisationId);
    if (!policy) continue;
    if (await noticeOne(db, row.id, policy, now, publicBaseUrl)) noticed.push(row.id);
  }
  return { noticed };
}

async function noticeOne(db: Db, caseId: string, policy: CaseActionPolicy, now: Date, publicBaseUrl: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
    // Locked: another scheduler has it. Moved on since the scan: someone else dealt with it.
    if (!row || !row.adrEligibleAt || row.adrEligibleAt > now) return false;
    const events = (await caseEventsOf(tx, caseId)).map(toLifecycleEvent);
    const clock = caseClock(row, now);
    const adr = adrState(events, policy, now, undefined, clock);
    const correct = (adrEligibleAt: Date | null) => tx.update(cases).set({ adrEligibleAt }).where(eq(cases.id, caseId));
    if (row.kind !== 'complaint' || !adr.eligible || adr.noticeSent || !adr.reason) {
      await correct(scheduleColumns(caseState(events, policy, clock), row.kind).adrEligibleAt);
      return false;
    }
    const inserted = await tx
      .insert(caseEvents)
      .values({ caseId, type: 'adr_notice', actorType: 'system', visibility: 'complainant', data: { reason: adr.reason, rules: adr.rules }, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: caseEvents.id });
    await correct(null);
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
 * `windowPassed`, with the closure mail). Candidates: the cases whose `appeal_closes_at` has
 * come (one indexed range scan). A case whose window proves still open (the organisation
 * lengthened it, or the instant was backfilled early) gets the right instant, or none.
 */
export async function closePassedWindows(db: Db, { now, policyFor, publicBaseUrl, batch = 500 }: SchedulerOptions): Promise<{ closed: string[] }> {
  const closed: string[] = [];
  const policyOf = policyCache(policyFor);
  for await (const row of dueCases(db, cases.appealClosesAt, now, batch)) {
    const policy = await policyOf(row.organisationId);
    if (!policy) continue;
    const result = await closeIfWindowPassed(db, { caseId: row.id, now, policy, publicBaseUrl });
    if (result.ok) closed.push(row.id);
    else if (result.reason === 'windowOpen') await correctAppealClose(db, row.id, policy, now);
  }
  return { closed };
}

async function correctAppealClose(db: Db, caseId: string, policy: CaseActionPolicy, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
    if (!row) return;
    const events = (await caseEventsOf(tx, caseId)).map(toLifecycleEvent);
    const { appealClosesAt } = scheduleColumns(caseState(events, policy, caseClock(row, now)), row.kind);
    await tx.update(cases).set({ appealClosesAt }).where(eq(cases.id, caseId));
  });
}

/** What one run of the case scheduler did. */
export interface CaseSchedulerRun {
  noticed: string[];
  closed: string[];
  /** Files uploaded with forms never submitted, removed after a day. */
  removedDrafts: number;
  /** Closed cases past their regime's retention, anonymised (src/cases/retention.ts). */
  anonymised: string[];
}

export interface CaseScheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (ADR letters, passed appeal windows, draft files never submitted, cases past their retention); runs never overlap. */
  runOnce(options?: { now?: Date }): Promise<CaseSchedulerRun>;
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
 * The case scheduler inside the server: every `intervalMs`, the ADR letters that are due,
 * the proposals whose appeal window has passed, the draft files never submitted, and the
 * closed cases past their regime's retention (anonymised). Safe with several servers on one
 * PostgreSQL (see runAdrScheduler). Never throws from the timer.
 */
export function startCaseScheduler({
  db,
  intervalMs = 60_000,
  now: clock = () => new Date(),
  log = console,
  poll = true,
  onRun,
  ...options
}: CaseSchedulerOptions): CaseScheduler {
  let running: Promise<CaseSchedulerRun> | null = null;
  let stopped = false;
  const runOnce = ({ now = clock() }: { now?: Date } = {}) => {
    const previous = running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { noticed } = await runAdrScheduler(db, { ...options, now });
        const { closed } = await closePassedWindows(db, { ...options, now });
        const removedDrafts = await removeUnclaimedDrafts(db, { now });
        const { anonymised } = await anonymiseExpired(db, { now, policyFor: options.policyFor });
        return { noticed, closed, removedDrafts, anonymised };
      });
    running = next;
    void next
      .finally(() => {
        if (running === next) running = null;
      })
      .catch(() => undefined);
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
