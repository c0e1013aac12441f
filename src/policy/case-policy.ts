import type { CaseActionPolicy } from '../cases/actions.ts';
import type { AdrRule } from '../cases/lifecycle.ts';
import type { RegimePolicy } from '../cases/regime.ts';
import { contentLanguage, getOrganisation, listOrganisations, localise } from '../content/index.ts';
import type { OrganisationQueryResult } from '../content/sanity.types.ts';
import { defaultLocale } from '../i18n/index.ts';
import { organisationCalendar } from './organisation-calendar.ts';

/** An organisation as the content query gives it (TypeGen: src/content/sanity.types.ts). */
type Organisation = NonNullable<OrganisationQueryResult>;

/**
 * An organisation's complaints policy as the case rules and actions need it, from its
 * content: calendar, commitments, appeals, ADR rules and bodies, survey, re-opening, and
 * what its mail names (name, contacts, reference prefix). `language` is the one ADR bodies
 * are named in when a single name is wanted (a page's content language); their names in
 * every language are kept too, for mail.
 *
 * The one mapping from content to policy: pages, background jobs and tests all use it, so
 * what a test checks is what the server does.
 */
export function casePolicy(org: Organisation, language: string): CaseActionPolicy {
  const appeal = org.appealPolicy;
  const survey = org.satisfactionSurvey;
  return {
    calendar: organisationCalendar(org),
    commitments: org.commitments ?? [],
    appealPolicy: appeal
      ? { enabled: Boolean(appeal.enabled), window: appeal.window, decision: appeal.decision, final: Boolean(appeal.final), reviewer: appeal.reviewer }
      : null,
    adr: adrRules(org),
    regime: regimePolicy(org.regime),
    satisfactionSurvey: survey
      ? {
          enabled: Boolean(survey.enabled),
          ratings: (survey.ratings ?? []).map((r) => ({ key: r.key ?? '', opensDissatisfactionCase: Boolean(r.opensDissatisfactionCase) })),
        }
      : null,
    reopenPolicy: org.reopenPolicy ? { allowed: Boolean(org.reopenPolicy.allowed) } : null,
    organisationName: org.name ?? '',
    referencePrefix: org.referencePrefix ?? undefined,
    contacts: (org.contactMethods ?? []).flatMap((m) => (m.kind && m.value ? [{ kind: m.kind, value: m.value }] : [])),
    adrBodies: (org.adr ?? []).flatMap((rule) => {
      // TypeGen says the dereferenced scheme is there; a reference to a deleted or
      // unpublished scheme still comes back null, and names no body.
      const scheme: typeof rule.scheme | null = rule.scheme;
      const name = localise(scheme?.name, language, [...(org.languages ?? []), 'en'])?.text;
      if (!scheme || !name) return [];
      return [
        {
          rule: rule._key,
          name,
          // Every language of the name: a letter to a complainant who wrote in Welsh names the body in Welsh.
          names: Object.fromEntries((scheme.name ?? []).flatMap((item) => (item.language && item.value?.trim() ? [[item.language, item.value]] : []))),
          website: scheme.website || undefined,
          email: scheme.email || undefined,
          phones: scheme.phones?.length ? scheme.phones : undefined,
          address: scheme.postalAddress?.lines?.length ? scheme.postalAddress.lines : undefined,
          applyWithin: scheme.applyWithin ?? undefined,
        },
      ];
    }),
  };
}

/** The organisation's `adr[]` rules as the case rules read them (the older `afterWeeks` kept). */
function adrRules(org: Organisation): AdrRule[] {
  return (org.adr ?? []).map((rule) => ({
    key: rule._key,
    after: rule.after ?? null,
    afterWeeks: rule.afterWeeks ?? null,
    onDeadlock: rule.onDeadlock,
    afterFinalResponse: rule.afterFinalResponse ?? false,
  }));
}

/** The organisation's regime (dereferenced by the query) as the case rules read it, or null. */
export function regimePolicy(regime: Organisation['regime']): RegimePolicy | null {
  if (!regime) return null;
  return {
    id: regime._id,
    name: regime.shortName ?? undefined,
    limits: (regime.limits ?? []).flatMap((l) =>
      l.kind && l.duration && l.effectiveFrom ? [{ key: l._key, kind: l.kind, duration: l.duration, effectiveFrom: l.effectiveFrom }] : [],
    ),
    adrOnDeadlock: Boolean(regime.adrOnDeadlock),
    adrAfterFinalResponse: Boolean(regime.adrAfterFinalResponse),
  };
}

/**
 * What a new case needs of its organisation (src/cases/submit.ts): calendar, commitments, ADR
 * rules and regime, from which the promised dates are fixed at submission.
 */
export function caseOrganisationRules(org: Organisation, language: string) {
  const policy = casePolicy(org, language);
  return { calendar: policy.calendar, commitments: policy.commitments, adr: policy.adr, regime: policy.regime };
}

/**
 * The policy of an organisation as background work sees it (the case scheduler, retention):
 * by its content id, with ADR bodies named in the organisation's content language nearest
 * the site's default. Null when no organisation has that id (any more).
 */
export async function policyForOrganisationId(organisationId: string): Promise<CaseActionPolicy | null> {
  const summary = (await listOrganisations()).find((org) => org._id === organisationId);
  if (!summary?.slug) return null;
  const org = await getOrganisation(summary.slug);
  return org ? casePolicy(org, contentLanguage(org.languages ?? [], defaultLocale)) : null;
}

/**
 * The policy of the organisation with this slug, or null: for scripts and tests that name an
 * organisation as the site's addresses do.
 */
export async function policyForOrganisationSlug(slug: string, language = defaultLocale): Promise<CaseActionPolicy | null> {
  const org = await getOrganisation(slug);
  return org ? casePolicy(org, contentLanguage(org.languages ?? [], language)) : null;
}
