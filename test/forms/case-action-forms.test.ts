import { describe, expect, it } from 'vitest';
import { staffActions, type StaffAction } from '#src/cases/actions.ts';
import { translator } from '#src/i18n/index.ts';
import { readPosted } from '../../site/lib/form-schema.ts';
import { staffCaseActions, type StaffActionContext } from '../../site/lib/staff-case-actions.ts';
import { complainantActions, type ComplainantAction } from '../../site/lib/complainant-actions.ts';

const t = translator('en');
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const context: StaffActionContext = {
  status: 'investigating',
  userId: 'me-id',
  colleagues: [
    { id: 'me-id', name: 'Hanna', role: 'handler' },
    { id: 'other-id', name: 'Martin', role: 'manager' },
  ],
};

// Each staff action: what an empty form is told (in the form's order), and a post that passes.
const staffTable: { action: StaffAction; empty: string[]; valid: Record<string, string> }[] = [
  { action: 'acknowledge', empty: [], valid: {} },
  { action: 'assign', empty: ['assign-assignee'], valid: { assignee: 'me' } },
  { action: 'note', empty: ['note-body'], valid: { body: 'A note' } },
  { action: 'message', empty: ['message-body'], valid: { body: 'A message' } },
  { action: 'requestInformation', empty: ['requestInformation-body'], valid: { body: 'Please send the bill' } },
  { action: 'propose', empty: ['propose-body'], valid: { body: 'A refund', compensation: '' } },
  { action: 'escalate', empty: ['escalate-body'], valid: { body: 'To a manager' } },
  { action: 'deadlock', empty: ['deadlock-body'], valid: { body: 'Our final answer' } },
  { action: 'close', empty: ['close-reason'], valid: { reason: 'withdrawn' } },
  { action: 'decideAppeal', empty: ['decideAppeal-outcome', 'decideAppeal-body'], valid: { outcome: 'partlyUpheld', body: 'Partly' } },
];

describe('the staff actions map', () => {
  it('has an entry for every staff action, and this table a row for each', () => {
    expect(Object.keys(staffCaseActions).toSorted()).toEqual([...staffActions].toSorted());
    expect(staffTable.map((row) => row.action).toSorted()).toEqual([...staffActions].toSorted());
  });

  describe.each(staffTable)('$action', ({ action, empty, valid }) => {
    const schema = staffCaseActions[action].fields(context);

    it('answers an empty form with a message for each required field, keyed to its id', () => {
      const posted = readPosted(form({}), action, schema, t);
      if (empty.length === 0) expect(posted.ok).toBe(true);
      else {
        expect(posted.ok).toBe(false);
        if (!posted.ok) {
          expect(posted.errors.map((e) => e.key)).toEqual(empty);
          // Messages are UI strings, never a zod default or a bare key.
          for (const error of posted.errors) expect(error.message).not.toMatch(/^staff\.|Invalid|expected/);
        }
      }
    });

    it('accepts a complete form and keeps what was typed, trimmed, with line ends as typed', () => {
      const posted = readPosted(form({ ...valid, ...(valid.body ? { body: `  ${valid.body}\r\nsecond line ` } : {}) }), action, schema, t);
      expect(posted.ok).toBe(true);
      if (valid.body) expect(posted.values[`${action}-body`]).toBe(`${valid.body}\nsecond line`);
    });
  });

  it('gives a case to a colleague by id, or to the member by "me", and refuses anyone else', () => {
    const schema = staffCaseActions.assign.fields(context);
    expect(readPosted(form({ assignee: 'me' }), 'assign', schema, t)).toMatchObject({ ok: true, data: { assignee: { id: 'me-id' } } });
    expect(readPosted(form({ assignee: 'other-id' }), 'assign', schema, t)).toMatchObject({ ok: true, data: { assignee: { name: 'Martin' } } });
    expect(readPosted(form({ assignee: 'stranger' }), 'assign', schema, t)).toMatchObject({
      ok: false,
      errors: [{ key: 'assign-assignee', message: t('staff.case.error.assign') }],
    });
  });

  it.each([
    ['investigating', 'resolved', true],
    ['investigating', 'accepted', false],
    ['accepted', 'accepted', true],
    ['accepted', 'resolved', false],
    ['appeal_decided', 'appealDecided', true],
  ] as const)('on a case that is %s, closes with reason %s: %s', (status, reason, ok) => {
    const schema = staffCaseActions.close.fields({ ...context, status });
    expect(readPosted(form({ reason }), 'close', schema, t).ok).toBe(ok);
  });
});

const complainantTable: { action: ComplainantAction; empty: string[] }[] = [
  { action: 'reply', empty: ['reply-body'] },
  { action: 'accept', empty: [] },
  { action: 'appeal', empty: ['appeal-body'] },
  { action: 'rate', empty: ['rate-rating'] },
  { action: 'reopen', empty: ['reopen-body'] },
];

describe.each(complainantTable)('the complainant action $action', ({ action, empty }) => {
  it('answers an empty form with a message for each required field', () => {
    const posted = readPosted(form({}), action, complainantActions[action].fields, t);
    expect(posted.ok ? [] : posted.errors.map((e) => e.key)).toEqual(empty);
  });
});
