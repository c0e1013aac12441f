// What content:import and content:export share: the Sanity project from the environment
// and a way to run the Sanity CLI of the studio workspace on this Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SanityTarget {
  projectId: string;
  dataset: string;
}

/** The project and dataset: the Studio's variables first, then the site's. Exits when there is no project. */
export function sanityTarget(): SanityTarget {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const projectId = process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID;
  const dataset = process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production';
  if (!projectId || !/^[a-z0-9-]+$/.test(projectId)) {
    console.error('Set SANITY_STUDIO_PROJECT_ID (or SANITY_PROJECT_ID) to your Sanity project id: see docs/editors.md.');
    process.exit(1);
  }
  if (!/^[a-z0-9_-]+$/.test(dataset)) {
    console.error(`"${dataset}" is not a Sanity dataset name (lowercase letters, digits, _ and -).`);
    process.exit(1);
  }
  return { projectId, dataset };
}

/**
 * Runs `sanity <args>` from studio/ (where sanity.cli.ts is) with this Node, telemetry off.
 * It signs in with `npx sanity login` or SANITY_AUTH_TOKEN. Throws when the CLI fails.
 */
export function runSanity(target: SanityTarget, args: string[]): void {
  const bin = resolve('node_modules/.bin/sanity');
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: resolve('studio'),
    stdio: 'inherit',
    env: { ...process.env, DO_NOT_TRACK: '1', SANITY_STUDIO_PROJECT_ID: target.projectId, SANITY_STUDIO_DATASET: target.dataset },
  });
  if (result.status !== 0) throw new Error(`sanity ${args[0]} ${args[1]} failed (exit code ${result.status ?? result.signal})`);
}
