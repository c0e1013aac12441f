/**
 * A label as it reads inside a sentence ("Enter account number"): the first letter in
 * lower case, unless the first word is an abbreviation ("ID", "IBAN").
 */
export function lowerFirst(label: string, lang: string): string {
  const [first = '', second = ''] = [...label];
  const lower = (c: string) => safeCase(() => c.toLocaleLowerCase(lang), () => c.toLowerCase());
  const upper = (c: string) => safeCase(() => c.toLocaleUpperCase(lang), () => c.toUpperCase());
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
