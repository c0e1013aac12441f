import type {CustomValidatorResult, Path, Rule, ValidationContext} from 'sanity'
import {languageTagProblem} from './locales'

/** The stored shape of one internationalized-array item. */
export interface I18nItem {
  _key: string
  _type?: string
  language?: string
  value?: string
}

interface ItemProblem {
  message: string
  path: Path
}

/** The languages the edited document publishes in, when it declares them (organisations do). */
function documentLanguages(context: ValidationContext): string[] | undefined {
  const languages = (context.document as {languages?: unknown} | undefined)?.languages
  return Array.isArray(languages)
    ? languages.filter((l): l is string => typeof l === 'string')
    : undefined
}

/**
 * Validation for an internationalized-array field: every item names a language (a BCP 47 tag),
 * no language appears twice and, when `required`, the field has a non-empty value in
 * each language the organisation publishes in (or at least one value elsewhere).
 */
export function validateI18n(
  value: I18nItem[] | undefined,
  context: ValidationContext,
  {required}: {required: boolean},
): CustomValidatorResult {
  const items = value ?? []
  const problems: ItemProblem[] = []
  const seen = new Set<string>()
  for (const item of items) {
    const language = item.language ?? item._key
    const problem = languageTagProblem(language)
    if (problem) {
      problems.push({message: problem, path: [{_key: item._key}]})
    } else if (seen.has(language)) {
      problems.push({
        message: `There is more than one ${language} value.`,
        path: [{_key: item._key}],
      })
    }
    seen.add(language)
  }
  if (problems.length > 0) return problems

  if (!required) return true
  const filled = new Set(
    items
      .filter((item) => typeof item.value === 'string' && item.value.trim() !== '')
      .map((item) => item.language ?? item._key),
  )
  const wanted = documentLanguages(context)
  if (wanted && wanted.length > 0) {
    const missing = wanted.filter((language) => !filled.has(language))
    if (missing.length > 0) return `Add the text in ${missing.join(', ')}.`
    return true
  }
  return filled.size > 0 ? true : 'Add the text in at least one language.'
}

/** Every string in the list is unique. */
export function uniqueStrings(value: string[] | undefined): CustomValidatorResult {
  const list = value ?? []
  const duplicates = list.filter((item, index) => list.indexOf(item) !== index)
  return duplicates.length === 0
    ? true
    : `Remove the repeated ${[...new Set(duplicates)].join(', ')}.`
}

/** A list of language codes: each a BCP 47 tag in canonical form (any language, not only the interface's), none repeated. */
export function languageList(value: string[] | undefined): CustomValidatorResult {
  const problems = (value ?? []).flatMap((item) => languageTagProblem(item) ?? [])
  if (problems.length > 0) return problems.join(' ')
  return uniqueStrings(value)
}

/** The value of a sibling field of the object being validated. */
export function sibling<T>(context: ValidationContext, name: string): T | undefined {
  return (context.parent as Record<string, unknown> | undefined)?.[name] as T | undefined
}

/** Validation for a required internationalized-array field (see validateI18n). */
export const requiredI18n = (rule: Rule) =>
  rule
    .required()
    .custom((value, context) =>
      validateI18n(value as I18nItem[] | undefined, context, {required: true}),
    )

/** Validation for an optional internationalized-array field (see validateI18n). */
export const optionalI18n = (rule: Rule) =>
  rule.custom((value, context) =>
    validateI18n(value as I18nItem[] | undefined, context, {required: false}),
  )

/** The English (or else first) value of an internationalized array, for previews. */
export function i18nTitle(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined
  const items = value as I18nItem[]
  return (items.find((item) => (item.language ?? item._key) === 'en') ?? items[0])?.value
}
