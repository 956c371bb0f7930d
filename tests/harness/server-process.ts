/**
 * The whole server as a separate process, as `npm start` runs it (`node sync-server/main.ts`), so
 * a test can kill it with SIGKILL or stop it with SIGTERM and start it again on the same data
 * folder. The process listens on 127.0.0.1 at a free port (PORT=0); the URL is read from what it
 * prints and, on first start, the demo accounts and their passwords from the private file it names
 * (stdout is a pipe here, so the passwords are never printed: `sync-server/demo/demo-policy.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/** The repository root, where `node_modules/.bin/node` and `sync-server/main.ts` are. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How a server process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running server process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/collab`. */
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Demo accounts printed on first start: username to password (empty on later starts). */
  readonly accounts: ReadonlyMap<string, string>;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<ProcessExit>;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Sends `signal` (SIGKILL for a crash, SIGTERM for a shutdown). */
  kill(signal: NodeJS.Signals): void;
  /** Stops the process if it is still running (SIGTERM, then SIGKILL after 15 s) and waits for it. */
  stop(): Promise<ProcessExit>;
}

/** A new empty temporary data folder. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pb-process-'));
}

/** One line of the demo account table main.ts prints: `  <username> <password>   <name>, <role>`. */
const ACCOUNT_LINE = /^ {2}(\S+)\s+([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})\s{3}/;

/**
 * Starts `node sync-server/main.ts` with DATA_DIR=`dataDir`, PORT=0 and HOST=127.0.0.1 (plus
 * `env`), and resolves once it has printed that it is running and is ready for clients (the last
 * line of its start-up message). Rejects with the process output when it exits first or takes
 * longer than `timeoutMs`. DATABASE_URL and REDIS_URL of this process are not passed on.
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const childEnv: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TZ', 'LANG', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) childEnv[key] = value;
  }
  Object.assign(childEnv, { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }, env);
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['sync-server/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => void (printed += chunk));
  child.stderr.on('data', (chunk: string) => void (printed += chunk));
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.stdout.off('data', look);
      child.kill('SIGKILL');
      reject(new Error(`the server process ${why}; it printed:\n${printed}`));
    };
    const look = (): void => {
      const running = /running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(printed);
      if (running && printed.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(Number(running[1]));
      }
    };
    child.stdout.on('data', look);
    void exited.then((e) => fail(`exited (code ${e.code}, signal ${e.signal}) before it was ready`));
  });

  // Stdout is a pipe, not a terminal: the demo passwords are in DATA_DIR/demo-accounts.txt, never printed.
  const accounts = new Map<string, string>();
  const demoFile = /are in (\S+demo-accounts\.txt),/.exec(printed)?.[1];
  const demoText = demoFile ? await readFile(demoFile, 'utf8') : '';
  for (const line of [...printed.split('\n'), ...demoText.split('\n')]) {
    const m = ACCOUNT_LINE.exec(line);
    if (m) accounts.set(m[1]!, m[2]!);
  }
  let ended: ProcessExit | undefined;
  void exited.then((e) => (ended = e));
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    child,
    accounts,
    exited,
    output: () => printed,
    kill(signal) {
      if (ended === undefined) child.kill(signal);
    },
    async stop() {
      if (ended !== undefined) return ended;
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(hard);
      return result;
    },
  };
}

/**
 * Runs `PRAGMA integrity_check` on the server's SQLite file in `dataDir` (the server must not be
 * running) and returns its answer: `['ok']` for a sound file, else the problems SQLite lists.
 */
export function sqliteIntegrity(dataDir: string): string[] {
  const db = new DatabaseSync(join(dataDir, 'documents.sqlite'));
  try {
    return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Documents of the server's SQLite file in `dataDir` (the server must not be running) whose
 * stored updates are not exactly covered by audit entries: for each document not yet compacted
 * (its updates all still in the log), the bytes of its updates against the bytes its audit
 * entries count (the audit counts every update's bytes once). `checked` is how many documents
 * could be compared; `gaps` those that differ, with both sums.
 */
export function auditGaps(dataDir: string): { checked: number; gaps: { document: string; updateBytes: number; auditBytes: number }[] } {
  const db = new DatabaseSync(join(dataDir, 'documents.sqlite'), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT d.name AS document,
           (SELECT coalesce(sum(length(u.data)), 0) FROM yjs_updates u WHERE u.name = d.name) AS updateBytes,
           (SELECT coalesce(sum(a.bytes), 0) FROM records_audit a WHERE a.document = d.name) AS auditBytes
         FROM yjs_documents d WHERE d.snapshot_seq = 0`,
      )
      .all() as { document: string; updateBytes: number; auditBytes: number }[];
    return { checked: rows.length, gaps: rows.filter((r) => Number(r.updateBytes) !== Number(r.auditBytes)) };
  } finally {
    db.close();
  }
}

/** The ids of the children a signed-in user may see (`GET /api/children`), in caseload order. */
export async function childIds(url: string, token: string): Promise<string[]> {
  const res = await fetch(`${url}/api/children`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/children failed: ${res.status}`);
  const body = (await res.json()) as { children: { childId: string }[] };
  return body.children.map((c) => c.childId);
}
