/**
 * Storage failing for a while, then recovering, with real storage and no mocks. The server runs as
 * its own process (`node sync-server/main.ts`) and real @hocuspocus/provider clients edit a plan:
 * - SQLite: this test takes the database's write lock from outside (`BEGIN EXCLUSIVE` on another
 *   connection to the same file) for longer than the storage layer's 5 s busy timeout;
 * - PostgreSQL: a throwaway server (tests/harness/postgres.ts); the server's own role loses the
 *   right to insert into the update log (`REVOKE INSERT`), then gets it back.
 * While storage fails the process stays up, `/healthz` says storage is failing and which
 * documents have unsaved changes, and senders get no acknowledgement; once storage is back,
 * everything is saved and acknowledged, and a restart shows every edit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Health } from '../sync-server/app.ts';
import { connect, eventually, login } from './harness/collab.ts';
import { appendMarker, contingencyText, missingMarkers } from './harness/plan-edits.ts';
import { adminQuery, startPostgres, type TestPostgres } from './harness/postgres.ts';
import { childIds, makeDataDir, spawnServer, sqliteIntegrity, type ServerProcess } from './harness/server-process.ts';

/** How long storage stays broken: well past the SQLite busy timeout (5 s) and several retries. */
const OUTAGE_MS = 12_000;

const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/**
 * `/healthz` as an administrator sees it (`adminToken`): its status and body. A SQLite server
 * pauses while it waits for the lock, so allow time.
 */
