import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, errorFields } from '#src/ops/logger.ts';
import { currentRequest, recordRoute, requestIdFrom, runInRequest } from '#src/ops/request-context.ts';
import { methodLabel } from '#src/ops/metrics.ts';

const made = () => 'generated-id';

describe('the request id', () => {
  it.each([
    ["keeps a proxy's id (nginx $request_id)", '7f3c9a2e4b1d6f08a9c3e5b7d1f2a4c6', '7f3c9a2e4b1d6f08a9c3e5b7d1f2a4c6'],
    ['keeps a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['replaces one too short to be an id', 'abc', 'generated-id'],
    ['replaces one too long', 'a'.repeat(129), 'generated-id'],
    ['replaces one with spaces', 'has spaces in it', 'generated-id'],
    ['replaces one that could break a log line or a header', 'id"\n{"level":"fatal"}', 'generated-id'],
    ['makes one when there is none', undefined, 'generated-id'],
  ])('%s', (_name, header, expected) => {
    expect(requestIdFrom(header, made)).toBe(expected);
  });

  it('is known to everything the request runs, with the route the middleware records', async () => {
    const context = { id: 'request-0001' };
    await runInRequest(context, async () => {
      await new Promise((r) => setTimeout(r, 1));
      recordRoute('/[lang]/[org]');
      expect(currentRequest()).toEqual({ id: 'request-0001', route: '/[lang]/[org]' });
    });
    expect(currentRequest()).toBeUndefined();
  });
});

describe('log lines', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { lines, log: createLogger({ level: 'info', destination }) };
  }

  it('carry the id of the request they are written in', async () => {
    const { lines, log } = capture();
    runInRequest({ id: 'request-0002' }, () => log.error('inside'));
    log.info('outside');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['inside', 'request-0002'],
      ['outside', undefined],
    ]);
  });

  it('show errors with email addresses masked, even in the message of a database error', async () => {
    const { lines, log } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint: Key (email)=(pat.doe@example.org) already exists'), {
      code: '23505',
    });
    log.error({ err: error }, 'failed');
    await new Promise((r) => setImmediate(r));
    const err = lines[0]!.err as Record<string, string>;
    expect(err).toMatchObject({ type: 'Error', code: '23505' });
    expect(err.message).toContain('[address]');
    expect(JSON.stringify(lines)).not.toContain('pat.doe@example.org');
  });

  it('take non-errors too', () => {
    expect(errorFields('write to me@example.org')).toEqual({ type: 'string', message: 'write to [address]' });
  });
});

describe('metric labels', () => {
  it.each([
    ['GET', 'GET'],
    ['POST', 'POST'],
    ['PROPFIND', 'other'],
    [undefined, 'other'],
  ])('method %s is counted as %s', (method, label) => {
    expect(methodLabel(method)).toBe(label);
  });
});
