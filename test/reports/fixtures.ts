import { caseEvents, cases, type Db } from '#src/db/index.ts';
import type { CasePolicy } from '#src/cases/lifecycle.ts';

/** A UK organisation: acknowledgement within 2 business days, an answer within 15 days that pauses while awaiting the complainant. */
export const policy: CasePolicy = {
  calendar: { timeZone: 'Europe/London', country: 'GB', region: 'ENG' },
  commitments: [
    { event: 'acknowledge', route: 'formal', from: 'received', duration: { amount: 2, unit: 'businessDays' } },
    { event: 'resolve', route: 'formal', from: 'received', duration: { amount: 15, unit: 'calendarDays' }, pausesWhileAwaitingComplainant: true },
  ],
  appealPolicy: { enabled: true, window: { amount: 10, unit: 'businessDays' }, decision: { amount: 10, unit: 'businessDays' }, final: true },
};

export interface HandMadeCase {
  reference: string;
  organisationId?: string;
  kind?: string;
  status: string;
  receivedAt: string;
  compensationClaim?: boolean;
  events?: [type: string, at: string, data?: Record<string, unknown>][];
}

let serial = 0;

/** Inserts a case row and its events (a received event first) with the given instants. */
export async function insertCase(db: Db, c: HandMadeCase): Promise<string> {
  serial += 1;
  const organisationId = c.organisationId ?? 'org-uk';
  const [row] = await db
    .insert(cases)
    .values({
      reference: c.reference,
      organisationId,
      organisationSlug: organisationId.replace(/^org-/, ''),
      kind: c.kind ?? 'complaint',
      channel: 'web',
      language: 'en',
      status: c.status,
      accessCodeHash: 'test',
      complainantName: `Complainant ${serial}`,
      complainantEmail: `complainant${serial}@example.org`,
      replyChannel: 'email',
      compensationClaim: c.compensationClaim ?? false,
      receivedAt: new Date(c.receivedAt),
    })
    .returning({ id: cases.id });
  const events: [string, string, Record<string, unknown>?][] = [['received', c.receivedAt, { channel: 'web' }], ...(c.events ?? [])];
  for (const [type, at, data] of events) {
    await db.insert(caseEvents).values({
      caseId: row!.id,
      type,
      actorType: type === 'received' || type === 'appealed' || type === 'complainant_replied' ? 'complainant' : 'staff',
      visibility: 'complainant',
      body: type === 'resolution_proposed' ? 'We will refund the March bill.' : null,
      data: data ?? {},
      createdAt: new Date(at),
    });
  }
  return row!.id;
}
