import { describe, expect, it } from 'vitest';
import { renderMail } from '#src/mail/index.ts';
import { MailPayloadError } from '#src/mail/templates/index.ts';
import { caseUpdateKinds } from '#src/mail/templates/case-update.ts';

const base = {
  reference: 'OPX-2026-ABCD-EFGH',
  statusUrl: 'https://complaints.example.org/fr/track/OPX-2026-ABCD-EFGH',
  organisationName: 'OPEX',
  timeZone: 'Africa/Tunis',
};
const mails: [string, string, Record<string, unknown>][] = [
  ...caseUpdateKinds.map((update): [string, string, Record<string, unknown>] => [
    'caseUpdate',
    update,
    {
      ...base,
      update,
      body: 'Texte du gestionnaire',
      assigneeName: 'Leila Ben Salah',
      compensation: '50 TND',
      appealBy: '2026-12-07T22:59:59.999Z',
      decisionBy: '2026-12-21T22:59:59.999Z',
      outcome: 'partlyUpheld',
      final: true,
      closedReason: 'windowPassed',
      answerBy: '2026-11-30T22:59:59.999Z',
      adrFollows: true,
    },
  ]),
  ['informationRequested', 'paused', { ...base, body: 'Merci d’envoyer la facture.', clockPaused: true }],
  ['informationRequested', 'running', { ...base, body: 'Merci d’envoyer la facture.', answerBy: '2026-11-30T22:59:59.999Z' }],
  [
    'adrLetter',
    'weeks',
    {
      ...base,
      reason: 'weeks',
      weeks: 8,
      receivedAt: '2026-10-01T09:00:00Z',
      bodies: [{ name: 'Médiateur', email: 'contact@mediateur.example', address: ['1 rue X', 'Tunis'] }],
    },
  ],
  ['adrLetter', 'deadlock', { ...base, reason: 'deadlock', bodies: [{ name: 'A' }, { name: 'B', phones: ['+216 71 000 000'] }] }],
  ['satisfactionSurvey', 'survey', { ...base, ratingUrl: `${base.statusUrl}#satisfaction`, ratings: ['Or', 'Vert'] }],
];

describe.each(['en', 'hu', 'fr', 'ar'])('case mail in %s', (language) => {
  it.each(mails)('%s (%s) has every string, the status link, and the language set', (template, _variant, payload) => {
    const mail = renderMail(template, language, payload);
    for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(/mail\.[a-zA-Z]+\.|\{[a-zA-Z]+\}/);
    expect(mail.subject).toContain('OPX-2026-ABCD-EFGH');
    expect(mail.text).toContain(template === 'satisfactionSurvey' ? '#satisfaction' : base.statusUrl);
    expect(mail.html).toContain(`lang="${language}"`);
    expect(mail.html).not.toMatch(/<script|<img/i);
  });
});

describe('case mail', () => {
  it('gives the last day to appeal as a day in the organisation’s time zone', () => {
    const mail = renderMail('caseUpdate', 'en', { ...base, update: 'resolutionProposed', body: 'x', appealBy: '2026-12-07T22:59:59.999Z' });
    expect(mail.text).toContain('you can appeal until Monday 7 December');
    expect(mail.text).not.toContain('23:59');
  });

  it('says when no appeal is possible, and that a decision is final or not', () => {
    expect(renderMail('caseUpdate', 'en', { ...base, update: 'resolutionProposed', body: 'x' }).text).toContain('contact OPEX');
    expect(renderMail('caseUpdate', 'en', { ...base, update: 'appealDecided', outcome: 'notUpheld', final: true }).text).toContain('This decision is final');
    expect(renderMail('caseUpdate', 'en', { ...base, update: 'appealDecided', outcome: 'upheld', final: false }).text).toContain('is not final');
  });

  it('escapes the handler’s text', () => {
    const mail = renderMail('caseUpdate', 'en', { ...base, update: 'message', body: '<script>x</script>' });
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('refuses an ADR letter without a body to go to', () => {
    expect(() => renderMail('adrLetter', 'en', { ...base, reason: 'weeks', bodies: [] })).toThrow(MailPayloadError);
  });
});
