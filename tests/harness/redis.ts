/**
 * A throwaway Redis server for tests: `redis-server` on 127.0.0.1 at a free port, with no
 * persistence (no RDB snapshots, no append-only file), its working directory a temporary folder
 * deleted on stop. Uses Debian's `redis-server` package, installed by
 * `scripts/ensure-installed.mjs --browser` (the test run) or `--redis` when missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** A running test Redis. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, for REDIS_URL. */
  readonly url: string;
  readonly port: number;
  /** Stops the server and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The `redis-server` binary: REDIS_SERVER when set, else /usr/bin (Debian) or /usr/local/bin.
 * Keep the search in step with `scripts/ensure-installed.mjs`. Throws with an install hint
 * when none is found.
 */
export function findRedisServer(): string {
  const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'].filter((c): c is string => !!c);
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error('redis-server not found: run `node scripts/ensure-installed.mjs --redis` as root (apt-get install redis-server)');
  }
  return found;
}

/** Sends PING over a raw socket; resolves true on `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a fresh, empty server, on `options.port` when given (e.g. to bring one back where a
 * stopped one was), else on a free port; rejects with the server's log when it does not answer
 * within 15 s.
 */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const bin = findRedisServer();
  const dir = await mkdtemp(join(tmpdir(), 'test-redis-'));
  const port = options.port ?? (await freePort());
  const logPath = join(dir, 'redis.log');
  const logFile = await open(logPath, 'w');
  const args = [
    '--bind', '127.0.0.1',
    '--port', String(port),
    '--dir', dir,
    '--save', '',
    '--appendonly', 'no',
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    '--loglevel', 'warning',
  ];
  const server: ChildProcess = spawn(bin, args, { cwd: dir, stdio: ['ignore', logFile.fd, logFile.fd] });
  await logFile.close();
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  // If the test process dies without stop(), do not leave a server behind.
  const onExit = (): void => void server.kill('SIGKILL');
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off('exit', onExit);
      if (!hasExited) {
        server.kill('SIGTERM');
        const timeout = setTimeout(() => server.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timeout);
      }
      await rm(dir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (hasExited) {
      const log = readFileSync(logPath, 'utf8');
      await stop();
      throw new Error(`redis-server exited at start:\n${log}`);
    }
    if (await ping(port)) break;
    if (Date.now() > deadline) {
      const log = readFileSync(logPath, 'utf8');
      await stop();
      throw new Error(`redis-server did not answer PING within 15 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
