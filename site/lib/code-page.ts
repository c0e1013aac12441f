import { codeVersions, getComplaintsCode, type CodeVersion, type ComplaintsCode } from '#src/content/index.ts';
import { localParts } from '#src/calendar/index.ts';
import { loadOrganisationPage, nextMidnight, type OrganisationPage } from './organisation-page.ts';

export interface CodePage {
  page: OrganisationPage;
  code: ComplaintsCode;
  current: CodeVersion;
  earlier: CodeVersion[];
  isCurrent: boolean;
  cacheUntil: number;
}

/**
 * The complaints code for a page: the version in force today (in the organisation's time
 * zone) or the named earlier version, in the language the organisation's content is shown
 * in. Null when there is no such organisation, language or version.
 */
export async function loadCodePage(slug: string | undefined, lang: string, version?: string): Promise<CodePage | null> {
  const page = await loadOrganisationPage(slug, lang);
  if (!page) return null;
  const today = localParts(new Date(), page.calendar.timeZone).date;
  const { current, earlier } = codeVersions(page.org.codes ?? [], page.contentLang, today);
  if (!current) return null;
  const chosen = version === undefined ? current : [current, ...earlier].find((v) => v.version === version);
  if (!chosen?.version) return null;
  const code = await getComplaintsCode(page.org._id, page.contentLang, chosen.version);
  if (!code) return null;
  return {
    page,
    code,
    current,
    earlier,
    isCurrent: chosen.version === current.version,
    // The version in force changes at the organisation's midnight, and only then.
    cacheUntil: nextMidnight(new Date(), page.calendar.timeZone),
  };
}
