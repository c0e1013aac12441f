import en from './locales/en.json' with { type: 'json' };
import hu from './locales/hu.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ar from './locales/ar.json' with { type: 'json' };

/** The languages the site's own interface is written in; the first is the fallback. */
export const locales = ['en', 'hu', 'fr', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export type Messages = Record<string, string>;
export const messages: Record<Locale, Messages> = { en, hu, fr, ar };

const rtl = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** True when `value` is one of the site's interface languages. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The canonical form of a BCP 47 language tag ("en-gb" → "en-GB", "iw" → "he"), or null
 * when `value` is not a well-formed tag. Content may be published in any language, not
 * only in those the interface is written in, so content languages are checked with this.
 */
export function canonicalLanguageTag(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

/** True when `value` is a BCP 47 tag written in its canonical form ("cy", "de-AT", "sr-Latn"). */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && canonicalLanguageTag(value) === value;
}

/**
 * The interface language for content in `language`: the language itself when the site
 * speaks it, else the nearest one it speaks (fr-BE → fr), else English (cy → en). Only the
 * interface falls back: the content keeps its own language and says so with `lang`.
 */
export function interfaceLocale(language: string): Locale {
  const tag = canonicalLanguageTag(language);
  if (!tag) return defaultLocale;
  if (isLocale(tag)) return tag;
  try {
    // Intl.Locale drops script and region down to the language ("sr-Latn-RS" → "sr").
    const primary = new Intl.Locale(tag).language;
    if (isLocale(primary)) return primary;
  } catch {
    // a tag Intl cannot parse has no nearer interface language
  }
  return defaultLocale;
}

const directions = new Map<string, 'ltr' | 'rtl'>();

/**
 * Text direction of a language, content languages included: what Intl knows of the
 * language and its script (ur, he, ks-Arab are right to left; az-Latn is not), else
 * right-to-left for Arabic and its neighbours.
 */
export function dir(language: string): 'ltr' | 'rtl' {
  let known = directions.get(language);
  if (!known) {
    known = rtl.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
    try {
      const locale = new Intl.Locale(language) as Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };
      const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
      if (direction === 'rtl' || direction === 'ltr') known = direction;
    } catch {
      // not a tag Intl parses: the table above decides
    }
    directions.set(language, known);
  }
  return known;
}

/**
 * Picks the interface language from an Accept-Language header: the highest-weighted
 * language we have, matching on the primary subtag (fr-CA → fr); English otherwise.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

type EnglishKey = keyof typeof en;
// `unit.businessDays.one`/`.other` are asked for as `unit.businessDays` with a count. A key
// that only ends in `.other` (`contact.kind.other`, "other" as a kind) is not a plural.
type PluralStem = { [K in EnglishKey]: K extends `${infer Stem}.other` ? (`${Stem}.one` extends EnglishKey ? Stem : never) : never }[EnglishKey];
/** A key of the English strings, or the stem of a plural one; every locale has the same keys (test/i18n). */
export type MessageKey = EnglishKey | PluralStem;

/** The stems of the plural strings (`unit.hours` for `unit.hours.one`/`.other`). */
export const pluralStems: ReadonlySet<string> = new Set(
  Object.keys(en).flatMap((key) =>
    key.endsWith('.other') && Object.hasOwn(en, `${key.slice(0, -'.other'.length)}.one`) ? [key.slice(0, -'.other'.length)] : [],
  ),
);

/**
 * True when `key` names a UI string. For keys that come from data (a stored status, a
 * content field): check with this and fall back, so that a key the strings lack is seen
 * rather than shown as is.
 */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && (Object.hasOwn(en, key) || pluralStems.has(key));
}

/** The keys under `prefix.`, without it: `KeysUnder<'mail.adrLetter'>` has `subject`, `heading`... */
export type KeysUnder<Prefix extends string> = { [K in MessageKey]: K extends `${Prefix}.${infer Rest}` ? Rest : never }[MessageKey];

/**
 * Keys of one group of strings, named without their prefix: with `k = keysUnder('mail.caseUpdate')`,
 * `t(k('subject.' + update))` written as a template literal is checked for every value a
 * literal-union `update` can take.
 */
export function keysUnder<Prefix extends string>(prefix: Prefix): (key: KeysUnder<Prefix>) => MessageKey {
  // KeysUnder<Prefix> holds exactly the rests of MessageKeys that start with the prefix.
  return (key) => `${prefix}.${key}` as MessageKey;
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * A translator for one locale. Keys are dotted; `{name}` placeholders are filled from
 * `vars`; when `vars.count` is a number, `key.<plural category>` is preferred (Arabic has
 * six categories), then `key.other`. A key missing in a locale falls back to English,
 * and a key missing everywhere is returned as is so that it shows up in review.
 */
export function translator(locale: Locale): Translate {
  const table = messages[locale];
  const fallback = messages[defaultLocale];
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const pluralRulesForLocale = rules;
  return (key, vars) => {
    let template: string | undefined;
    if (vars && typeof vars.count === 'number') {
      const category = pluralRulesForLocale.select(vars.count);
      template = table[`${key}.${category}`] ?? table[`${key}.other`] ?? fallback[`${key}.${category}`] ?? fallback[`${key}.other`];
    }
    template ??= table[key] ?? fallback[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? formatVar(vars[name]!, locale) : whole));
  };
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

// Creating an Intl.NumberFormat is costly; one per locale serves every message.
function formatVar(value: string | number, locale: Locale): string {
  if (typeof value !== 'number') return value;
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

// Building an Intl.DisplayNames costs more than rendering the rest of a language switcher:
// names are asked on every page, so each is worked out once per process.
const names = new Map<string, string>();

/** The name of a language in that language itself ("Magyar", "العربية"), for switchers. */
export function languageName(language: string, inLanguage: string = language): string {
  const key = `${language}\u0000${inLanguage}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      const found = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(language) ?? language;
      name = found.charAt(0).toLocaleUpperCase(inLanguage) + found.slice(1);
    } catch {
      name = language;
    }
    names.set(key, name);
  }
  return name;
}

/** The name of a country (ISO 3166-1 alpha-2) in the given language. */
export function countryName(country: string, inLanguage: string): string {
  const key = `region:${country}\u0000${inLanguage}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames([inLanguage], { type: 'region' }).of(country) ?? country;
    } catch {
      name = country;
    }
    names.set(key, name);
  }
  return name;
}
