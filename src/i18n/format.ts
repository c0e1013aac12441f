import { isMessageKey, type Translate } from './index.ts';
import { localParts, zonedYear } from '../calendar/index.ts';

export interface DurationLike {
  amount?: number | null;
  amountMax?: number | null;
  unit?: string | null;
}

/**
 * A time limit in words in the reader's language: "24 working hours", "3 to 5 business
 * days", "15 days". Plural forms come from the locale's rules (Arabic has six).
 */
export function durationInWords(duration: DurationLike | null | undefined, t: Translate): string {
  if (!duration?.unit || typeof duration.amount !== 'number') return '';
  // The unit comes from content: one the strings do not name shows as its key, to be seen in review.
  const key = `unit.${duration.unit}`;
  const inUnits = (count: number) => (isMessageKey(key) ? t(key, { count }) : key);
  if (typeof duration.amountMax === 'number' && duration.amountMax > duration.amount) {
    return t('duration.range', { min: duration.amount, max: inUnits(duration.amountMax) });
  }
  return inUnits(duration.amount);
}

/** "within 24 working hours", for a commitment or a time limit. */
export function withinInWords(duration: DurationLike | null | undefined, t: Translate): string {
  const words = durationInWords(duration, t);
  return words ? t('duration.within', { duration: words }) : '';
}

/**
 * The Intl locale for a language: English dates are written the British way ("Monday 23
 * November"), as the organisations' own English texts do; the others as Intl has them.
 */
export function intlLocale(language: string): string {
  return language === 'en' ? 'en-GB' : language;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat for a language and options, made once: creating one costs far more
 * than using it, and a page formats dozens of dates.
 */
export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = intlLocale(language);
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/**
 * A date and time in a time zone, in the reader's language ("Monday 23 November, 17:30").
 * A date in another year than `now`'s (in that time zone) says its year ("Friday 8 January
 * 2027"): a deadline early next year or an event of last December is otherwise ambiguous.
 */
export function formatDateTime(instant: Date, locale: string, timeZone: string, withTime = true, now: Date = new Date()): string {
  const otherYear = zonedYear(instant, timeZone) !== zonedYear(now, timeZone);
  return dateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(otherYear ? { year: 'numeric' } : {}),
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(instant);
}

/** A calendar date (YYYY-MM-DD) in the reader's language ("1 January 2026"). */
export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)));
}

/** A wall-clock time ("08:30") of an instant in a time zone. */
export function formatTime(instant: Date, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** The weekday name of an instant in a time zone ("Monday"). */
export function formatWeekday(instant: Date, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, weekday: 'long' }).format(instant);
}

/**
 * A deadline in the reader's language and the organisation's time zone. A deadline counted
 * in days ends at the close of a local day (23:59) and says the day only; one counted in
 * (working) hours says the time too.
 */
export function formatDeadline(due: Date, locale: string, timeZone: string, now: Date = new Date()): string {
  const local = localParts(due, timeZone);
  return formatDateTime(due, locale, timeZone, !(local.hour === 23 && local.minute === 59), now);
}
