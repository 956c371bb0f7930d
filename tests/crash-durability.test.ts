/**
 * An acknowledged edit is on disk (DESIGN decision 1), tested the hard way: the real server runs
 * as its own process (`node sync-server/main.ts`) on SQLite, a real @hocuspocus/provider edits a
 * plan continuously, and the process is killed with SIGKILL at a random moment within a second of
 * an acknowledgement, while further edits are in flight. Restarted on the same data folder, a fresh
 * client must see every edit that was acknowledged, SQLite's integrity check must pass, and every
 * stored update must have its audit entry (written in the same transaction), round after round.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { connect, login, type TestClient } from './harness/collab.ts';
import { appendMarker, missingMarkers, trackAcknowledgements } from './harness/plan-edits.ts';
import { auditGaps, childIds, makeDataDir, spawnServer, sqliteIntegrity, type ServerProcess } from './harness/server-process.ts';

const ROUNDS = 5;
/** Edits made and acknowledged in each round before the kill window opens. */
const EDITS_BEFORE_WINDOW = 8;

let dataDir: string | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it(`keeps every acknowledged edit through kill -9, ${ROUNDS} rounds, with a sound SQLite file each time`, async () => {
  dataDir = await makeDataDir();
  const acked = new Set<string>();
  let password: string | undefined;
  let childId: string | undefined;
  let inFlightLost = 0;
  let inFlightKept = 0;
  let auditChecked = 0;
  /** Edits made but not acknowledged when the process was last killed: they may or may not survive. */
  let unacked: string[] = [];
  const countInFlight = (client: TestClient): void => {
    const lost = missingMarkers(client.doc, unacked).length;
    inFlightLost += lost;
    inFlightKept += unacked.length - lost;
    unacked = [];
  };

  const openClient = async (): Promise<TestClient> => {
    const token = await login(server!.url, 'social.worker', password);
    childId ??= (await childIds(server!.url, token))[0];
    expect(childId).toBeDefined();
    const client = connect(server!.wsUrl, `child:${childId}`, token);
    await client.synced();
    return client;
  };

  for (let round = 1; round <= ROUNDS; round++) {
    server = await spawnServer(dataDir);
    if (round === 1) password = server.accounts.get('social.worker');
    expect(password, 'the demo accounts are printed on first start').toBeDefined();
    const client = await openClient();
    try {
      // A fresh client after the previous crash: every acknowledged edit is there.
      expect(missingMarkers(client.doc, acked)).toEqual([]);
      countInFlight(client);

      const tracker = trackAcknowledgements(client, acked);
      for (let i = 0; i < EDITS_BEFORE_WINDOW; i++) {
        const marker = `r${round}a${i}`;
        tracker.made.push(marker);
        appendMarker(client.doc, marker);
        await client.saved();
      }
      expect(acked.has(`r${round}a${EDITS_BEFORE_WINDOW - 1}`)).toBe(true);

      // The last of those was acknowledged just now. Keep editing (an edit every few ms, not
      // waiting for acknowledgements) and kill the process a random 0 to 900 ms later.
      const killAt = Date.now() + Math.floor(Math.random() * 900);
      let n = 0;
      while (Date.now() < killAt) {
        const marker = `r${round}b${n++}`;
        tracker.made.push(marker);
        appendMarker(client.doc, marker);
        await sleep(3 + Math.floor(Math.random() * 10));
      }
      tracker.made.push(`r${round}b${n}`);
      appendMarker(client.doc, `r${round}b${n}`);
      server.kill('SIGKILL');
      tracker.stop();
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');

      unacked = tracker.made.filter((m) => !acked.has(m));
    } finally {
      client.destroy();
    }
    expect(sqliteIntegrity(dataDir)).toEqual(['ok']);
    // Every durable update has its audit entry: they are written in one transaction.
    const audit = auditGaps(dataDir);
    expect(audit.gaps).toEqual([]);
    auditChecked += audit.checked;
  }

  server = await spawnServer(dataDir);
  const last = await openClient();
  try {
    expect(missingMarkers(last.doc, acked)).toEqual([]);
    countInFlight(last);
    expect(acked.size).toBeGreaterThanOrEqual(ROUNDS * EDITS_BEFORE_WINDOW);
    expect(auditChecked).toBeGreaterThan(0);
  } finally {
    last.destroy();
  }
  console.log(`crash durability: ${acked.size} acknowledged edits all kept over ${ROUNDS} kills; edits in flight at a kill: ${inFlightKept} kept, ${inFlightLost} lost`);
}, 300_000);
