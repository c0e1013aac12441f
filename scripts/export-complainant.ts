/**
 * npm run export:complainant -- <reference or case id> [--out file.json]
 *
 * Prints (or writes) everything the organisation holds about one complainant as JSON: the
 * cases matched by their email address or telephone number within the case's organisation,
 * with answers, events and file metadata, and their accessible-format requests
 * (src/cases/complainant-export.ts). Leaves an audit row, like the back office's export.
 * Uses the same environment as the server (DATA_DIR or DATABASE_URL); with the embedded
 * database, stop the server first.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseEnv } from '#src/env.ts';

const usage = 'Usage: npm run export:complainant -- <reference or case id> [--out file.json]';
const fail = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (error) {
  fail(`${(error as Error).message}\n\n${usage}`);
}
const { values, positionals } = parsed!;
if (values.help || positionals.length !== 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}
process.env.CONTENT_WATCH = 'false';
const env = parseEnv(process.env);
if (!env.ok) fail(env.message);

const { connect } = await import('#src/db/index.ts');
const { cases } = await import('#src/db/schema.ts');
const { normaliseReference } = await import('#src/cases/reference.ts');
const { complainantExport } = await import('#src/cases/complainant-export.ts');
const { recordAudit } = await import('#src/auth/audit.ts');
const { eq } = await import('drizzle-orm');

const database = await connect();
try {
  const given = positionals[0]!;
  const reference = normaliseReference(given);
  const [row] = reference
    ? await database.db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference))
    : /^[0-9a-f-]{36}$/i.test(given)
      ? await database.db.select({ id: cases.id }).from(cases).where(eq(cases.id, given))
      : [];
  if (!row) fail(`No case ${given}.`, 2);
  const now = new Date();
  const data = (await complainantExport(database.db, row!.id, now))!;
  await recordAudit(database.db, {
    actor: { type: 'system' },
    organisationId: data.organisationId,
    caseId: row!.id,
    action: 'case.exported',
    details: { cases: data.cases.map((c) => c.reference), by: 'cli' },
    now,
  });
  const json = `${JSON.stringify(data, null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, json, { mode: 0o600 });
    console.error(`Wrote ${data.cases.length} case(s) to ${values.out}.`);
  } else process.stdout.write(json);
} finally {
  await database.close();
}
