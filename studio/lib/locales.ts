/**
 * The locales Redress publishes in. The Studio's internationalized-array plugin,
 * the language fields and their validation all read this one list.
 */
export const locales = [
  {id: 'en', title: 'English'},
  {id: 'hu', title: 'Magyar'},
  {id: 'fr', title: 'Français'},
  {id: 'ar', title: 'العربية'},
] as const

export type LocaleId = (typeof locales)[number]['id']

export const localeIds: readonly string[] = locales.map((locale) => locale.id)

/** Options for a string field that holds one locale code. */
export const localeOptions = locales.map(({id, title}) => ({value: id, title: `${title} (${id})`}))

export function isLocale(value: unknown): value is LocaleId {
  return typeof value === 'string' && localeIds.includes(value)
}
