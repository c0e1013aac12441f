/**
 * Brings the Sanity dataset back into content/*.ndjson (docs/editors.md).
 *
 *   npm run content:export                 exports and rewrites content/
 *   npm run content:export -- --dir path   another folder
 *   npm run content:export -- --from x.tar.gz   splits an export made earlier instead
 *
 * Runs `sanity dataset export --no-assets --no-drafts`, then splits the documents into the
 * files the way they are laid out (src/content/ndjson-files.ts): unchanged content gives
 * no git diff. Files whose documents are all gone are deleted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readNdjsonFiles, splitDataset } from '#src/content/ndjson-files.ts';
import { parseNdjson } from '#src/content/validate-dataset.ts';
import type { SanityDocument } from '#src/content/local-source.ts';
import { runSanity, sanityTarget } from './content-cli.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'content' }, from: { type: 'string' } } });
const work = mkdtempSync(join(tmpdir(), 'redress-export-'));
try {
  const archive = values.from ? resolve(values.from) : join(work, 'export.tar.gz');
  if (!values.from) {
    const target = sanityTarget();
    runSanity(target, ['dataset', 'export', target.dataset, archive, '--no-assets', '--no-drafts', '--overwrite']);
  }
  // The export is a gzipped tar holding <name>/data.ndjson.
  const untar = spawnSync('tar', ['-xzf', archive, '-C', work], { stdio: 'inherit' });
  if (untar.status !== 0) throw new Error(`could not unpack ${archive}`);
  const data = readdirSync(work, { recursive: true, encoding: 'utf8' }).find((path) => basename(path) === 'data.ndjson');
  if (!data) throw new Error(`${archive} holds no data.ndjson`);
  const exported = parseNdjson(readFileSync(join(work, data), 'utf8'), 'data.ndjson') as SanityDocument[];

  const { files, removed } = splitDataset(exported, readNdjsonFiles(values.dir));
  let changed = 0;
  for (const file of files) {
    const path = join(values.dir, file.name);
    let before: string | undefined;
    try {
      before = readFileSync(path, 'utf8');
    } catch {
      // A file not there yet is a new one.
    }
    if (before === file.text) continue;
    writeFileSync(path, file.text);
    changed += 1;
    console.log(`${before === undefined ? 'added' : 'updated'} ${path}`);
  }
  for (const name of removed) {
    unlinkSync(join(values.dir, name));
    console.log(`removed ${join(values.dir, name)}`);
  }
  console.log(changed + removed.length === 0 ? `${values.dir}/ already matches the dataset.` : `Review with: git diff ${values.dir}/`);
} catch (error) {
  console.error(`content:export: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
