/**
 * Staff accounts from the command line (docs/back-office.md).
 *
 *   npm run staff -- add --org <slug> --role handler|manager|admin --email <address> [--name "..."]
 *       creates the account (or adds the membership to an existing one) and prints a
 *       one-time link to set a password, valid for 24 hours
 *   npm run staff -- list
 *       every account with its organisations and roles
 *
 * Uses the same environment as the server: CONTENT_DIR or SANITY_* for the organisations,
 * DATA_DIR or DATABASE_URL for the case database. The embedded database (DATA_DIR) belongs to
 * one process: stop the server first, or use DATABASE_URL.
 *
 * Exit codes: 0 done, 1 wrong arguments (unknown organisation, role or command, bad email),
 * 2 the database or the content cannot be opened.
 */
import { parseArgs } from 'node:util';
import { parseEnv } from '#src/env.ts';
import type { Role } from '#src/auth/index.ts';

const usage = `Usage:
  npm run staff -- add --org <slug> --role handler|manager|admin --email <address> [--name "Full Name"]
  npm run staff -- list`;

const fail = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};

let parsedArgs;
try {
  parsedArgs = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n\n${usage}`);
}
const { values, positionals } = parsedArgs!;
const command = positionals[0];
if (values.help || !command) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}
if (command !== 'add' && command !== 'list') fail(`Unknown command "${command}".\n\n${usage}`);

// A one-off command: do not watch the content folder (it would keep the process alive).
process.env.CONTENT_WATCH = 'false';
const parsedEnv = parseEnv(process.env);
if (!parsedEnv.ok) fail(parsedEnv.message);
const env = parsedEnv.ok ? parsedEnv.env : undefined!;

// Imported after the environment is checked: these read it.
const { connect, DatabaseLockedError } = await import('#src/db/index.ts');
const { createStaff, isRole, listStaff, normaliseEmail, roles } = await import('#src/auth/index.ts');
const { listOrganisations } = await import('#src/content/index.ts');

async function openDatabase() {
  try {
    return await connect();
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      return fail(
        `The database in ${error.dataDir} is in use by another process (pid ${error.pid}), probably the server.\nStop the server first, or use DATABASE_URL (PostgreSQL), which the server and this command can share.`,
        2,
      );
    }
    return fail(`Cannot open the database: ${(error as Error).message}`, 2);
  }
}

if (command === 'add') {
  const missing = (['org', 'role', 'email'] as const).filter((option) => !values[option]);
  if (missing.length) fail(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n\n${usage}`);
  if (!isRole(values.role)) fail(`Unknown role "${values.role}": use one of ${roles.join(', ')}.`);
  const email = normaliseEmail(values.email!);
  if (!email) fail(`"${values.email}" is not an email address: give one like name@example.org.`);

  let organisations;
  try {
    organisations = await listOrganisations();
  } catch (error) {
    fail(
      `Cannot read the organisations (${env.SANITY_PROJECT_ID ? `Sanity project ${env.SANITY_PROJECT_ID}` : `CONTENT_DIR ${env.CONTENT_DIR}`}): ${(error as Error).message}`,
      2,
    );
  }
  const org = organisations!.find((o) => o.slug === values.org);
  if (!org) {
    const known = organisations!.map((o) => `  ${o.slug}  (${o.name})`).join('\n');
    fail(`No organisation with the slug "${values.org}". Known organisations:\n${known || '  (none: is CONTENT_DIR or SANITY_PROJECT_ID right?)'}`);
  }

  const database = await openDatabase();
  try {
    const result = await createStaff(database.db, {
      email: email!,
      name: values.name,
      organisationSlug: org!.slug!,
      organisationId: org!._id,
      role: values.role as Role,
      now: new Date(),
    });
    const what = result.created ? 'Created' : 'Updated';
    console.log(`${what} ${email}: ${values.role} at ${org!.slug} (${org!.name}).`);
    if (result.setPasswordToken) {
      console.log(
        `\nSend this one-time link to ${email} to set a password (it works once, for 24 hours):\n\n  ${env.PUBLIC_BASE_URL}/staff/set-password/${result.setPasswordToken}\n`,
      );
    } else {
      console.log('The account already has a password; it can sign in and now sees this organisation too.');
    }
  } finally {
    await database.close();
  }
} else {
  const database = await openDatabase();
  try {
    const staff = await listStaff(database.db);
    if (staff.length === 0) console.log('No staff accounts yet: `npm run staff -- add ...` creates one.');
    const now = new Date();
    for (const member of staff) {
      const state = member.disabledAt
        ? 'disabled'
        : !member.hasPassword
          ? 'no password yet'
          : member.lockedUntil && member.lockedUntil > now
            ? `locked until ${member.lockedUntil.toISOString()}`
            : 'active';
      const places = member.memberships.map((m) => `${m.organisationSlug}:${m.role}`).join(', ');
      console.log(`${member.email}  ${member.name}  [${state}]  ${places}`);
    }
  } finally {
    await database.close();
  }
}
process.exit(0);
