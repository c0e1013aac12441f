import { env } from '#src/env.ts';
import { listOrganisations } from '#src/content/index.ts';
import type { Translate } from '#src/i18n/index.ts';

/**
 * The day the statement was last reviewed against the tests and the known gaps. Change it
 * whenever either changes: a statement's date is part of what it promises.
 */
export const statementPreparedOn = '2026-11-21';

/**
 * Enforcement bodies the statement may name, by the country of an organisation listed on
 * the portal (content decides which apply; the statement names none for a country not in
 * content). Text lives in the locale files under `a11y.enforcement.<country>`.
 */
const enforcementBodies: Record<string, { url: string }> = {
  GB: { url: 'https://www.equalityadvisoryservice.com/' },
};

export interface StatementOrganisation {
  name: string;
  slug: string;
}

export interface AccessibilityStatement {
  organisations: StatementOrganisation[];
  /** The portal operator's contact, when the deployment names one. */
  operator: { name?: string; email?: string };
  enforcement: { country: string; textKey: string; linkKey: string; url: string }[];
}

/** What the statement shows: every organisation in content, the operator from the environment. */
export async function loadAccessibilityStatement(): Promise<AccessibilityStatement> {
  const organisations = await listOrganisations();
  const countries = [...new Set(organisations.map((o) => o.country ?? ''))].sort();
  return {
    organisations: organisations.map((o) => ({ name: o.name ?? o.slug ?? '', slug: o.slug ?? '' })).filter((o) => o.slug),
    operator: { name: env().OPERATOR_NAME, email: env().ACCESSIBILITY_CONTACT_EMAIL },
    enforcement: countries.flatMap((country) => {
      const body = enforcementBodies[country];
      return body ? [{ country, textKey: `a11y.enforcement.${country}`, linkKey: `a11y.enforcement.${country}.link`, url: body.url }] : [];
    }),
  };
}

/** The statement's address in a language: linked from every public and staff page. */
export const statementPath = (lang: string) => `/${lang}/accessibility`;

/** The operator as the statement names them. */
export const operatorName = (statement: AccessibilityStatement, t: Translate) => statement.operator.name ?? t('a11y.report.operatorDefault');
