import { z } from 'zod';
import { keysUnder } from '../../i18n/index.ts';
import { caseMailBase, dueDate, instantSchema, labelledWith, timeZoneName } from './case-mail.ts';
import { html, lines } from './html.ts';
import { link, finishedMail, style, textHeading } from './layout.ts';
import { defineTemplate } from './template.ts';

/** The events of a case a complainant is told about by this mail. */
export const caseUpdateKinds = [
  'acknowledged',
  'assigned',
  'message',
  'resolutionProposed',
  'appealReceived',
  'appealDecided',
  'escalated',
  'deadlock',
  'closed',
] as const;

/** Sent when something the complainant should know happens to their case. */
export const caseUpdatePayload = z.object({
  update: z.enum(caseUpdateKinds),
  ...caseMailBase,
  /** The staff's text: the message, the proposal, the decision, the deadlock letter, why it was escalated or closed. */
  body: z.string().optional(),
  /** The handler's name (assigned). */
  assigneeName: z.string().min(1).optional(),
  /** What is offered (resolutionProposed). */
  compensation: z.string().min(1).optional(),
  /** The end of the appeal window (resolutionProposed); absent when the policy allows no appeal. */
  appealBy: instantSchema.optional(),
  /** When the appeal will be decided (appealReceived). */
  decisionBy: instantSchema.optional(),
  /** appealDecided */
  outcome: z.enum(['upheld', 'partlyUpheld', 'notUpheld']).optional(),
  final: z.boolean().optional(),
  /** closed */
  closedReason: z.enum(['resolved', 'accepted', 'windowPassed', 'appealDecided', 'withdrawn']).optional(),
  /** The organisation's next commitment to answer, when there is one to tell (acknowledged, assigned, escalated). */
  answerBy: instantSchema.optional(),
  /** deadlock: an ADR letter with the independent bodies' details follows by itself. */
  adrFollows: z.boolean().optional(),
});

export type CaseUpdatePayload = z.input<typeof caseUpdatePayload>;

export default defineTemplate({
  name: 'caseUpdate',
  payload: caseUpdatePayload,
  render(p, { language, t }) {
    const vars = { organisation: p.organisationName, reference: p.reference, name: p.assigneeName ?? '' };
    const k = keysUnder('mail.caseUpdate');
    const subject = t(k(`subject.${p.update}`), vars);
    const heading = t(k(`heading.${p.update}`), vars);
    const intro =
      p.update === 'appealDecided'
        ? t(k(`outcome.${p.outcome ?? 'notUpheld'}`), vars)
        : p.update === 'closed'
          ? t(k(`closedReason.${p.closedReason ?? 'resolved'}`), vars)
          : t(k(`intro.${p.update}`), vars);
    const labelled = labelledWith(t);
    const date = (iso: string) => dueDate(iso, language, p.timeZone);

    const bodyLabel = p.body ? t(k(`bodyLabel.${p.update}`), vars) : null;
    const facts: string[] = [];
    if (p.update === 'assigned' && p.assigneeName) facts.push(t(k('assignee'), vars));
    if (p.update === 'resolutionProposed') {
      facts.push(p.appealBy ? t(k('appealBy'), { ...vars, date: date(p.appealBy) }) : t(k('noAppeal'), vars));
    }
    if (p.update === 'appealReceived' && p.decisionBy) facts.push(t(k('decisionBy'), { ...vars, date: date(p.decisionBy) }));
    if (p.update === 'appealDecided') facts.push(t(p.final ? k('final') : k('notFinal'), vars));
    if (p.answerBy && ['acknowledged', 'assigned', 'escalated'].includes(p.update)) facts.push(t(k('answerBy'), { ...vars, date: date(p.answerBy) }));
    if (p.update === 'deadlock' && p.adrFollows) facts.push(t(k('deadlockAdr'), vars));
    const firstDate = p.appealBy ?? p.decisionBy ?? p.answerBy;
    const zoneNote = firstDate ? t(k('timeZone'), { ...vars, timeZone: timeZoneName(p.timeZone, language, new Date(firstDate)) }) : null;
    const statusIntro = t(k(p.update === 'resolutionProposed' && p.appealBy ? 'statusIntroRespond' : 'statusIntro'), vars);
    const statusLinkText = t(k('statusLink'), vars);
    const footer = t('mail.footer', vars);

    const body = html`<h1 style="${style.h1}">${heading}</h1>
      <p style="${style.p}">${intro}</p>
      ${
        p.body
          ? html`<h2 style="${style.h2}">${bodyLabel}</h2>
              <div style="${style.box}"><p style="margin:0;">${lines(p.body)}</p></div>`
          : ''
      }
      ${p.compensation ? html`<p style="${style.p}"><strong>${t(k('compensation'))}</strong><br />${lines(p.compensation)}</p>` : ''}
      ${facts.map((fact) => html`<p style="${style.p}">${fact}</p> `)} ${zoneNote ? html`<p style="${style.p}">${zoneNote}</p>` : ''}
      <p style="${style.p}">${statusIntro}<br />${link(p.statusUrl, statusLinkText)}</p>`;

    const textLines = [
      heading,
      '',
      intro,
      ...(p.body ? ['', textHeading(bodyLabel!), p.body.trim()] : []),
      ...(p.compensation ? ['', labelled(t(k('compensation')), p.compensation.trim())] : []),
      ...facts.flatMap((fact) => ['', fact]),
      ...(zoneNote ? ['', zoneNote] : []),
      '',
      statusIntro,
      p.statusUrl,
    ];

    return finishedMail({ language, subject, body, textLines, footer });
  },
});
