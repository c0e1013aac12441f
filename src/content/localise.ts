/** A value of an internationalized-array field (sanity-plugin-internationalized-array v5). */
export type I18nValue =
  | ReadonlyArray<{ language?: string | null; _key?: string | null; value?: string | null }>
  | null
  | undefined;

/** Text picked for a reader, with the language it is really in. */
export interface Localised {
  text: string;
  lang: string;
  /** True when the reader's language was missing and another one was used. */
  fallback: boolean;
}

// v5 stores the language in `language`; older data kept it in `_key`.
const languageOf = (item: { language?: string | null; _key?: string | null }) => item.language ?? item._key ?? '';

/**
 * Picks the reader's language from a localised field, else the first of `fallbacks` that
 * has a value (the organisation's languages, default first). Null when the field is empty.
 */
export function localise(values: I18nValue, wanted: string, fallbacks: readonly string[] = []): Localised | null {
  if (!values?.length) return null;
  for (const language of [wanted, ...fallbacks]) {
    const hit = values.find((item) => languageOf(item) === language && item.value?.trim());
    if (hit) return { text: hit.value!, lang: language, fallback: language !== wanted };
  }
  const any = values.find((item) => item.value?.trim());
  return any ? { text: any.value!, lang: languageOf(any), fallback: true } : null;
}

const primaryOf = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * The language an organisation's content is shown in for a reader of `wanted`: that one,
 * else a variant of the same language (fr → fr-BE, fr-BE → fr), else the original.
 */
export function contentLanguage(organisationLanguages: readonly string[], wanted: string): string {
  if (organisationLanguages.includes(wanted)) return wanted;
  return organisationLanguages.find((language) => primaryOf(language) === primaryOf(wanted)) ?? organisationLanguages[0] ?? wanted;
}
