import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalMailbox, createTransport, listMailbox } from '#src/mail/index.ts';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redress-mailbox-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The decoded text of each MIME part of an .eml, by content type. */
function parts(eml: string): Record<string, string> {
  const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
  const found: Record<string, string> = {};
  for (const chunk of eml.split(`--${boundary}`).slice(1, -1)) {
    const [head, body] = chunk.split('\r\n\r\n') as [string, string];
    const type = /Content-Type: ([^;\r\n]+)/.exec(head)![1]!;
    expect(head).toContain('Content-Transfer-Encoding: base64');
    found[type] = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
  }
  return found;
}

const message = {
  to: 'Ada Lovelace <ada@example.org>',
  subject: 'Megkaptuk panaszát – OPEX (OPX-2026-ABCD-EFGH)',
  text: 'Az Ön ügyszáma: OPX-2026-ABCD-EFGH\n',
  html: '<!DOCTYPE html><html lang="hu"><body><p>Az Ön ügyszáma</p></body></html>',
  headers: { 'X-Redress-Template': 'acknowledgement' },
};

describe('the local mailbox', () => {
  it('writes each message as an .eml and a readable .json', async () => {
    const dir = join(folder(), 'mail');
    const mailbox = createLocalMailbox({ dir, from: 'Redress <complaints@example.org>', now: () => new Date('2026-11-23T09:15:00.123Z') });
    const result = await mailbox.send(message);
    expect(result).toMatchObject({ ok: true, id: expect.stringMatching(/^local-[0-9a-f]{12}$/) });

    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^20261123T091500-123Z-[0-9a-f]{12}\.eml$/);
    expect(files[1]).toBe(files[0]!.replace('.eml', '.json'));

    const json = JSON.parse(readFileSync(join(dir, files[1]!), 'utf8'));
    expect(json).toMatchObject({ to: message.to, subject: message.subject, date: '2026-11-23T09:15:00.123Z', text: message.text, file: files[0] });
  });

  it('writes RFC 5322 with a multipart/alternative text and HTML body', async () => {
    const dir = folder();
    await createLocalMailbox({ dir, now: () => new Date('2026-11-23T09:15:00Z') }).send(message);
    const eml = readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.eml'))!,
      ),
      'utf8',
    );
    const [head] = eml.split('\r\n\r\n');
    expect(head).toContain('From: "Redress" <no-reply@localhost>');
    expect(head).toContain('To: "Ada Lovelace" <ada@example.org>');
    expect(head).toContain('Date: Mon, 23 Nov 2026 09:15:00 +0000');
    expect(head).toMatch(/^Message-ID: <[^>]+@redress\.local>$/m);
    expect(head).toContain('MIME-Version: 1.0');
    expect(head).toContain('X-Redress-Template: acknowledgement');
    expect(head).toMatch(/Content-Type: multipart\/alternative; boundary="[^"]+"/);
    // A non-ASCII subject goes in RFC 2047 encoded words, and decodes back.
    const subject = /^Subject: ((?:.*)(?:\r\n .*)*)/m.exec(head!)![1]!;
    const decoded = subject
      .split(/\r\n /)
      .map((word) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1]!, 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe(message.subject);
    expect(head!.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(parts(eml)).toEqual({ 'text/plain': message.text, 'text/html': message.html });
  });

  it('lists the latest messages first', async () => {
    const dir = folder();
    let clock = Date.parse('2026-11-23T09:00:00Z');
    const mailbox = createLocalMailbox({ dir, now: () => new Date((clock += 1000)) });
    for (const n of [1, 2, 3]) await mailbox.send({ ...message, subject: `message ${n}` });
    expect((await listMailbox(dir)).map((entry) => entry.subject)).toEqual(['message 3', 'message 2', 'message 1']);
    expect((await listMailbox(dir, 1)).map((entry) => entry.subject)).toEqual(['message 3']);
    expect(await listMailbox(join(dir, 'missing'))).toEqual([]);
  });

  it('is the transport when RESEND_API_KEY is not set, under DATA_DIR/mail', async () => {
    const dataDir = folder();
    const transport = createTransport({ DATA_DIR: dataDir });
    expect(transport.name).toBe('local-mailbox');
    await transport.send(message);
    expect(readdirSync(join(dataDir, 'mail'))).toHaveLength(2);
  });

  it('refuses RESEND_API_KEY without MAIL_FROM', () => {
    expect(() => createTransport({ DATA_DIR: '.', RESEND_API_KEY: 're_123' })).toThrow(/MAIL_FROM/);
    expect(createTransport({ DATA_DIR: '.', RESEND_API_KEY: 're_123', MAIL_FROM: 'Redress <complaints@example.org>' }).name).toBe('resend');
  });
});
