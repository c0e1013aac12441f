import { describe, expect, it } from 'vitest';
import { locales } from '#src/i18n/index.ts';
import { renderMail } from '#src/mail/index.ts';

const facts = {
  reference: 'AF-7K3Q-Z9M2',
  organisationName: 'OPEX',
  timeZone: 'Africa/Tunis',
  // 16:30 UTC is 17:30 in Tunis.
  receivedAt: '2026-11-20T16:30:00.000Z',
  subject: 'caseLetter',
  caseReference: 'OPX-2026-ABCD-EFGH',
  format: 'otherLanguage',
  details: 'Polish',
  delivery: 'email',
};
const mails = {
  formatRequestAcknowledgement: { ...facts, commitment: 'We translate on request.' },
  formatRequestNotification: {
    ...facts,
    name: 'Ann <Reader>',
    email: 'ann@example.org',
    postalAddress: '1 High Street\nLeeds',
    requesterLanguage: 'pl',
    staffUrl: 'https://redress.example/staff/formats/0b7e',
  },
  formatRequestUpdate: { ...facts, update: 'fulfilled', body: 'Emailed the Polish translation.', sentOn: '2026-11-23' },
} as const;

describe.each(Object.entries(mails))('the %s mail', (template, payload) => {
  it.each(locales)('renders in %s with every string, the request and the time in the organisation’s zone', (lang) => {
    const mail = renderMail(template, lang, payload);
    for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(/formats\.[a-z]+\.|\{[a-z]+\}/i);
    expect(mail.subject).toContain('AF-7K3Q-Z9M2');
    expect(mail.text).toContain('OPX-2026-ABCD-EFGH');
    expect(mail.text).toContain('Polish');
    expect(mail.text).toContain('17:30');
    expect(mail.html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
    expect(mail.html).not.toContain('<Reader>');
  });
});

describe('the format request mails', () => {
  it('give the requester the organisation’s own words, and staff the requester and the link', () => {
    expect(renderMail('formatRequestAcknowledgement', 'en', mails.formatRequestAcknowledgement).text).toContain('We translate on request.');
    const notice = renderMail('formatRequestNotification', 'hu', mails.formatRequestNotification);
    expect(notice.text).toContain('ann@example.org');
    expect(notice.text).toContain('1 High Street, Leeds');
    expect(notice.html).toContain('href="https://redress.example/staff/formats/0b7e"');
    expect(renderMail('formatRequestUpdate', 'fr', mails.formatRequestUpdate).text).toContain('23 novembre 2026');
  });

  it('refuses a payload that does not fit, naming the field and not its value', () => {
    expect(() => renderMail('formatRequestUpdate', 'en', { ...mails.formatRequestUpdate, format: 'smoke' })).toThrow(/format/);
  });
});
