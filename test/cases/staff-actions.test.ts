import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '#src/db/index.ts';
import { submitCase } from '#src/cases/submit.ts';
import {
  acknowledge,
  addNote,
  assign,
  close,
  decideAppeal,
  escalate,
  issueDeadlock,
  proposeResolution,
  requestInformation,
  sendMessage,
  staffActions,
  staffActionsFor,
  staffCan,
  type ActionInput,
  type ActionResult,
  type Actor,
  type CaseActionPolicy,
  type StaffAction,
} from '#src/cases/actions.ts';
import type { CaseStatus } from '#src/cases/lifecycle.ts';
import { useTestDatabase } from '../support/databases.ts';

// The rule written out again, by hand, status by status: the test reads as the table in
// docs/back-office.md would, and a change to src/cases/staff-actions.ts must change it here too.
const everyOpen: StaffAction[] = ['assign', 'note', 'message', 'escalate', 'deadlock', 'close'];
const working: StaffAction[] = ['assign', 'note', 'message', 'requestInformation', 'propose', 'escalate', 'deadlock', 'close'];
const table: { status: CaseStatus; allowed: StaffAction[] }[] = [
  { status: 'received', allowed: ['acknowledge', ...working] },
  { status: 'acknowledged', allowed: working },
  { status: 'investigating', allowed: working },
  { status: 'awaiting_complainant', allowed: working },
  { status: 'escalated', allowed: working },
  { status: 'resolution_proposed', allowed: working },
  { status: 'accepted', allowed: everyOpen },
  { status: 'appealed', allowed: [...everyOpen, 'decideAppeal'] },
  { status: 'appeal_decided', allowed: everyOpen },
  { status: 'deadlock', allowed: ['assign', 'note', 'message', 'escalate', 'close'] },
  { status: 'closed', allowed: ['note', 'escalate'] },
];

describe.each(table)('a case that is $status', ({ status, allowed }) => {
  it('offers exactly its actions, in the page order', () => {
    expect(staffActionsFor(status)).toEqual(staffActions.filter((action) => allowed.includes(action)));
  });

  it.each(staffActions.map((action) => [action]))('answers for %s with the reason an action result would give', (action) => {
    const expected = allowed.includes(action)
      ? { ok: true }
      : { ok: false, reason: action === 'decideAppeal' ? 'notAppealed' : status === 'closed' ? 'closed' : 'notAllowed' };
    expect(staffCan(status, action)).toEqual(expected);
  });
});

// The runner reads the same rule: an action the status does not allow is refused, with
// the same reason, before anything is written.
const policy: CaseActionPolicy = {
  organisationName: 'Test Ltd',
  calendar: { timeZone: 'Europe/London', country: 'GB' },
  commitments: [],
  appealPolicy: { enabled: true, window: { amount: 10, unit: 'businessDays' }, final: true, reviewer: 'notPreviouslyInvolvedManager' },
};
const handler: Actor = { type: 'staff', id: 'staff-h', name: 'Hanna', role: 'handler' };
const manager: Actor = { type: 'staff', id: 'staff-m', name: 'Mona', role: 'manager' };
const run: Record<StaffAction, (db: Db, input: ActionInput) => Promise<ActionResult>> = {
  acknowledge: (db, input) => acknowledge(db, input),
  assign: (db, input) => assign(db, { ...input, assigneeId: 'staff-h', assigneeName: 'Hanna' }),
  note: (db, input) => addNote(db, { ...input, body: 'A note.' }),
  message: (db, input) => sendMessage(db, { ...input, body: 'A message.' }),
  requestInformation: (db, input) => requestInformation(db, { ...input, body: 'Please send the bill.' }),
  propose: (db, input) => proposeResolution(db, { ...input, body: 'A refund.' }),
  escalate: (db, input) => escalate(db, { ...input, body: 'To a manager.' }),
  deadlock: (db, input) => issueDeadlock(db, { ...input, body: 'Our final answer.' }),
  close: (db, input) => close(db, input),
  decideAppeal: (db, input) => decideAppeal(db, { ...input, actor: manager, outcome: 'upheld', body: 'Upheld.' }),
};

describe('the action runner', () => {
  const store = useTestDatabase('pglite');

  /** A new case, taken to a status by the actions themselves. */
  async function caseIn(status: 'received' | 'deadlock' | 'closed'): Promise<ActionInput> {
    const now = new Date('2026-11-02T10:00:00Z');
    const submitted = await submitCase(store.db, {
      organisation: { id: 'org-test', slug: 'test', referencePrefix: 'TST', calendar: policy.calendar, commitments: [] },
      kind: 'complaint',
      language: 'en',
      idempotencyKey: randomBytes(16).toString('hex'),
      draftId: null,
      answers: { name: 'Ann' },
      fields: [{ key: 'name', type: 'text', label: 'Name', labelLang: 'en', required: true, standard: true }],
      now,
      acknowledgement: () => null,
    });
    const input: ActionInput = { caseId: submitted.caseId, actor: handler, now, policy, publicBaseUrl: 'https://example.org' };
    if (status === 'deadlock') expect((await issueDeadlock(store.db, { ...input, body: 'Final.' })).ok).toBe(true);
    if (status === 'closed') expect((await close(store.db, input)).ok).toBe(true);
    return input;
  }

  it.each(['received', 'deadlock', 'closed'] as const)('refuses on a %s case every action its status does not allow, and runs the others', async (status) => {
    for (const action of staffActions) {
      // A fresh case for each action, so that one action's success does not move the next one's status.
      const input = await caseIn(status);
      const result = await run[action](store.db, input);
      const rule = staffCan(status, action);
      if (rule.ok) expect(result.ok, `${status}: ${action}`).toBe(true);
      else expect(result, `${status}: ${action}`).toEqual({ ok: false, reason: rule.reason });
    }
  });
});
