import type { AcknowledgementMail } from '#src/cases/submit.ts';
import { answerDeadline, type PlannedDeadline } from '#src/cases/deadlines.ts';
import type { OrganisationPage } from './organisation-page.ts';

/**
 * The acknowledgement a new case sends its complainant (none without an email address):
 * reference, access code, status link, the promised dates and the organisation's contacts.
 */
export function acknowledgementMail(
  page: OrganisationPage,
  options: { kind: 'complaint' | 'compliment'; email: string | null; language: string; publicBaseUrl: string },
): (created: { reference: string; accessCode: string; deadlines: PlannedDeadline[] }) => AcknowledgementMail | null {
  const org = page.org;
  return ({ reference, accessCode, deadlines }) =>
    options.email
      ? {
          template: 'acknowledgement',
          to: options.email,
          payload: {
            kind: options.kind,
            reference,
            accessCode,
            statusUrl: `${options.publicBaseUrl}/${options.language}/track`,
            organisationName: org.name ?? '',
            timeZone: page.calendar.timeZone,
            acknowledgeBy: deadlines.find((d) => d.event === 'acknowledge')?.due.toISOString(),
            answerBy: answerDeadline(deadlines)?.due.toISOString(),
            // Labelled as on the organisation's page ("Complaints line"), in the page's content language.
            contacts: (org.contactMethods ?? []).map((m) => {
              const label = page.text(m.label);
              return { kind: m.kind ?? '', value: m.value ?? '', ...(label ? { label: label.text, labelLang: label.lang } : {}) };
            }),
          },
        }
      : null;
}
