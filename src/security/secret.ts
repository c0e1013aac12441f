import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '../env.ts';

let cached: Buffer | undefined;

/**
 * The deployment's secret: keys the hashes of client addresses (so the rate-limit and
 * audit tables hold nothing that can be turned back into an address by trying all 2^32
 * IPv4 addresses) and signs the confirmation cookies. SITE_SECRET when set (several
 * servers must share it); otherwise a random one kept in DATA_DIR/site-secret, made once
 * (processes starting together agree on the first one linked into place). If that folder
 * cannot be written, a secret for this process only: limits still work, per process.
 * The file is written whole under another name and then linked into place, so a process
 * starting at the same moment never reads it half written.
 */
export function siteSecret(): Buffer {
  if (cached) return cached;
  const configured = env().SITE_SECRET;
  if (configured) return (cached = Buffer.from(configured, 'utf8'));
  const file = join(env().DATA_DIR, 'site-secret');
  try {
    mkdirSync(env().DATA_DIR, { recursive: true });
    if (!existsSync(file)) {
      const draft = `${file}.${process.pid}.tmp`;
      writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
      try {
        linkSync(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(draft, { force: true });
      }
    }
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < 32) throw new Error(`${file} is too short to be a secret`);
    cached = Buffer.from(stored, 'utf8');
  } catch (error) {
    console.error(`No SITE_SECRET and ${file} is unusable (${(error as Error).message}); using a secret for this process only.`);
    cached = randomBytes(32);
  }
  return cached;
}
