import { localParts, openingStatus, type OpeningHours, type OrgCalendar, type Weekday } from '#src/calendar/index.ts';
import type { Translate } from '#src/i18n/index.ts';
import { dateTimeFormat, formatDateTime, formatTime, formatWeekday } from '#src/i18n/format.ts';

/**
 * "Open now, until 17:30" or "Closed now. Opens Monday at 08:30", computed at `now` in
 * the organisation's time zone with its public holidays.
 */
export function openingInWords(hours: OpeningHours, cal: OrgCalendar, now: Date, locale: string, t: Translate) {
  const status = openingStatus(hours, cal, now);
  const tz = cal.timeZone;
  if (status.open) {
    return { open: true, text: t('hours.openNow', { time: formatTime(status.closesAt, locale, tz) }), changesAt: status.closesAt };
  }
  if (!status.nextOpening) return { open: false, text: t('hours.closedNow'), changesAt: null };
  const next = status.nextOpening;
  const time = formatTime(next, locale, tz);
  const days = dayDifference(localParts(now, tz).date, localParts(next, tz).date);
  const text =
    days === 0
      ? t('hours.opensToday', { time })
      : days === 1
        ? t('hours.opensTomorrow', { time })
        : days < 7
          ? t('hours.opensOn', { day: formatWeekday(next, locale, tz), time })
          : t('hours.opensOnDate', { date: formatDateTime(next, locale, tz, false), time });
  return { open: false, text, changesAt: next };
}

function dayDifference(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const weekOrder: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// 5 January 2026 is a Monday: a fixed week to name the days in any language.
const mondayUtc = Date.UTC(2026, 0, 5, 12);

/** The opening periods as rows to show: days named in the reader's language, times as given. */
export function openingRows(hours: OpeningHours, locale: string) {
  const dayName = (day: Weekday) =>
    dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(mondayUtc + weekOrder.indexOf(day) * 86_400_000));
  return hours.periods.map((period) => {
    const days = [...period.days].sort((a, b) => weekOrder.indexOf(a) - weekOrder.indexOf(b));
    const consecutive = days.every((day, i) => i === 0 || weekOrder.indexOf(day) === weekOrder.indexOf(days[i - 1]!) + 1);
    const label =
      days.length > 2 && consecutive
        ? `${dayName(days[0]!)} – ${dayName(days.at(-1)!)}`
        : new Intl.ListFormat(locale, { type: 'conjunction' }).format(days.map(dayName));
    return { days: label, opens: period.opens, closes: period.closes };
  });
}
