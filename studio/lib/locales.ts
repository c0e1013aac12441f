/**
 * The languages Redress's own interface is written in. Organisations may publish in any
 * other language too (Welsh, German...): content languages are BCP 47 tags, checked with
 * isLanguageTag, and the site shows their pages with the interface in the nearest of these.
 */
export const locales = [
  {id: 'en', title: 'English'},
  {id: 'hu', title: 'Magyar'},
  {id: 'fr', title: 'Français'},
  {id: 'ar', title: 'العربية'},
] as const

export type LocaleId = (typeof locales)[number]['id']

export const localeIds: readonly string[] = locales.map((locale) => locale.id)

/**
 * The canonical form of a BCP 47 tag ("en-gb" → "en-GB"), or null when it is not one.
 * The same rule as the site's src/i18n (canonicalLanguageTag): the Studio and the dataset
 * check agree on what a language code is.
 */
export function canonicalLanguageTag(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) return null
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null
  } catch {
    return null
  }
}

/** A BCP 47 tag in its canonical form ("cy", "de-AT"): the form page addresses use. */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && canonicalLanguageTag(value) === value
}

/** "Cymraeg (cy)": a language's own name and its code, for editors. */
export function languageTitle(id: string): string {
  try {
    const name = new Intl.DisplayNames([id], {type: 'language'}).of(id)
    return name && name !== id
      ? `${name.charAt(0).toLocaleUpperCase(id) + name.slice(1)} (${id})`
      : id
  } catch {
    return id
  }
}

/** What is wrong with a language code, or undefined: for messages that say how to fix it. */
export function languageTagProblem(value: string): string | undefined {
  const canonical = canonicalLanguageTag(value)
  if (!canonical)
    return `"${value}" is not a language code: write a BCP 47 tag such as cy, de or fr-BE.`
  if (canonical !== value) return `Write "${value}" as "${canonical}".`
  return undefined
}
