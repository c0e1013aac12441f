import type { OrgCalendar } from '../calendar/index.ts';
import type { Commitment } from './deadlines.ts';
import type { RegimePolicy } from './regime.ts';

export { caseStatuses, type CaseStatus } from './case-statuses.ts';
import type { CaseStatus } from './case-statuses.ts';

/** One `case_events` row as the rules need it, in the order written (by id). */
export interface LifecycleEvent {
  type: string;
  actorType: 'complainant' | 'staff' | 'system';
  actorId?: string | null;
  actorName?: string | null;
  visibility: 'complainant' | 'internal';
  body?: string | null;
  data?: Record<string, unknown>;
  createdAt: Date;
}

/** A content duration (`amountMax` for a range). */
export interface PolicyDuration {
  amount?: number | null;
  amountMax?: number | null;
  unit?: string | null;
}

/** A commitment as the content has it, with whether time awaiting the complainant is added back. */
export interface LifecycleCommitment extends Commitment {
  pausesWhileAwaitingComplainant?: boolean | null;
}

/** What the rules need of the organisation (content model: commitments, appealPolicy, adr, satisfactionSurvey, reopenPolicy). */
export interface CasePolicy {
  calendar: OrgCalendar;
  commitments: readonly LifecycleCommitment[];
  appealPolicy?: {
    enabled: boolean;
    window?: PolicyDuration | null;
    decision?: PolicyDuration | null;
    final: boolean;
    reviewer?: string | null;
  } | null;
  adr?: readonly AdrRule[] | null;
  /** The regulatory regime the organisation is under, when its content names one. */
  regime?: RegimePolicy | null;
  satisfactionSurvey?: { enabled: boolean; ratings: readonly { key: string; opensDissatisfactionCase: boolean }[] } | null;
  reopenPolicy?: { allowed: boolean } | null;
}

/**
 * One `adr[]` rule: eligible `after` a waiting period from receipt (calendar days, business days,
 * weeks or months, as the code says), at once on a deadlock letter, and/or once the organisation
 * has given its final response. `afterWeeks` is the older form of `after` (weeks only), still read.
 */
export interface AdrRule {
  key?: string;
  after?: PolicyDuration | null;
  afterWeeks?: number | null;
  onDeadlock?: boolean | null;
  afterFinalResponse?: boolean | null;
}

/** Why a case became eligible for ADR. */
export type AdrReason = 'period' | 'deadlock' | 'finalResponse';

export type AppealClosedReason = 'noPolicy' | 'notProposed' | 'windowClosed' | 'alreadyAppealed';

export interface AppealState {
  /** The organisation's policy allows appeals at all. */
  allowed: boolean;
  /** The appeal form is shown and an appeal would be accepted now. */
  open: boolean;
  /** When the window closes (exclusive), counted from the latest proposal. */
  closesAt?: Date;
  reason?: AppealClosedReason;
  decisionDue?: Date;
  decision?: { outcome: string; final: boolean; at: Date; body?: string };
}

export interface AdrState {
  eligible: boolean;
  since?: Date;
  reason?: AdrReason;
  /** When the case will become eligible by its waiting period, while it is not yet. */
  eligibleAt?: Date;
  /** Set when that date is the law's (the regime's limit is shorter than the organisation's promise). */
  eligibleAtByLaw?: boolean;
  /** The `key`s of the organisation's ADR rules that are met (every rule met, not only the first). */
  rules: string[];
  noticeSent: boolean;
}

export interface NextCommitment {
  event: string;
  due: Date;
  overdue: boolean;
}

export interface CaseState {
  status: CaseStatus;
  statusSince: Date;
  closedReason?: string;
  assignee?: { id?: string; name: string };
  involvedStaffIds: string[];
  next?: NextCommitment;
  appeal: AppealState;
  proposal?: { at: Date; body?: string | null; compensation?: string };
  adr: AdrState;
  awaitingComplainant?: { since: Date; request?: string | null };
  can: { reply: boolean; accept: boolean; appeal: boolean; rate: boolean; requestReopen: boolean };
  rating?: { key: string; at: Date; opensDissatisfactionCase: boolean };
}
