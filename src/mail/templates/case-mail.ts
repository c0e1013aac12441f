import { z } from 'zod';
import { formatDeadline } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';

// Payload pieces shared by the mails about a case after it was received.

// Building an Intl.DateTimeFormat costs far more than the rest of a mail's checks, and every
// mail is checked when queued and when sent: each zone is tried once per process.
const knownZones = new Map<string, boolean>();
function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'Expected an IANA time zone like Europe/London' });

/** An instant as ISO 8601 with an offset. */
export const instantSchema = z.iso.datetime({ offset: true });

/** What every mail about a case carries. */
export const caseMailBase = {
  reference: z.string().min(1),
  /** The case's status page on this site (http or https only). */
  statusUrl: z.url({ protocol: /^https?$/ }),
  organisationName: z.string().min(1),
  /** The organisation's IANA time zone: dates are shown in it. */
  timeZone: timeZoneSchema,
};

/**
 * A deadline in the reader's language and the organisation's time zone. Day-based
 * deadlines end at 23:59 and say the day only; working-hours ones say the time too.
 */
export function dueDate(iso: string, language: string, timeZone: string): string {
  return formatDeadline(new Date(iso), language, timeZone);
}

/** "Central European Time", "heure normale d’Europe centrale"... or the zone's ID. */
export function timeZoneName(zone: string, language: string, at: Date): string {
  const part = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** The labelled line the reader's punctuation wants ("Téléphone : ..."). */
export const labelledWith = (t: Translate) => (label: string, value: string) => t('mail.labelled', { label, value });