async function health(url: string, adminToken: string): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${url}/healthz`, { headers: { authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(20_000) });
  return { status: res.status, body: (await res.json()) as Health };
}

interface Outage {
  readonly kind: 'sqlite' | 'postgres';
  /** Environment for the server process besides DATA_DIR. */
  readonly env: Record<string, string>;
  /** Makes storage fail; called while the server runs. */
  breakStorage(dataDir: string): Promise<void>;
  /** Makes storage work again. */
  repairStorage(): Promise<void>;
  /**
   * Whether edits are forwarded to other clients while storage fails. Not with SQLite held locked
   * from outside: its writes wait for the lock on the server's main thread (node:sqlite is
   * synchronous), so the whole process pauses for the busy timeout on every attempt.
   */
  readonly forwardsWhileFailing: boolean;
}

async function outageScenario(outage: Outage): Promise<void> {
  const dataDir = await makeDataDir();
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  let server = await spawnServer(dataDir, outage.env);
  const stopServer = (s: ServerProcess) => () => s.stop().then(() => undefined);
  cleanups.push(stopServer(server));
  const password = server.accounts.get('social.worker');
  expect(password, 'the demo accounts are printed on first start').toBeDefined();
  const token = await login(server.url, 'social.worker', password);
  const adminToken = await login(server.url, 'team.manager', server.accounts.get('team.manager'));
  const childId = (await childIds(server.url, token))[0]!;
  const name = `child:${childId}`;
  const writer = connect(server.wsUrl, name, token);
  const watcher = connect(server.wsUrl, name, token);
  const before = ['ok1', 'ok2', 'ok3'];
  const during = ['held1', 'held2', 'held3'];
  try {
    await Promise.all([writer.synced(), watcher.synced()]);
    for (const m of before) {
      appendMarker(writer.doc, m);
      await writer.saved();
    }
    expect(await health(server.url, adminToken)).toMatchObject({ status: 200, body: { status: 'ok', storage: { kind: outage.kind, state: 'ok' }, unsaved: [] } });

    await outage.breakStorage(dataDir);
    const brokenAt = Date.now();
    for (const m of during) appendMarker(writer.doc, m);

    let failing: { status: number; body: Health } | undefined;
    await eventually(
      async () => {
        failing = await health(server.url, adminToken);
        return failing.body.storage.state === 'failing';
      },
      'healthz to report failing storage',
      30_000,
    );
    expect(failing!.status).toBe(503);
    expect(failing!.body.status).toBe('degraded');
    expect(failing!.body.storage.lastError).toBeTruthy();
    expect(failing!.body.unsaved.find((u) => u.document === name)?.updates).toBeGreaterThanOrEqual(1);
    // No acknowledgement while the edits are not on disk.
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
    if (outage.forwardsWhileFailing) {
      await eventually(() => missingMarkers(watcher.doc, during).length === 0, 'the edits to reach the other client', 10_000);
    }

    // Storage stays broken past more retries; the process stays up and keeps answering.
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - brokenAt)));
    appendMarker(writer.doc, 'held4');
    during.push('held4');
    const still = await health(server.url, adminToken);
    expect(still.body.storage.state).toBe('failing');
    expect(still.body.unsaved.map((u) => u.document)).toContain(name);
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
    const heldUpdates = still.body.unsaved.find((u) => u.document === name)!.updates;

    await outage.repairStorage();
    await writer.saved(30_000);
    await eventually(
      async () => {
        const h = await health(server.url, adminToken);
        return h.status === 200 && h.body.storage.state === 'ok' && h.body.unsaved.length === 0;
      },
      'healthz to report storage recovered',
      30_000,
    );
    await eventually(() => missingMarkers(watcher.doc, during).length === 0, 'the edits to reach the other client', 10_000);
    expect(server.child.exitCode, `the server process ended; it printed:\n${server.output()}`).toBeNull();
    expect(server.output()).toMatch(/append of \d+ update\(s\) to child:\S+ failed \(attempt 1\); kept in memory, retrying/);
    expect(server.output()).toMatch(/storage recovered/);
    expect(server.output()).not.toMatch(/refused an update/);
    console.log(`storage failure (${outage.kind}): ${heldUpdates} update(s) held in memory for ${Math.round((Date.now() - brokenAt) / 1000)} s, all saved after recovery`);
  } finally {
    writer.destroy();
    watcher.destroy();
  }

  // Everything is on disk: a clean restart shows it, in order, and nothing was overwritten.
  expect((await server.stop()).code).toBe(0);
  if (outage.kind === 'sqlite') expect(sqliteIntegrity(dataDir)).toEqual(['ok']);
  server = await spawnServer(dataDir, outage.env);
  cleanups.push(stopServer(server));
  const check = connect(server.wsUrl, name, await login(server.url, 'social.worker', password));
  try {
    await check.synced();
    expect(missingMarkers(check.doc, [...before, ...during])).toEqual([]);
    const text = contingencyText(check.doc).toString();
    expect(text.indexOf('ok3')).toBeLessThan(text.indexOf('held1'));
  } finally {
    check.destroy();
  }
  await server.stop();
}

describe('storage failing for a while, then recovering', () => {
  it('SQLite locked by another process: no crash, failing shown, acknowledgements held, all saved after', async () => {
    let locker: DatabaseSync | undefined;
    cleanups.push(async () => {
      if (locker?.isOpen) locker.close();
      await Promise.resolve();
    });
    await outageScenario({
      kind: 'sqlite',
      env: {},
      forwardsWhileFailing: false,
      async breakStorage(dataDir) {
        locker = new DatabaseSync(join(dataDir, 'documents.sqlite'));
        locker.exec('PRAGMA busy_timeout = 10000');
        locker.exec('BEGIN EXCLUSIVE');
        await Promise.resolve();
      },
      async repairStorage() {
        locker!.exec('ROLLBACK');
        locker!.close();
        await Promise.resolve();
      },
    });
  }, 180_000);

  it('PostgreSQL refusing the server’s writes: no crash, failing shown, acknowledgements held, all saved after', async () => {
    const postgres: TestPostgres = await startPostgres();
    cleanups.push(() => postgres.stop());
    // The server connects as its own role, owner of its database, so its rights can be taken away.
    const admin = new URL(postgres.url);
    await adminQuery(admin.href, 'CREATE ROLE board LOGIN');
    await adminQuery(admin.href, 'CREATE DATABASE board OWNER board');
    const boardUrl = new URL(admin.href);
    boardUrl.username = 'board';
    boardUrl.pathname = '/board';
    const asSuperuser = new URL(admin.href);
    asSuperuser.pathname = '/board';
    await outageScenario({
      kind: 'postgres',
      env: { DATABASE_URL: boardUrl.href },
      forwardsWhileFailing: true,
      breakStorage: () => adminQuery(asSuperuser.href, 'REVOKE INSERT ON yjs_updates FROM board'),
      repairStorage: () => adminQuery(asSuperuser.href, 'GRANT INSERT ON yjs_updates TO board'),
    });
  }, 180_000);
});
