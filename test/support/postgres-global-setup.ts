import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the PostgreSQL server the store tests create their databases on. */
    postgresAdminUrl: string | null;
    /** Why there is no PostgreSQL server to test on; store tests fail with it. */
    postgresProblem: string | null;
  }
}

const installHint =
  "Install Debian's PostgreSQL packages (`apt-get install -y postgresql`; .ci/run does it) or set TEST_DATABASE_URL to a postgres:// URL of a server where the tests may create databases.";

/**
 * Vitest global setup: one PostgreSQL server for the whole run. With TEST_DATABASE_URL set,
 * that server; otherwise a throwaway cluster (Debian's initdb and pg_ctl) in a temporary
 * folder, on a free loopback port, with trust auth, stopped and removed at the end.
 * Without either, store tests on PostgreSQL fail with a message saying what to install;
 * other tests still run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresAdminUrl', given);
    project.provide('postgresProblem', null);
    return undefined;
  }
  try {
    const cluster = await startThrowawayCluster();
    project.provide('postgresAdminUrl', cluster.url);
    project.provide('postgresProblem', null);
    return cluster.stop;
  } catch (error) {
    const problem = `No PostgreSQL server for the store tests: ${(error as Error).message}\n${installHint}`;
    console.error(`\n${problem}\n`);
    project.provide('postgresAdminUrl', null);
    project.provide('postgresProblem', problem);
    return undefined;
  }
}

interface Cluster {
  url: string;
  /** The same server through its Unix socket, as a database on the same machine is reached. */
  socketUrl: string;
  stop: () => Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` that has initdb and pg_ctl. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0) throw new Error('initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin.');
  return join(root, versions[0]!, 'bin');
}

/** initdb refuses to run as root: as root, run the server as Debian's `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no `postgres` system user to run initdb as.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function run(command: string, args: string[], options: { cwd: string; user?: { uid: number; gid: number } }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      ...options.user,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export async function startThrowawayCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  const user = serverUser();
  const folder = mkdtempSync(join(tmpdir(), 'redress-pg-'));
  const dataDir = join(folder, 'data');
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    if (user) chownSync(folder, user.uid, user.gid);
    chmodSync(folder, 0o700);
    // -N: no fsync; this cluster lives for one test run.
    await run(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-N'], { cwd: folder, user });
  } catch (error) {
    remove();
    throw error;
  }
  const pgCtl = join(bin, 'pg_ctl');
  let port: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${folder}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    try {
      await run(pgCtl, ['-D', dataDir, '-l', join(folder, 'server.log'), '-w', '-t', '15', '-o', settings, 'start'], { cwd: folder, user });
      break;
    } catch (error) {
      // Another process may have taken the port between the check and the start.
      if (attempt >= 3) {
        remove();
        throw error;
      }
    }
  }
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { cwd: folder, ...user, stdio: 'ignore' });
    remove();
  };
  // If vitest is interrupted before its teardown, do not leave a server behind.
  process.once('exit', stopNow);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(folder)}&port=${port}`,
    stop: async () => {
      process.off('exit', stopNow);
      if (stopped) return;
      stopped = true;
      try {
        await run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { cwd: folder, user });
      } finally {
        remove();
      }
    },
  };
}
