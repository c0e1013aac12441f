import type { MessageKey, Translate, Vars } from '../i18n/index.ts';

/**
 * A label as it reads inside a sentence ("Enter account number"): the first letter in
 * lower case, unless the first word is an abbreviation ("ID", "IBAN").
 */
export function lowerFirst(label: string, lang: string): string {
  const [first = '', second = ''] = [...label];
  const lower = (c: string) =>
    safeCase(
      () => c.toLocaleLowerCase(lang),
      () => c.toLowerCase(),
    );
  const upper = (c: string) =>
    safeCase(
      () => c.toLocaleUpperCase(lang),
      () => c.toUpperCase(),
    );
  const capital = first !== lower(first);
  const smallNext = second !== '' && second !== upper(second);
  return capital && smallNext ? lower(first) + label.slice(first.length) : label;
}

// toLocale*Case throws on a malformed language tag; content should never have one, but a
// label must still show.
function safeCase(localeAware: () => string, plain: () => string): string {
  try {
    return localeAware();
  } catch {
    return plain();
  }
}

/**
 * A message that names a question: the template of `key` with `{label}` filled in, the
 * label's first letter lowered when it stands inside the sentence ("Enter account
 * number") and kept when the sentence starts with it ("Account number must be..." or
 * "« Numéro de compte » doit..."). `keepCase` keeps it as written (a quoted question).
 */
export function labelled(t: Translate, key: MessageKey, label: string, lang: string, vars: Vars = {}, keepCase = false): string {
  const template = t(key, vars);
  const atStart = /^[\s«»"“”„'‘’‚(]*\{label\}/.test(template);
  const shown = keepCase || atStart ? label : lowerFirst(label, lang);
  return template.replace(/\{label\}/g, () => shown);
}
