import type { CaseActionPolicy } from '../../src/cases/actions.ts';
import type { AdrRule } from '../../src/cases/lifecycle.ts';
import type { RegimePolicy } from '../../src/cases/regime.ts';
import { listOrganisations, localise } from '../../src/content/index.ts';
import { defaultLocale } from '../../src/i18n/index.ts';
import { loadOrganisationPage, type OrganisationPage } from './organisation-page.ts';

/**
 * An organisation's complaints policy as the case rules and actions need it, from its
 * content: calendar, commitments, appeals, ADR rules and bodies, survey, re-opening, and
 * what its mail names (name, contacts, reference prefix).
 */
export function casePolicy(page: OrganisationPage): CaseActionPolicy {
  const org = page.org;
  const appeal = org.appealPolicy;
  const survey = org.satisfactionSurvey;
  return {
    calendar: page.calendar,
    commitments: org.commitments ?? [],
    appealPolicy: appeal
      ? { enabled: Boolean(appeal.enabled), window: appeal.window, decision: appeal.decision, final: Boolean(appeal.final), reviewer: appeal.reviewer }
      : null,
    adr: adrRules(org),
    regime: regimePolicy(org.regime),
    satisfactionSurvey: survey
      ? { enabled: Boolean(survey.enabled), ratings: (survey.ratings ?? []).map((r) => ({ key: r.key ?? '', opensDissatisfactionCase: Boolean(r.opensDissatisfactionCase) })) }
      : null,
    reopenPolicy: org.reopenPolicy ? { allowed: Boolean(org.reopenPolicy.allowed) } : null,
    organisationName: org.name ?? '',
    referencePrefix: org.referencePrefix ?? undefined,
    contacts: (org.contactMethods ?? []).flatMap((m) => (m.kind && m.value ? [{ kind: m.kind, value: m.value }] : [])),
    adrBodies: (org.adr ?? []).flatMap((rule) => {
      const scheme = rule.scheme as
        | { name?: Parameters<typeof localise>[0]; website?: string; email?: string; phones?: string[]; postalAddress?: { lines?: string[] }; applyWithin?: { amount: number; amountMax?: number; unit: string } }
        | null
        | undefined;
      const name = localise(scheme?.name, page.contentLang, [...(org.languages ?? []), 'en'])?.text;
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
function adrRules(org: OrganisationPage['org']): AdrRule[] {
  return (org.adr ?? []).map((rule) => ({
    key: rule._key,
    after: rule.after ?? null,
    afterWeeks: rule.afterWeeks ?? null,
    onDeadlock: rule.onDeadlock,
    afterFinalResponse: rule.afterFinalResponse ?? false,
  }));
}

/** The organisation's regime (dereferenced by the query) as the case rules read it, or null. */
export function regimePolicy(regime: OrganisationPage['org']['regime']): RegimePolicy | null {
  if (!regime) return null;
  return {
    id: regime._id,
    name: regime.shortName ?? undefined,
    limits: (regime.limits ?? []).flatMap((l) => (l.kind && l.duration && l.effectiveFrom ? [{ key: l._key, kind: l.kind, duration: l.duration, effectiveFrom: l.effectiveFrom }] : [])),
    adrOnDeadlock: Boolean(regime.adrOnDeadlock),
    adrAfterFinalResponse: Boolean(regime.adrAfterFinalResponse),
  };
}

/**
 * What a new case needs of its organisation (src/cases/submit.ts): calendar, commitments, ADR
 * rules and regime, from which the promised dates are fixed at submission.
 */
export function caseOrganisationRules(page: OrganisationPage) {
  const policy = casePolicy(page);
  return { calendar: policy.calendar, commitments: policy.commitments, adr: policy.adr, regime: policy.regime };
}

/** The policy of the organisation with this content id (for background work), or null. */
export async function policyForOrganisationId(organisationId: string): Promise<CaseActionPolicy | null> {
  const summary = (await listOrganisations()).find((org) => org._id === organisationId);
  if (!summary?.slug) return null;
  const page = await loadOrganisationPage(summary.slug, defaultLocale);
  return page ? casePolicy(page) : null;
}
