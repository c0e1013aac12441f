/**
 * The local mailbox (DATA_DIR/mail), where mail goes when RESEND_API_KEY is not set.
 *
 *   npm run mail                 the latest 20 messages, newest first: number, date, to, subject
 *   npm run mail -- --show 1     the newest message in full (its plain-text part)
 *   npm run mail -- --count 50   the latest 50
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '#src/env.ts';
import { listMailbox } from '#src/mail/local-mailbox.ts';

const { values } = parseArgs({
  options: { show: { type: 'string' }, count: { type: 'string', default: '20' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('npm run mail [-- --count N] [-- --show N]: list the local mailbox, or print message N (1 = newest).');
  process.exit(0);
}

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const dir = resolve(join(parsed.env.DATA_DIR, 'mail'));
if (parsed.env.RESEND_API_KEY) console.log('Note: RESEND_API_KEY is set, so new mail goes to Resend, not to this mailbox.\n');

const show = values.show === undefined ? undefined : Number(values.show);
const count = show ?? Number(values.count);
if (!Number.isInteger(count) || count < 1) {
  console.error(`Expected a whole number of at least 1, got "${values.show ?? values.count}".`);
  process.exit(1);
}

const entries = await listMailbox(dir, count);
if (entries.length === 0) {
  console.log(`The local mailbox is empty (${dir}).`);
  process.exit(0);
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

if (show !== undefined) {
  const entry = entries[show - 1];
  if (!entry) {
    console.error(`There are only ${entries.length} messages; \`npm run mail\` lists them.`);
    process.exit(1);
  }
  console.log(`Date:    ${when(entry.date)}`);
  console.log(`From:    ${entry.from}`);
  console.log(`To:      ${entry.to}`);
  console.log(`Subject: ${entry.subject}`);
  console.log(`File:    ${join(dir, entry.file)}`);
  console.log('');
  console.log(entry.text);
} else {
  const width = String(entries.length).length;
  entries.forEach((entry, i) => {
    console.log(`${String(i + 1).padStart(width)}  ${when(entry.date)}  ${entry.to}  ${entry.subject}`);
  });
  console.log(`\n${entries.length} latest in ${dir}; \`npm run mail -- --show N\` prints one.`);
}
