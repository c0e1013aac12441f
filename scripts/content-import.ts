/**
 * Loads content/*.ndjson into the Sanity dataset (docs/editors.md).
 *
 *   npm run content:import                 adds the documents the dataset lacks (--missing)
 *   npm run content:import -- --replace    also overwrites documents with the same _id
 *   npm run content:import -- --dir path   another folder of *.ndjson
 *   npm run content:import -- --dry-run    only checks the files against the schema
 *
 * The files are checked against the Studio's schema first and sent as one file, because
 * organisations refer to forms and ADR schemes in other files. Drafts are not imported.
 * Project and dataset: SANITY_STUDIO_PROJECT_ID / SANITY_STUDIO_DATASET (or SANITY_PROJECT_ID /
 * SANITY_DATASET). Exit codes: 0 done, 1 bad setup or content, else the Sanity CLI's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { combineFiles, readNdjsonFiles } from '#src/content/ndjson-files.ts';
import { parseNdjson, regimeWarnings, validateDataset } from '#src/content/validate-dataset.ts';
import { runSanity, sanityTarget } from './content-cli.ts';

const { values } = parseArgs({
  options: { replace: { type: 'boolean', default: false }, dir: { type: 'string', default: 'content' }, 'dry-run': { type: 'boolean', default: false } },
});
const combined = combineFiles(readNdjsonFiles(values.dir));

const schema = JSON.parse(readFileSync('studio/schema.json', 'utf8')) as unknown[];
const problems = validateDataset(schema, parseNdjson(combined));
if (problems.length > 0) {
  console.error(`Not imported: ${problems.length} problem(s) in ${values.dir}/ (npx vitest run test/content lists them too):`);
  for (const problem of problems.slice(0, 20)) console.error(`- ${JSON.stringify(problem)}`);
  process.exit(1);
}

// Codes that promise less than their regime are imported (the site gives complainants the
// law's dates), but the editor is told, as the Studio's warning would.
for (const warning of regimeWarnings(parseNdjson(combined), new Date().toISOString().slice(0, 10))) {
  console.warn(`Warning: ${warning.id} ${warning.path}: ${warning.message}`);
}

const count = combined.split('\n').filter(Boolean).length;
if (values['dry-run']) {
  console.log(`${count} documents in ${values.dir}/ match the schema; nothing imported (--dry-run).`);
  process.exit(0);
}
const target = sanityTarget();
const dir = mkdtempSync(join(tmpdir(), 'redress-import-'));
try {
  const file = join(dir, 'redress.ndjson');
  writeFileSync(file, combined);
  console.log(`Importing ${count} documents into ${target.projectId}/${target.dataset} (${values.replace ? 'replacing' : 'keeping'} documents already there)`);
  runSanity(target, ['dataset', 'import', file, '--dataset', target.dataset, values.replace ? '--replace' : '--missing']);
} catch (error) {
  console.error(`content:import: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
