/**
 * Hostile and broken clients against the real server on 127.0.0.1 (SQLite in a temp folder): an
 * authenticated editor speaking the Hocuspocus protocol by hand over a raw WebSocket sends
 * truncated, randomly mutated and schema-breaking updates, an oversized frame and a message flood;
 * a crowd of sockets never authenticates. Each offender is closed with its named code, the stored
 * and live documents are unchanged by what was refused, and real @hocuspocus/provider clients
 * carry on editing throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { validate } from '../model/validate.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { queryAwarenessMessage, RefusedUpgrade, SYNC, updateMessage, WireClient } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

let server: TestServer;
let childId: string;
let name: string;
let token: string;
/** Two real providers that stay connected and keep checking that editing still works. */
let alice: TestClient;
let bob: TestClient;
let edits = 0;

beforeAll(async () => {
  server = await startTestServer();
  childId = await addChild(server.app, 'Hollis Fiction');
  name = `child:${childId}`;
  await addUser(server.app, 'editor');
  await server.app.records.grant({ username: 'editor', childId, level: 'edit', restricted: false });
  token = await login(server.url, 'editor');
  alice = connect(server.wsUrl, name, token);
  bob = connect(server.wsUrl, name, token);
  await Promise.all([alice.synced(), bob.synced()]);
}, 60_000);

afterAll(async () => {
  alice?.destroy();
  bob?.destroy();
  await server?.stop();
});

/** What the server holds of the document: the log's last sequence number and both states. */
async function holdings(): Promise<{ seq: number; stored: string; live: string }> {
  const log = await server.app.log.load(name);
  const doc = new Y.Doc();
  if (log?.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log?.updates ?? []) Y.applyUpdate(doc, u);
  const live = server.app.hocuspocus.documents.get(name);
  return {
    seq: log?.seq ?? 0,
    stored: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    live: live ? Buffer.from(Y.encodeStateAsUpdate(live)).toString('base64') : '',
  };
}

/** The well-behaved providers still edit together, and their edits are acknowledged. */
async function editingStillWorks(): Promise<void> {
  const marker = `still-works-${++edits}`;
  appendMarker(alice.doc, marker);
  await alice.saved();
  await eventually(() => missingMarkers(bob.doc, [marker]).length === 0, 'the edit to reach the other provider');
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
}

/** An authenticated, synced raw editor connection. */
async function rawEditor(): Promise<{ wire: WireClient; doc: Y.Doc }> {
  const wire = await WireClient.open(server.wsUrl);
  await wire.authenticate(name, token);
  return { wire, doc: await wire.sync(name) };
}

