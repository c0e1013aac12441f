import type { CaseUpdatePayload } from '../../mail/templates/case-update.ts';
import type { CaseState } from '../lifecycle.ts';
import type { ComplainantMail } from './run.ts';
import type { CaseActionPolicy, CaseRow } from './types.ts';

/** The status page of a case: `/{lang}/track/{reference}` on the public site. */
export function statusUrl(publicBaseUrl: string, language: string, reference: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/${language}/track/${encodeURIComponent(reference)}`;
}

/** Where the complainant rates a closed case: the satisfaction form on the status page. */
export function ratingUrl(publicBaseUrl: string, language: string, reference: string): string {
  return `${statusUrl(publicBaseUrl, language, reference)}#satisfaction`;
}

/** What every mail about this case carries. */
export function mailBase(row: Pick<CaseRow, 'reference' | 'language'>, policy: CaseActionPolicy, publicBaseUrl: string) {
  return {
    reference: row.reference,
    statusUrl: statusUrl(publicBaseUrl, row.language, row.reference),
    organisationName: policy.organisationName,
    timeZone: policy.calendar.timeZone,
  };
}

type UpdateFields = Omit<CaseUpdatePayload, 'reference' | 'statusUrl' | 'organisationName' | 'timeZone'>;

/** A `caseUpdate` mail. */
export function caseUpdate(row: CaseRow, policy: CaseActionPolicy, publicBaseUrl: string, fields: UpdateFields): ComplainantMail {
  const payload: Record<string, unknown> = { ...mailBase(row, policy, publicBaseUrl) };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null && value !== '') payload[key] = value;
  return { template: 'caseUpdate', payload };
}

/** The answer deadline to tell, when the next commitment is the answer. */
export function answerBy(after: CaseState): string | undefined {
  return after.next && (after.next.event === 'resolve' || after.next.event === 'resolveCompensation') ? after.next.due.toISOString() : undefined;
}

/**
 * The mails of a closure: the `closed` update, then the satisfaction survey where the
 * organisation runs one (a complaint only: compliments are not rated).
 */
export function closureMails(
  row: CaseRow,
  policy: CaseActionPolicy,
  publicBaseUrl: string,
  closedReason: 'resolved' | 'accepted' | 'windowPassed' | 'appealDecided' | 'withdrawn',
  body?: string | null,
  { withUpdate = true } = {},
): ComplainantMail[] {
  const mails: ComplainantMail[] = [];
  if (withUpdate) mails.push(caseUpdate(row, policy, publicBaseUrl, { update: 'closed', closedReason, body: body ?? undefined }));
  if (policy.satisfactionSurvey?.enabled && row.kind === 'complaint' && closedReason !== 'withdrawn') {
    mails.push({
      template: 'satisfactionSurvey',
      payload: { ...mailBase(row, policy, publicBaseUrl), ratingUrl: ratingUrl(publicBaseUrl, row.language, row.reference) },
    });
  }
  return mails;
}
