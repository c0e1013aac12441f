import {
  acknowledge,
  addNote,
  appeal,
  assign,
  close,
  decideAppeal,
  issueDeadlock,
  proposeResolution,
  requestInformation,
  type Actor,
  type CaseActionPolicy,
} from '#src/cases/actions.ts';
import { runAdrScheduler } from '#src/cases/adr-scheduler.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { recordFormatRequest } from '#src/formats/index.ts';
import { getOrganisation } from '#src/content/index.ts';
import type { Db } from '#src/db/index.ts';
import { policyForOrganisationId } from '#src/policy/index.ts';
import { fileComplaint, formWithPolicy, policyFor, signIn, type FiledCase } from './cases.ts';
import type { OrganisationForm } from './complaint-forms.ts';

/** The states a case page (the complainant's and the staff one) is shown in. */
export const caseStates = ['received', 'awaiting reply', 'resolution proposed', 'appealed', 'decided', 'ADR eligible', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

export interface StaffAccount {
  actor: Actor;
  email: string;
  /** "name=value" of a signed-in session. */
  cookie: string;
}

export interface CaseInState extends FiledCase {
  /** "name=value" of the complainant's status-page session. */
  cookie: string;
}

export interface SiteFixture {
  cases: Map<CaseState, CaseInState>;
  staff: { handler: StaffAccount; manager: StaffAccount };
  /** An unused one-time link token for the set-password page. */
  setPasswordToken: string;
  /** An accessible-format request to the appeals organisation, for the staff request page. */
  formatRequestId: string;
  /** The organisation whose policy allows appeals, and one whose policy offers ADR after deadlock. */
  appeals: OrganisationForm;
  adr: OrganisationForm;
  policies: { appeals: CaseActionPolicy; adr: CaseActionPolicy };
}

export const staffPassword = 'correct horse battery staple 42';

/** Signs a member of staff in over HTTP; returns the session cookie. */
export async function staffSignIn(url: string, email: string, password = staffPassword): Promise<string> {
  const response = await fetch(`${url}/staff/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    headers: { origin: url },
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('redress_staff='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`staff sign-in refused: ${response.status}`);
  return cookie;
}

/** A staff account with a membership in each organisation given, a password, and a session. */
export async function staffAccount(url: string, db: Db, slugs: string[], role: 'handler' | 'manager', name: string): Promise<StaffAccount> {
  const email = `${role}.${slugs.join('.')}@example.org`;
  const now = new Date();
  let userId = '';
  for (const slug of slugs) {
    const org = await getOrganisation(slug);
    const created = await createStaff(db, { email, name, organisationSlug: slug, organisationId: org!._id, role, now });
    userId = created.userId;
    if (created.setPasswordToken) await setPassword(db, { token: created.setPasswordToken, password: staffPassword, now });
  }
  return { actor: { type: 'staff', id: userId, name, role }, email, cookie: await staffSignIn(url, email) };
}

const base = { publicBaseUrl: 'http://localhost:4321' };

/**
 * A site with something to show on every page type: one case in each state (driven through
 * the core API by real staff accounts, as the back office would), a handler and a manager
 * in both organisations, and an unused set-password link.
 */
export async function prepareSite(url: string, db: Db): Promise<SiteFixture> {
  const appeals = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled));
  const adr = await formWithPolicy((p) => (p.adr ?? []).some((rule) => rule.onDeadlock));
  const policies = { appeals: await policyFor(appeals.slug), adr: await policyFor(adr.slug) };
  const slugs = [...new Set([appeals.slug, adr.slug])];
  const handler = await staffAccount(url, db, slugs, 'handler', 'Hanna Handler');
  const manager = await staffAccount(url, db, slugs, 'manager', 'Martin Manager');
  const unused = await createStaff(db, {
    email: 'new.starter@example.org',
    name: 'New Starter',
    organisationSlug: appeals.slug,
    organisationId: (await getOrganisation(appeals.slug))!._id,
    role: 'handler',
    now: new Date(),
  });

  const cases = new Map<CaseState, CaseInState>();
  const input = (c: FiledCase, policy: CaseActionPolicy, actor: Actor = handler.actor) => ({ caseId: c.caseId, actor, now: new Date(), policy, ...base });
  const make = async (state: CaseState, form: OrganisationForm, drive: (c: FiledCase) => Promise<unknown>) => {
    const filed = await fileComplaint(url, db, form);
    await drive(filed);
    const { cookie } = await signIn(url, filed.lang, filed.reference, filed.accessCode);
    if (!cookie) throw new Error(`status-page sign-in refused for the ${state} case`);
    cases.set(state, { ...filed, cookie });
  };
  const p = policies.appeals;
  const proposed = async (c: FiledCase) => {
    await acknowledge(db, input(c, p));
    await proposeResolution(db, { ...input(c, p), body: 'We will repeat the module at no cost.', compensation: 'A free place on the next course.' });
  };
  const appealed = async (c: FiledCase) => {
    await proposed(c);
    await appeal(db, {
      caseId: c.caseId,
      actor: { type: 'complainant' },
      now: new Date(),
      policy: p,
      ...base,
      body: 'The module was not the problem: the instructor was.',
    });
  };
  await make('received', appeals, async () => {});
  await make('awaiting reply', appeals, async (c) => {
    await acknowledge(db, input(c, p));
    await assign(db, { ...input(c, p), assigneeId: handler.actor.id!, assigneeName: handler.actor.name! });
    await addNote(db, { ...input(c, p), body: 'Called the complainant: no answer.' });
    await requestInformation(db, { ...input(c, p), body: 'Please send the dates of the sessions you missed.' });
  });
  await make('resolution proposed', appeals, proposed);
  await make('appealed', appeals, appealed);
  await make('decided', appeals, async (c) => {
    await appealed(c);
    const result = await decideAppeal(db, { ...input(c, p, manager.actor), outcome: 'partlyUpheld', body: 'We will refund half of the fee.' });
    if (!result.ok) throw new Error(`decideAppeal refused: ${result.reason}`);
  });
  await make('ADR eligible', adr, async (c) => {
    await acknowledge(db, input(c, policies.adr));
    await issueDeadlock(db, { ...input(c, policies.adr), body: 'We cannot agree on a solution.' });
    await runAdrScheduler(db, { now: new Date(), policyFor: policyForOrganisationId, ...base });
  });
  await make('closed', adr, async (c) => {
    await acknowledge(db, input(c, policies.adr));
    await close(db, { ...input(c, policies.adr), body: 'Your line was repaired on 3 November.' });
  });
  const org = (await getOrganisation(appeals.slug))!;
  const request = await recordFormatRequest(db, {
    organisation: { id: org._id, slug: org.slug!, name: org.name!, timeZone: org.timeZone!, language: appeals.languages[0]!, contactMethods: [] },
    answers: {
      subject: 'caseLetter',
      caseReference: cases.get('received')!.reference,
      format: 'other',
      details: 'Braille grade 1',
      delivery: 'post',
      name: 'Ann Reader',
      email: 'ann@example.org',
      phone: '+44 20 7946 0000',
      postalAddress: { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' },
      notes: 'Before Friday, please.',
    },
    language: appeals.languages[0]!,
    idempotencyKey: 'site-fixture-format-request',
    now: new Date(),
    publicBaseUrl: url,
    commitment: null,
  });
  return { cases, staff: { handler, manager }, setPasswordToken: unused.setPasswordToken!, formatRequestId: request.id, appeals, adr, policies };
}
