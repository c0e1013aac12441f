import { eq } from 'drizzle-orm';
import { caseEvents, cases, type Tx } from '../../db/index.ts';
import { localParts } from '../../calendar/index.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { firstTask, promiseAtSubmission, promisedDates, storePromised } from '../commitments.ts';
import { answerDeadline } from '../deadlines.ts';
import { generateReference } from '../reference.ts';
import { firstAdrCheck } from '../schedule-columns.ts';
import { mailBase } from './mail.ts';
import type { CaseActionPolicy, CaseRow } from './types.ts';

export interface LinkedCase {
  caseId: string;
  reference: string;
  /** Shown once (the complainant without an email address needs it on the page); only its hash is stored. */
  accessCode: string;
}

/**
 * Opens a dissatisfaction case linked to `original`, inside the caller's transaction: a new
 * complaint (web) of the same organisation and complainant with its own reference and
 * access code, linked both ways, its `received` event with the deadlines, and its
 * acknowledgement (with the new access code) to the complainant's address.
 */
export async function openLinkedCase(
  tx: Tx,
  original: CaseRow,
  policy: CaseActionPolicy,
  { now, publicBaseUrl, accessCode, accessCodeHash }: { now: Date; publicBaseUrl: string; accessCode: string; accessCodeHash: string },
): Promise<LinkedCase> {
  if (!policy.referencePrefix) throw new Error("A dissatisfaction case needs the organisation's referencePrefix in its CaseActionPolicy.");
  // Promised like any new complaint, through the one commitments module, and kept on the case.
  const promised = promiseAtSubmission(policy, now);
  const deadlines = promisedDates(promised);
  const next = firstTask(promised, now);
  const year = Number(localParts(now, policy.calendar.timeZone).date.slice(0, 4));
  let reference = generateReference(policy.referencePrefix, year);
  // A clash is one in 34 billion; a unique violation would abort the whole transaction, so look first.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [taken] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
    if (!taken) break;
    reference = generateReference(policy.referencePrefix, year);
  }
  const [row] = await tx
    .insert(cases)
    .values({
      reference,
      organisationId: original.organisationId,
      organisationSlug: original.organisationSlug,
      kind: 'complaint',
      channel: 'web',
      language: original.language,
      status: 'received',
      accessCodeHash,
      complainantName: original.complainantName,
      complainantEmail: original.complainantEmail,
      complainantPhone: original.complainantPhone,
      replyChannel: original.replyChannel,
      category: original.category,
      compensationClaim: false,
      receivedAt: now,
      nextDueEvent: next?.event ?? null,
      nextDueAt: next?.due ?? null,
      adrEligibleAt: firstAdrCheck(promised),
      linkedCaseId: original.id,
      promised: { ...storePromised(promised) },
    })
    .returning();
  const linked = row!;
  await tx.update(cases).set({ linkedCaseId: linked.id }).where(eq(cases.id, original.id));
  await tx.insert(caseEvents).values({
    caseId: linked.id,
    type: 'received',
    actorType: 'system',
    visibility: 'complainant',
    data: {
      channel: 'web',
      linkedCaseId: original.id,
      reason: 'dissatisfaction',
      deadlines: deadlines.map((d) => ({ event: d.event, due: d.due.toISOString() })),
    },
    createdAt: now,
  });
  if (linked.complainantEmail) {
    const acknowledgeBy = deadlines.find((d) => d.event === 'acknowledge')?.due;
    const answerBy = answerDeadline(deadlines)?.due;
    await enqueueMail(tx, {
      caseId: linked.id,
      template: 'acknowledgement',
      language: linked.language,
      to: linked.complainantEmail,
      payload: {
        kind: 'complaint',
        ...mailBase(linked, policy, publicBaseUrl),
        accessCode,
        ...(acknowledgeBy ? { acknowledgeBy: acknowledgeBy.toISOString() } : {}),
        ...(answerBy ? { answerBy: answerBy.toISOString() } : {}),
        contacts: policy.contacts ?? [],
      },
    });
  }
  return { caseId: linked.id, reference, accessCode };
}
