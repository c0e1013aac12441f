import { contentLanguage, getOrganisation, localise, type I18nValue, type Localised, type Organisation } from '#src/content/index.ts';
import { isLocale } from '#src/i18n/index.ts';
import { addDays, localParts, zonedTime, type OrgCalendar } from '#src/calendar/index.ts';
import { organisationCalendar } from '#src/policy/index.ts';

const slugPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface OrganisationPage {
  org: Organisation;
  /** The language the organisation's content is shown in. */
  contentLang: string;
  /** The reader's language is not one the organisation publishes in. */
  contentMissing: boolean;
  /** The content shown is Redress's translation of the organisation's original. */
  translated: boolean;
  originalLang: string;
  /** Localises a field of the organisation's content for this page. */
  text: (value: I18nValue) => Localised | null;
  /** The organisation's calendar: time zone, public holidays, working week, closures. */
  calendar: OrgCalendar;
}

/**
 * Loads an organisation for a page in `lang` (the page's language: an interface language or
 * a content language such as cy), or null when the slug names none (the page answers 404).
 * A content language the interface does not speak has pages only for the organisations
 * that publish in it: /cy/<org> would be /en/<org> again under another address. A case's
 * status page (`anyLanguage`) shows its organisation whatever language the case has.
 */
export async function loadOrganisationPage(slug: string | undefined, lang: string, options: { anyLanguage?: boolean } = {}): Promise<OrganisationPage | null> {
  if (!slug || !slugPattern.test(slug)) return null;
  const org = await getOrganisation(slug);
  if (!org) return null;
  const languages: string[] = org.languages ?? [];
  if (!isLocale(lang) && !languages.includes(lang) && !options.anyLanguage) return null;
  const contentLang = contentLanguage(languages, lang);
  return {
    org,
    contentLang,
    contentMissing: contentLang !== lang && contentLang.split('-')[0] !== lang.split('-')[0],
    translated: ((org.translatedLanguages ?? []) as string[]).includes(contentLang),
    originalLang: languages[0] ?? contentLang,
    text: (value) => localise(value, contentLang, languages),
    calendar: organisationCalendar(org),
  };
}

/** The answer of a page that does not exist: Astro renders the localised 404 page for it. */
export const notFound = () => new Response(null, { status: 404, statusText: 'Not Found' });

/** The next local midnight in a time zone: when "today" (and the code in force) changes. */
export function nextMidnight(now: Date, timeZone: string): number {
  return zonedTime(addDays(localParts(now, timeZone).date, 1), '00:00', timeZone).getTime();
}
