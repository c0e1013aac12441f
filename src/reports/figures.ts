import { localParts, zonedTime } from '../calendar/index.ts';
import type { CasePolicy } from '../cases/lifecycle.ts';
import type { Db } from '../db/index.ts';
import { loadCaseFacts, type CaseFacts } from './case-facts.ts';
import { caseTimeliness } from './timeliness.ts';

/** `count` of `of`, and the share (0 to 1) or null when there is nothing to divide by. */
export interface Share {
  count: number;
  of: number;
  share: number | null;
}

/** One month of an organisation's complaints: counts only, no personal data. */
export interface MonthFigures {
  /** YYYY-MM in the organisation's time zone. */
  month: string;
  /** Complaints received in the month. */
  received: number;
  /** Of the complaints whose acknowledgement is due or done: acknowledged on time. */
  acknowledgedOnTime: Share;
  /** Of the complaints whose answer is due or given: answered on time. */
  answeredOnTime: Share;
  /** Of the complaints where a resolution was proposed: appealed. */
  appealed: Share;
  /** Of the appeals decided: upheld or partly upheld. */
  upheld: Share;
  /** Acknowledgements and answers not yet due (left out of the shares above). */
  pending: { acknowledgement: number; answer: number };
}

const share = (count: number, of: number): Share => ({ count, of, share: of > 0 ? count / of : null });

/** YYYY-MM of an instant in a time zone. */
const monthOf = (instant: Date, timeZone: string) => localParts(instant, timeZone).date.slice(0, 7);

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the one holding `from` to the one holding the last instant before `to`. */
export function monthsBetween(from: Date, to: Date, timeZone: string): string[] {
  if (to.getTime() <= from.getTime()) return [];
  const last = monthOf(new Date(to.getTime() - 1), timeZone);
  const months: string[] = [];
  for (let month = monthOf(from, timeZone); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/** The first instant of a month (YYYY-MM) in a time zone. */
export function monthStart(month: string, timeZone: string): Date {
  return zonedTime(`${month}-01`, '00:00', timeZone);
}

/**
 * The monthly figures of one organisation's complaints (compliments are left out: no
 * commitment applies to them), from cases already loaded. Pure: the deadlines are the
 * organisation's (`policy`), judged at `now`; see `caseTimeliness` for what "on time" means.
 * Every month of [from, to) is listed, empty ones with zeros.
 */
export function monthlyFigures(facts: readonly CaseFacts[], policy: CasePolicy, { from, to, now }: { from: Date; to: Date; now: Date }): MonthFigures[] {
  const timeZone = policy.calendar.timeZone;
  const tallies = new Map(
    monthsBetween(from, to, timeZone).map((month) => [
      month,
      { received: 0, ackOnTime: 0, ackDue: 0, ansOnTime: 0, ansDue: 0, proposed: 0, appealed: 0, decided: 0, upheld: 0, ackPending: 0, ansPending: 0 },
    ]),
  );
  for (const c of facts) {
    if (c.kind !== 'complaint') continue;
    const tally = tallies.get(monthOf(c.receivedAt, timeZone));
    if (!tally) continue;
    const t = caseTimeliness(c.events, policy, {
      receivedAt: c.receivedAt,
      compensationClaim: c.compensationClaim,
      now,
      ...(c.promised ? { promised: c.promised } : {}),
    });
    tally.received += 1;
    if (t.acknowledged === 'onTime' || t.acknowledged === 'late') tally.ackDue += 1;
    if (t.acknowledged === 'onTime') tally.ackOnTime += 1;
    if (t.acknowledged === 'pending') tally.ackPending += 1;
    if (t.answered === 'onTime' || t.answered === 'late') tally.ansDue += 1;
    if (t.answered === 'onTime') tally.ansOnTime += 1;
    if (t.answered === 'pending') tally.ansPending += 1;
    if (t.proposed) tally.proposed += 1;
    if (t.proposed && t.appealed) tally.appealed += 1;
    if (t.appealOutcome) tally.decided += 1;
    if (t.appealOutcome === 'upheld' || t.appealOutcome === 'partlyUpheld') tally.upheld += 1;
  }
  return [...tallies].map(([month, t]) => ({
    month,
    received: t.received,
    acknowledgedOnTime: share(t.ackOnTime, t.ackDue),
    answeredOnTime: share(t.ansOnTime, t.ansDue),
    appealed: share(t.appealed, t.proposed),
    upheld: share(t.upheld, t.decided),
    pending: { acknowledgement: t.ackPending, answer: t.ansPending },
  }));
}

/**
 * The monthly figures of one organisation for complaints received in [from, to): one query
 * (cases with their events aggregated), then the deadline checks per case in the
 * organisation's calendar. `now` (default: the clock) decides what is still pending.
 */
export async function organisationFigures(
  db: Db,
  { organisationId, from, to, policy, now = new Date() }: { organisationId: string; from: Date; to: Date; policy: CasePolicy; now?: Date },
): Promise<MonthFigures[]> {
  const facts = await loadCaseFacts(db, { organisationIds: [organisationId], from, to });
  return monthlyFigures(facts, policy, { from, to, now });
}

/**
 * The public performance page's period: the current month and the eleven before it, in the
 * organisation's time zone, up to `now`.
 */
export function lastTwelveMonths(now: Date, timeZone: string): { from: Date; to: Date } {
  let month = monthOf(now, timeZone);
  for (let i = 0; i < 11; i++) {
    const [year, m] = month.split('-').map(Number) as [number, number];
    month = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  }
  return { from: monthStart(month, timeZone), to: now };
}
