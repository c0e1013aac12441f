import type { AstroGlobal } from 'astro';
import { loadCaseForSession } from '#src/cases/access.ts';
import type { LoadedCase } from '#src/cases/actions.ts';
import { caseClock, toLifecycleEvent } from '#src/cases/actions/run.ts';
import { caseState, type CaseState } from '#src/cases/lifecycle.ts';
import { parseReference } from '#src/cases/reference.ts';
import { casePolicy } from '#src/policy/index.ts';
import { caseSessionToken } from './case-session.ts';
import { loadOrganisationPage, type OrganisationPage } from './organisation-page.ts';
import { database } from './runtime.ts';
import type { CaseActionPolicy } from '#src/cases/actions.ts';

export interface StatusPage {
  loaded: LoadedCase;
  page: OrganisationPage;
  policy: CaseActionPolicy;
  state: CaseState;
  now: Date;
}

/**
 * The case a status-page request may see: the session cookie for this reference must be
 * bound to this very case. Anything else (no cookie, another case's cookie, an expired
 * session, a malformed reference) is null, and the caller sends the visitor to sign in
 * without saying why: a reference alone reveals nothing.
 */
export async function loadStatusPage(astro: Pick<AstroGlobal, 'params' | 'cookies' | 'locals'>): Promise<StatusPage | null> {
  const parsed = parseReference(astro.params.reference ?? '');
  if (!parsed.ok) return null;
  const token = caseSessionToken(astro, parsed.reference);
  if (!token) return null;
  const { db } = await database();
  const now = new Date();
  const loaded = await loadCaseForSession(db, { token, reference: parsed.reference, now });
  if (!loaded) return null;
  const page = await loadOrganisationPage(loaded.case.organisationSlug, astro.locals.pageLang, { anyLanguage: true });
  if (!page) return null;
  const policy = casePolicy(page.org, page.contentLang);
  // The dates promised at submission (stored on the case), not ones recomputed from content edited since.
  const state = caseState(loaded.events.map(toLifecycleEvent), policy, caseClock(loaded.case, now));
  return { loaded, page, policy, state, now };
}
