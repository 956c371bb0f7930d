/**
 * A presence (awareness) flood from people with only a read grant, against the real server on
 * 127.0.0.1 (issue 13 item 2). Three raw sockets, each authenticated as a reader, announce
 * thousands of awareness client ids, in large frames and in small ones sent as fast as the socket
 * rate cap allows, with oversized states and keys presence may not carry. A watching provider
 * sees one client id per flooding connection, with only the allowed fields and the server's
 * identity; the readers are not closed; memory stays bounded; a late joiner connects and syncs
 * with small presence; editing and `/healthz` carry on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_LIMITS } from '../sync-server/collab/presence.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { awarenessMessage, WireClient, type AwarenessEntry } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

let server: TestServer;
let plan: string;
const tokens = { editor: '', reader: '' };

beforeAll(async () => {
  server = await startTestServer();
  const childId = await addChild(server.app, 'Fenwick Fiction');
  plan = `child:${childId}`;
  await addUser(server.app, 'editor');
  await addUser(server.app, 'reader');
  await server.app.records.grant({ username: 'editor', childId, level: 'edit', restricted: false });
  await server.app.records.grant({ username: 'reader', childId, level: 'read', restricted: false });
  tokens.editor = await login(server.url, 'editor');
  tokens.reader = await login(server.url, 'reader');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

type Seen = { user?: { username?: string; readOnly?: boolean; color?: string }; field?: string; row?: string; cursor?: unknown };

describe('a presence flood with a read grant', () => {
  let alice: TestClient;
  let bob: TestClient;
  const flooders: WireClient[] = [];

  beforeAll(async () => {
    alice = connect(server.wsUrl, plan, tokens.editor);
    bob = connect(server.wsUrl, plan, tokens.editor);
    await Promise.all([alice.synced(), bob.synced()]);
  });

  afterAll(() => {
    alice?.destroy();
    bob?.destroy();
    for (const f of flooders) f.terminate();
  });

  it('lets through one small awareness id per connection and keeps everyone else working', async () => {
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 3; i++) {
      const wire = await WireClient.open(server.wsUrl);
      expect(await wire.authenticate(plan, tokens.reader)).toBe('readonly');
      await wire.sync(plan);
      flooders.push(wire);
    }
    // Each connection's first id, with a state carrying allowed and forbidden keys.
    const firstIds = [910_001, 920_001, 930_001];
    for (const [i, wire] of flooders.entries()) {
      wire.send(awarenessMessage(plan, [{ clientId: firstIds[i]!, clock: 1, state: { field: 'ppm.decisions', row: 'row-1', cursor: 'x'.repeat(100), user: { name: 'Forged', color: '#123456' } } }]));
    }
    let next = 1;
    const entries = (n: number, state: () => Record<string, unknown>): AwarenessEntry[] => Array.from({ length: n }, () => ({ clientId: next++, clock: 1, state: state() }));
    const started = Date.now();
    let sent = 0;
    // Two seconds: large frames of 1,000 ids, and small frames of 20 ids at 150 frames a second
    // (under the socket's message cap, so the sockets stay open), some with oversized states.
    while (Date.now() - started < 2000) {
      for (const wire of flooders) {
        wire.send(awarenessMessage(plan, entries(1000, () => ({ user: { name: 'flood' }, cursor: 'y'.repeat(50) }))));
        for (let k = 0; k < 3; k++) wire.send(awarenessMessage(plan, entries(20, () => ({ field: 'ppm', user: { name: 'flood' } }))));
        wire.send(awarenessMessage(plan, [{ clientId: firstIds[flooders.indexOf(wire)]!, clock: 2 + sent, state: { field: 'z'.repeat(PRESENCE_LIMITS.maxStateBytes) } }]));
        sent += 1061;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sent).toBeGreaterThan(100_000);
    // An edit made after the flood reaching bob marks that the flood's presence has been handled.
    appendMarker(alice.doc, 'after-the-flood');
    await alice.saved();
    await eventually(() => missingMarkers(bob.doc, ['after-the-flood']).length === 0, 'the edit after the flood to reach bob');
    await eventually(() => firstIds.every((id) => bob.provider.awareness!.getStates().has(id)), "each flooder's own presence to reach bob");
    await new Promise((r) => setTimeout(r, 300));

    const states = bob.provider.awareness!.getStates() as Map<number, Seen>;
    const others = [...states.keys()].filter((id) => id !== bob.doc.clientID && id !== alice.doc.clientID);
    expect(others.sort()).toEqual(firstIds);
    for (const id of firstIds) {
      const seen = states.get(id)!;
      // The first state is kept; the oversized ones after it were dropped.
      expect(Object.keys(seen).sort()).toEqual(['field', 'row', 'user']);
      expect(seen).toMatchObject({ field: 'ppm.decisions', row: 'row-1', user: { username: 'reader', name: 'Test reader', readOnly: true, color: '#123456' } });
    }
    // The readers were not closed, the memory grew little, and the server still answers.
    expect(flooders.map((f) => f.closed)).toEqual([undefined, undefined, undefined]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    const t = performance.now();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(1000);
  }, 60_000);

  it('lets a late joiner connect, sync, and receive only the small presence', async () => {
    const late = await WireClient.open(server.wsUrl);
    try {
      await late.authenticate(plan, tokens.reader);
      await late.sync(plan);
      await late.waitForMessage((m) => m.kind === 'awareness');
      await new Promise((r) => setTimeout(r, 200));
      expect(late.closed).toBeUndefined();
      const ids = new Set(late.messages.flatMap((m) => (m.kind === 'awareness' ? m.entries.map((e) => e.clientId) : [])));
      expect(ids.size).toBeLessThanOrEqual(5);
      expect(late.frames.reduce((n, f) => n + f.length, 0)).toBeLessThan(256 * 1024);
      appendMarker(alice.doc, 'after-the-late-joiner');
      await alice.saved();
      await eventually(() => missingMarkers(late.docs.get(plan)!, ['after-the-late-joiner']).length === 0, 'the edit to reach the late joiner');
    } finally {
      late.terminate();
    }
  });
});