/** A valid update of the plan made on a copy of `doc` (which is left unchanged). */
function validUpdate(doc: Y.Doc, marker: string): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array | undefined;
  copy.on('update', (u: Uint8Array) => (update = u));
  appendMarker(copy, marker);
  return update!;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('bad updates from an authenticated editor', () => {
  it('refuses truncated updates: the offender is closed with 4422 invalid-update and the document is unchanged', async () => {
    const { wire: probe, doc } = await rawEditor();
    const update = validUpdate(doc, 'truncated-marker-that-must-never-be-stored');
    probe.terminate();
    const before = await holdings();
    const lengths = [...new Set([1, 2, 3, 5, 8, Math.floor(update.length / 3), Math.floor(update.length / 2), update.length - 3, update.length - 2, update.length - 1])];
    for (const [i, length] of lengths.entries()) {
      const { wire } = await rawEditor();
      // Alternate between an update message and a sync step 2 (both carry an update).
      const frame = updateMessage(name, update.slice(0, length));
      if (i % 2 === 1) frame[name.length + 2] = SYNC.step2;
      wire.send(frame);
      expect(await wire.waitForClose(), `truncated to ${length} of ${update.length} bytes`).toEqual({ code: 4422, reason: 'invalid-update' });
    }
    expect(await holdings()).toEqual(before);
    await editingStillWorks();
  });

  it('refuses or safely applies randomly mutated updates, never breaking the document', async () => {
    const next = random(20261103);
    let refused = 0;
    let accepted = 0;
    for (let round = 0; round < 40; round++) {
      const { wire, doc } = await rawEditor();
      const update = validUpdate(doc, `mutation-${round}`);
      const mutated = update.slice();
      for (let flips = 1 + Math.floor(next() * 3); flips > 0; flips--) {
        mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
      }
      const before = await holdings();
      const from = wire.messages.length;
      wire.send(updateMessage(name, mutated));
      const outcome = await Promise.race([
        wire.waitForClose().then((closed) => ({ closed })),
        wire.waitForMessage((m) => m.kind === 'sync-status', from).then((status) => ({ status })),
      ]);
      if ('closed' in outcome) {
        refused++;
        expect(outcome.closed, `mutation round ${round}`).toEqual({ code: 4422, reason: 'invalid-update' });
        expect(await holdings(), `mutation round ${round}`).toEqual(before);
      } else {
        accepted++;
        // Whatever got through is a valid plan, stored as it is held.
        const live = server.app.hocuspocus.documents.get(name)!;
        const plan = planOf(live);
        expect(plan, `mutation round ${round}`).toBeDefined();
        expect(validate(live, plan!.spec), `mutation round ${round}`).toEqual([]);
        await eventually(async () => {
          const h = await holdings();
          return h.stored === h.live;
        }, 'the accepted update to be stored');
        wire.terminate();
      }
    }
    console.log(`mutated updates: ${refused} refused, ${accepted} valid after mutation and applied`);
    expect(refused).toBeGreaterThan(0);
    await editingStillWorks();
  });

  it('refuses a well-formed update that breaks the schema, from a raw socket and from a real provider', async () => {
    const { wire, doc } = await rawEditor();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    let update: Uint8Array | undefined;
    copy.on('update', (u: Uint8Array) => (update = u));
    // A Y.Array where the child's name register (a Y.Map of entries) must be.
    copy.getMap('child').set('name', Y.Array.from(['Someone Else']));
    const before = await holdings();
    wire.send(updateMessage(name, update!));
    expect(await wire.waitForClose()).toEqual({ code: 4422, reason: 'invalid-update' });
    expect(await holdings()).toEqual(before);

    const offender = connect(server.wsUrl, name, token);
    try {
      await offender.synced();
      offender.doc.getMap('child').set('name', Y.Array.from(['Someone Else']));
      await eventually(() => offender.closes.length > 0, 'the provider to be closed');
      expect(offender.closes[0]).toEqual({ code: 4422, reason: 'invalid-update' });
    } finally {
      offender.destroy();
    }
    expect(await holdings()).toEqual(before);
    expect(bob.doc.getMap('child').get('name')).toBeInstanceOf(Y.Map);
    await editingStillWorks();
  });
});

describe('limits on sockets', () => {
  it('closes a socket that sends a frame over 2 MiB with 1009, changing nothing', async () => {
    const { wire } = await rawEditor();
    const before = await holdings();
    wire.send(updateMessage(name, new Uint8Array(2 * 1024 * 1024 + 1024).fill(7)));
    expect((await wire.waitForClose()).code).toBe(1009);
    expect(await holdings()).toEqual(before);
    await editingStillWorks();
  });

  it('closes a socket over the message rate cap with 4429', async () => {
    const { wire } = await rawEditor();
    for (let i = 0; i < 1000 && !wire.closed; i++) wire.send(queryAwarenessMessage(name));
    expect(await wire.waitForClose()).toEqual({ code: 4429, reason: 'rate-limited' });
    await editingStillWorks();
  });

  it('survives a flood of sockets that never authenticate: excess refused, the rest closed with 4408 after 10 s', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 400 }, () => WireClient.open(server.wsUrl)));
    const open = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
    try {
      expect(open.length).toBeLessThanOrEqual(256);
      expect(refusals.length).toBeGreaterThanOrEqual(144);
      for (const r of refusals) expect(r instanceof RefusedUpgrade ? r.status : r).toBe(503);

      // Responsive meanwhile: health answers, the connected providers keep editing.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.app.health().connections.unauthenticated).toBe(open.length);
      await editingStillWorks();

      const closes = await Promise.all(open.map((w) => w.waitForClose(20_000)));
      expect(new Set(closes.map((c) => `${c.code} ${c.reason}`))).toEqual(new Set(['4408 authentication-timeout']));
      await eventually(() => server.app.front.counts().unauthenticated === 0, 'the server to forget the closed sockets');
      console.log(`unauthenticated flood: ${open.length} of 400 sockets accepted and closed with 4408, ${refusals.length} refused with 503`);
    } finally {
      for (const w of open) w.terminate();
    }
    // Room again for new clients.
    const late = connect(server.wsUrl, name, token);
    try {
      await late.synced();
      expect(missingMarkers(late.doc, [`still-works-${edits}`])).toEqual([]);
    } finally {
      late.destroy();
    }
  }, 60_000);
});
