/**
 * Whole-system helpers for the sync server: start it in this process on 127.0.0.1 with a
 * throwaway data folder, make accounts and grants, sign in over HTTP, and connect real
 * @hocuspocus/provider clients over real WebSockets (the `ws` package in Node).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startApp, type App, type AppOptions } from '../../sync-server/app.ts';
import { readConfig } from '../../sync-server/config.ts';
import { hashPassword } from '../../sync-server/auth/password.ts';

/** Cheap scrypt cost for test accounts (verification reads the cost from the stored hash). */
const TEST_COST = { N: 1024, r: 8, p: 1 };

export interface TestServer {
  readonly app: App;
  readonly url: string;
  readonly wsUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole server on 127.0.0.1 with a fresh SQLite data folder (removed on stop). Open
 * connections are re-checked every 200 ms so that revocation tests run fast, unless `recheckMs`
 * says otherwise (benchmarks use the production interval); `loginLimits` shortens the sign-in
 * limits' windows.
 */
export async function startTestServer(env: Record<string, string> = {}, options: { recheckMs?: number; loginLimits?: AppOptions['loginLimits'] } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-server-'));
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...env });
  if (!config.ok) throw new Error(config.problems.join('; '));
  const app = await startApp(config.config, { say: process.env.TEST_SERVER_LOG ? undefined : () => {}, recheckMs: options.recheckMs ?? 200, loginLimits: options.loginLimits });
  const url = `http://127.0.0.1:${app.port}`;
  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${app.port}/collab`,
    dataDir: dir,
    async stop() {
      await app.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Adds an account with a known password (role 'Social Worker' unless `extra.role`). */
export async function addUser(app: App, username: string, password = `pw-${username}`, extra: { admin?: boolean; role?: string } = {}): Promise<void> {
  const ok = await app.records.addAccount({
    username,
    name: `Test ${username}`,
    role: extra.role ?? 'Social Worker',
    organisation: 'Test Team',
    passwordHash: await hashPassword(password, TEST_COST),
    disabled: false,
    admin: extra.admin ?? false,
    createdAt: new Date().toISOString(),
  });
  if (!ok) throw new Error(`user ${username} exists`);
}

/** Creates a child on the adoption pathway as the administrator; returns its id. */
export async function addChild(app: App, name = 'Test Child'): Promise<string> {
  const created = await app.plans.create('admin', { name, pathwayId: 'pathway-adoption', jurisdiction: 'England' });
  if (!created.ok) throw new Error(`addChild: ${created.message}`);
  return created.value;
}

/** Signs in over HTTP and returns the token. */
export async function login(url: string, username: string, password = `pw-${username}`): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { token?: string; message?: string };
  if (!res.ok || !body.token) throw new Error(`login ${username}: ${res.status} ${body.message ?? ''}`);
  return body.token;
}

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  /** Close events the provider saw for its document ({code, reason}). */
  readonly closes: { code?: number; reason?: string }[];
  readonly authFailures: string[];
  /** Resolves once the first sync is done; rejects on authentication failure or timeout. */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves once the server has acknowledged every local change (on disk). */
  saved(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** Connects a provider to `name` with `token` (undefined sends no token). */
export function connect(wsUrl: string, name: string, token: string | undefined): TestClient {
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket, maxAttempts: 1 });
  const doc = new Y.Doc();
  const closes: { code?: number; reason?: string }[] = [];
  const authFailures: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: token ?? null,
    onAuthenticationFailed: ({ reason }: { reason: string }) => void authFailures.push(reason),
    onClose: ({ event }: { event: { code?: number; reason?: string } }) => void closes.push({ code: event.code, reason: event.reason }),
  });
  provider.attach();
  const waitFor = (test: () => boolean, what: string, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = (): void => {
        if (test()) return resolve();
        if (authFailures.length > 0) return reject(new Error(`authentication failed: ${authFailures.join(', ')}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
        setTimeout(tick, 10);
      };
      tick();
    });
  return {
    doc,
    provider,
    socket,
    closes,
    authFailures,
    synced: (t = 10_000) => waitFor(() => provider.isSynced, 'sync', t),
    saved: (t = 10_000) => waitFor(() => provider.unsyncedChanges === 0, 'acknowledgement', t),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `test` holds, polling. */
export async function eventually(test: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await test())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
