import { and, asc, eq, isNull } from 'drizzle-orm';
import { addressLines } from '#src/forms/address-format.ts';
import type { Address } from '#src/forms/types.ts';
import type { AstroCookies } from 'astro';
import { staffMemberships, staffUsers, type Db } from '#src/db/index.ts';
import { dir, isLocale, translator, type Locale } from '#src/i18n/index.ts';
import { loadCase, type Actor, type LoadedCase } from '#src/cases/actions.ts';
import { loadStaffCaseRecord as loadRecord, type ColleagueRow, type StaffCaseRecord } from '#src/cases/staff-case-record.ts';
import { roleIn, type StaffUser } from '#src/auth/index.ts';
import { getComplaintForm } from '#src/content/index.ts';
import type { FormDefinition, FormField, FormValue } from '#src/forms/types.ts';
import { complaintFormFields } from './form-fields.ts';
import { loadOrganisationPage, type OrganisationPage } from './organisation-page.ts';
import { secureCookie } from './cookies.ts';

/** The cookie that keeps a member of staff's language choice (the back office has no language in its URLs). */
export const staffLanguageCookie = 'redress_staff_lang';

interface LanguageContext {
  url: URL;
  cookies: AstroCookies;
  locals: App.Locals;
}

/**
 * The back office's language: `?lang=` (the language choice links, remembered in a cookie),
 * else the cookie, else what the middleware negotiated from Accept-Language.
 */
export function applyStaffLanguage(context: LanguageContext): Locale {
  const asked = context.url.searchParams.get('lang');
  let lang: Locale | null = null;
  if (isLocale(asked)) {
    lang = asked;
    context.cookies.set(staffLanguageCookie, asked, { path: '/staff', httpOnly: true, sameSite: 'lax', maxAge: 31_536_000, secure: secureCookie(context.url) });
  } else {
    const kept = context.cookies.get(staffLanguageCookie)?.value;
    if (isLocale(kept)) lang = kept;
  }
  if (lang && lang !== context.locals.lang) {
    context.locals.lang = lang;
    // Staff pages have no language in their address: links out of them follow the chosen one.
    context.locals.pageLang = lang;
    context.locals.dir = dir(lang);
    context.locals.t = translator(lang);
  }
  return context.locals.lang;
}

/** The organisations a member of staff works for: every query of the back office is limited to them. */
export const organisationIdsOf = (user: StaffUser) => user.memberships.map((m) => m.organisationId);

export interface MemberOrganisation {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/** The member's organisations with the name and time zone their content gives (the slug and UTC if it has gone). */
export function memberOrganisations(user: StaffUser, lang: Locale): Promise<MemberOrganisation[]> {
  return Promise.all(
    user.memberships.map(async (m) => {
      const page = await loadOrganisationPage(m.organisationSlug, lang);
      return { id: m.organisationId, slug: m.organisationSlug, name: page?.org.name ?? m.organisationSlug, timeZone: page?.calendar.timeZone ?? 'UTC' };
    }),
  );
}

/**
 * A case for a member of staff, or null when there is none OR it belongs to an organisation
 * they are not a member of: both answer 404, so that a case's existence is never revealed.
 */
export async function loadStaffCase(db: Db, user: StaffUser, caseId: string | undefined): Promise<LoadedCase | null> {
  if (!caseId) return null;
  const loaded = await loadCase(db, caseId);
  if (!loaded || !organisationIdsOf(user).includes(loaded.case.organisationId)) return null;
  return loaded;
}

/** The same, with everything the back office's case page shows (one statement). */
export async function loadStaffCaseRecord(db: Db, user: StaffUser, caseId: string | undefined): Promise<StaffCaseRecord | null> {
  if (!caseId) return null;
  const record = await loadRecord(db, caseId);
  if (!record || !organisationIdsOf(user).includes(record.case.organisationId)) return null;
  return record;
}

/** The actor of a staff action: the member, with their role in the case's organisation. */
export function staffActor(user: StaffUser, organisationId: string): Actor {
  return { type: 'staff', id: user.id, name: user.name || user.email, role: roleIn(user, organisationId) ?? 'handler' };
}

export interface Colleague {
  id: string;
  name: string;
  role: string;
}

/** The members of an organisation who can be given a case (accounts not disabled), by name. */
export async function colleaguesIn(db: Db, organisationId: string): Promise<Colleague[]> {
  const rows = await db
    .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffMemberships.role })
    .from(staffMemberships)
    .innerJoin(staffUsers, eq(staffUsers.id, staffMemberships.userId))
    .where(and(eq(staffMemberships.organisationId, organisationId), isNull(staffUsers.disabledAt)))
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
  return asColleagues(rows);
}

/** Colleague rows as the page lists them: a member without a name by their email. */
export function asColleagues(rows: readonly ColleagueRow[]): Colleague[] {
  return rows.map((row) => ({ id: row.id, name: row.name || row.email, role: row.role }));
}

/** The complete complaint form of an organisation in this language, or null when it has none. */
export async function organisationFormFields(page: OrganisationPage, lang: Locale): Promise<FormField[] | null> {
  const ref = (page.org.complaintForm as { _ref?: string } | undefined)?._ref;
  const definition = ref ? ((await getComplaintForm(ref)) as unknown as FormDefinition | null) : null;
  return definition ? complaintFormFields(definition, lang, page.org.languages ?? []) : null;
}

export interface ShownAnswer {
  key: string;
  label: string;
  value: string;
}

/**
 * A case's answers with the labels of the organisation's form where the question still
 * exists (chosen options by their labels, addresses on one line), in the form's order; answers
 * to questions the form no longer asks come last, under their key.
 */
export function shownAnswers(
  rows: readonly { fieldKey: string; value: unknown }[],
  fields: readonly FormField[] | null,
  country?: string | null,
): ShownAnswer[] {
  const order = new Map((fields ?? []).map((f, i) => [f.key, i]));
  return rows
    .map((row) => {
      const field = fields?.find((f) => f.key === row.fieldKey);
      return { key: row.fieldKey, label: field?.label ?? row.fieldKey, value: answerText(row.value as FormValue, field, country) };
    })
    .sort((a, b) => (order.get(a.key) ?? 1e6) - (order.get(b.key) ?? 1e6) || a.key.localeCompare(b.key));
}

function answerText(value: FormValue, field: FormField | undefined, country?: string | null): string {
  const optionLabel = (v: string) => field?.options?.find((o) => o.value === v)?.label ?? v;
  if (typeof value === 'string') return field?.options?.length ? optionLabel(value) : value;
  if (Array.isArray(value)) return value.map(optionLabel).join(', ');
  // An address in the order of the organisation's country (HU: postcode before town).
  if (field?.type === 'address' && value && typeof value === 'object') return addressLines(value as Partial<Address>, country).join('\n');
  if (value && typeof value === 'object')
    return Object.values(value)
      .filter((part) => typeof part === 'string' && part)
      .join(', ');
  return String(value ?? '');
}
