/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, listening
 * on 127.0.0.1 at a free port (and a Unix socket inside that directory), trust authentication,
 * deleted on stop. Uses Debian's server binaries (package `postgresql`, installed by
 * `scripts/ensure-installed.mjs --browser`); as root the server runs as the `postgres` user,
 * because PostgreSQL refuses to run as root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

/** A running test server. */
export interface TestPostgres {
  /** URL of the database created at start (`test`), as the superuser `postgres`. */
  readonly url: string;
  /** Creates another empty database and returns its URL (for one fresh store per test). */
  createDatabase(): Promise<string>;
  /** Stops the server (immediate shutdown) and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Directory holding `initdb` and `postgres`: PG_BIN when set, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian), else /usr/local/bin or /usr/bin. Keep the search
 * in step with `scripts/ensure-installed.mjs`. Throws with an install hint when none is found.
 */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  candidates.push('/usr/local/bin', '/usr/bin');
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
  if (found === undefined) {
    throw new Error('PostgreSQL server binaries not found: run `node scripts/ensure-installed.mjs --browser` as root (apt-get install postgresql)');
  }
  return found;
}

/** The uid and gid to run the server as: the `postgres` user when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (line === undefined) throw new Error('running as root and there is no `postgres` user to run PostgreSQL as: apt-get install postgresql creates it');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a fresh server; rejects with the server's log when it does not come up in 30 s. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const user = serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'test-postgres-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  await mkdir(socketDir);
  if (user) {
    await chown(dir, user.uid, user.gid);
    await chown(socketDir, user.uid, user.gid);
  }
  const asUser = { cwd: dir, ...(user ?? {}), env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } };
  const init = spawnSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
    ...asUser,
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.error?.message ?? ''}${init.stderr}`);
  }

  const port = await freePort();
  const logPath = join(dir, 'postgres.log');
  const logFile = await open(logPath, 'w');
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    ['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', socketDir, '-c', 'max_connections=60', '-c', 'shared_buffers=32MB'],
    { ...asUser, stdio: ['ignore', logFile.fd, logFile.fd] },
  );
  await logFile.close();
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // If the test process dies without stop(), do not leave a server behind (immediate shutdown).
  const onExit = (): void => void server.kill('SIGQUIT');
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off('exit', onExit);
      if (server.exitCode === null && server.signalCode === null) {
        // Immediate shutdown: no checkpoint, whose fsyncs can outlast a test hook's 10 s on a busy
        // disk; the data directory is deleted next, so nothing is lost that anyone would read.
        server.kill('SIGQUIT');
        const timeout = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timeout);
      }
      await rm(dir, { recursive: true, force: true });
    })());

  const base = `postgres://postgres@127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${base}/postgres`, exited, logPath);
    await adminQuery(`${base}/postgres`, 'CREATE DATABASE test');
  } catch (error) {
    await stop();
    throw error;
  }
  let databases = 0;
  return {
    url: `${base}/test`,
    async createDatabase() {
      const name = `test_${++databases}`;
      await adminQuery(`${base}/postgres`, `CREATE DATABASE ${name}`);
      return `${base}/${name}`;
    },
    stop,
  };
}

async function waitUntilReady(url: string, exited: Promise<void>, logPath: string): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (done) throw new Error(`postgres exited at start:\n${readFileSync(logPath, 'utf8')}`);
    try {
      await adminQuery(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`postgres did not come up in 30 s (${String(error)}):\n${readFileSync(logPath, 'utf8')}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs one statement on its own connection (for superuser work the server must not do itself). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  await queryOnce(url, sql);
}

/** Runs `sql` on a connection of its own and returns the result. */
export async function queryOnce(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
