import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailMessage, MailTransport, SendResult } from './transport.ts';

export interface LocalMailboxOptions {
  /** The folder, DATA_DIR/mail. Created when the first message arrives. */
  dir: string;
  /** The From header; default `Redress <no-reply@localhost>`. */
  from?: string;
  /** The clock; injected by tests. */
  now?: () => Date;
}

/** What the `.json` beside each `.eml` holds, for people and tests to read. */
export interface MailboxEntry {
  id: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  /** The .eml file's name in the mailbox folder. */
  file: string;
}

/**
 * A transport that delivers into a folder, for development and tests: each message is
 * `<timestamp>-<id>.eml` (RFC 5322, multipart/alternative with the text and HTML parts,
 * openable in any mail client) and `<timestamp>-<id>.json` (to, subject, date and text).
 * Files are written under a temporary name and renamed, so a reader never sees half a message.
 */
export function createLocalMailbox({ dir, from = 'Redress <no-reply@localhost>', now = () => new Date() }: LocalMailboxOptions): MailTransport {
  return {
    name: 'local-mailbox',
    async send(message: MailMessage): Promise<SendResult> {
      const date = now();
      const id = randomBytes(6).toString('hex');
      const base = `${date.toISOString().replace(/[-:]/g, '').replace('.', '-')}-${id}`;
      const entry: MailboxEntry = {
        id,
        date: date.toISOString(),
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.headers ? { headers: message.headers } : {}),
        file: `${base}.eml`,
      };
      try {
        await mkdir(dir, { recursive: true });
        await writeAtomically(join(dir, `${base}.eml`), toEml(message, { from, date, messageId: `<${id}.${date.getTime()}@redress.local>` }));
        await writeAtomically(join(dir, `${base}.json`), `${JSON.stringify(entry, null, 2)}\n`);
      } catch (error) {
        return { ok: false, retryable: true, error: `local mailbox: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}` };
      }
      return { ok: true, id: `local-${id}` };
    },
  };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path);
}

/** The latest messages in the mailbox, newest first. */
export async function listMailbox(dir: string, limit = 20): Promise<MailboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(files.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as MailboxEntry));
}

// --- RFC 5322 / MIME --------------------------------------------------------------

/** A header value in RFC 2047 encoded words when it is not plain ASCII. */
function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  // Encoded words of at most 75 characters: split the UTF-8 on character boundaries.
  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join('\r\n ');
}

/** An address header: the display name encoded, the address kept readable. */
function encodeAddress(value: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  if (!match || !match[1]) return value.replace(/[\r\n]+/g, ' ');
  const name = match[1].replace(/^"|"$/g, '');
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeHeader(name);
  return `${display} <${match[2]}>`;
}

function base64Lines(content: string): string {
  return (
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** RFC 5322 date: "Mon, 23 Nov 2026 09:15:00 +0000". */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function toEml(message: MailMessage, { from, date, messageId }: { from: string; date: Date; messageId: string }): string {
  const boundary = `=_redress_${randomBytes(12).toString('hex')}`;
  const extra = Object.entries(message.headers ?? {})
    .filter(([name]) => /^[!-9;-~]+$/.test(name))
    .map(([name, value]) => `${name}: ${encodeHeader(value)}`);
  const part = (type: string, content: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(content)].join('\r\n');
  return [
    `From: ${encodeAddress(from)}`,
    `To: ${encodeAddress(message.to)}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    ...extra,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    'This is a message in MIME format: a plain-text part, then an HTML part.',
    part('text/plain', message.text),
    part('text/html', message.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
