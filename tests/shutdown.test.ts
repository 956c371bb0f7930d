/**
 * SIGTERM while people are editing: the server (its own process, `node sync-server/main.ts`, on
 * SQLite) stops accepting, saves everything and exits by itself within 10 seconds, and after a
 * restart every edit it acknowledged is there. Two real @hocuspocus/provider clients edit a plan
 * continuously when the signal arrives: one waits for each acknowledgement, the other sends
 * edits every few milliseconds without waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { connect, login, type TestClient } from './harness/collab.ts';
import { appendMarker, missingMarkers, trackAcknowledgements } from './harness/plan-edits.ts';
import { childIds, makeDataDir, spawnServer, sqliteIntegrity, type ProcessExit, type ServerProcess } from './harness/server-process.ts';

/** The limit for a shutdown. */
const SHUTDOWN_LIMIT_MS = 10_000;

let dataDir: string | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A client that edits until stopped; `acked` holds every marker the server has acknowledged. */
function keepEditing(client: TestClient, prefix: string, waitForAcks: boolean): { acked: Set<string>; made: string[]; stop(): Promise<void> } {
  const acked = new Set<string>();
  const { made } = trackAcknowledgements(client, acked);
  let running = true;
  const closed = (): boolean => client.closes.length > 0 || client.provider.isSynced === false;
  const loop = (async () => {
    for (let i = 0; running && !closed(); i++) {
      const marker = `${prefix}${i}`;
      made.push(marker);
      appendMarker(client.doc, marker);
      if (waitForAcks) await client.saved(2000).catch(() => undefined);
      else await sleep(2 + (i % 7));
    }
  })();
  return {
    acked,
    made,
    async stop() {
      running = false;
      await loop;
    },
  };
}

it('on SIGTERM mid-edit, exits by itself within 10 s and keeps every acknowledged edit', async () => {
  dataDir = await makeDataDir();
  server = await spawnServer(dataDir);
  const password = server.accounts.get('social.worker');
  expect(password, 'the demo accounts are printed on first start').toBeDefined();
  const token = await login(server.url, 'social.worker', password);
  const childId = (await childIds(server.url, token))[0]!;
  const a = connect(server.wsUrl, `child:${childId}`, token);
  const b = connect(server.wsUrl, `child:${childId}`, token);
  let exit: ProcessExit | undefined;
  let shutdownMs: number | undefined;
  const editors: ReturnType<typeof keepEditing>[] = [];
  try {
    await Promise.all([a.synced(), b.synced()]);
    editors.push(keepEditing(a, 'a', true), keepEditing(b, 'b', false));
    await sleep(1000);
    expect(editors[0]!.acked.size).toBeGreaterThan(0);

    server.kill('SIGTERM');
    const signalledAt = Date.now();
    const limit = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SHUTDOWN_LIMIT_MS).unref());
    exit = await Promise.race([server.exited, limit]);
    expect(exit, `the server did not exit by itself within ${SHUTDOWN_LIMIT_MS / 1000} s; it printed:\n${server.output()}`).toBeDefined();
    expect(exit).toEqual({ code: 0, signal: null });
    shutdownMs = Date.now() - signalledAt;
    expect(server.output()).toMatch(/SIGTERM: saving and stopping/);
    expect(server.output()).toMatch(/Everything is saved/);
    await Promise.all(editors.map((e) => e.stop()));
  } finally {
    a.destroy();
    b.destroy();
  }
  expect(sqliteIntegrity(dataDir)).toEqual(['ok']);

  server = await spawnServer(dataDir);
  const check = connect(server.wsUrl, `child:${childId}`, await login(server.url, 'social.worker', password));
  try {
    await check.synced();
    const acked = editors.flatMap((e) => [...e.acked]);
    expect(acked.length).toBeGreaterThan(0);
    expect(missingMarkers(check.doc, acked)).toEqual([]);
    const made = editors.flatMap((e) => e.made);
    const kept = made.length - missingMarkers(check.doc, made).length;
    console.log(`shutdown: exited ${shutdownMs} ms after SIGTERM; ${acked.length} acknowledged edits all kept; ${kept} of ${made.length} edits made were kept`);
  } finally {
    check.destroy();
  }
}, 120_000);
