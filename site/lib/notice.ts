import { messages } from '#src/i18n/index.ts';

/**
 * The `?done=` notice of a page, only when it names one of the page's own messages
 * (`prefix` + key exists in the strings); anything else in the address shows nothing.
 * A link someone else wrote must not make the page say what it chooses.
 */
export function knownNotice(prefix: string, value: string | null): string | null {
  if (!value || !/^[A-Za-z]{1,40}$/.test(value)) return null;
  return Object.hasOwn(messages.en, `${prefix}${value}`) ? value : null;
}
