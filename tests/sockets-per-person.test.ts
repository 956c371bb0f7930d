/**
 * At most `MAX_SOCKETS_PER_PERSON` (20 by default) authenticated sockets per account, against
 * the real server on 127.0.0.1 (issue 13 item 16): a person opening 25 gets 20, the other 5 are
 * closed with 4430 too-many-connections (whose words say to close some windows); another person
 * connects and edits meanwhile; closing one of the 20 lets a new one in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLOSE, closeOf } from '../model/wire/index.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestServer } from './harness/collab.ts';
import { WireClient } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

let server: TestServer;
let plan: string;
const sockets: WireClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const childId = await addChild(server.app, 'Ashby Fiction');
  plan = `child:${childId}`;
  for (const u of ['many', 'other']) {
    await addUser(server.app, u);
    await server.app.records.grant({ username: u, childId, level: 'edit', restricted: false });
  }
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.terminate();
  await server?.stop();
});

it('keeps 20 of 25 sockets of one person and closes the rest with a named code', async () => {
  const token = await login(server.url, 'many');
  const outcomes = await Promise.all(
    Array.from({ length: 25 }, async () => {
      const wire = await WireClient.open(server.wsUrl);
      sockets.push(wire);
      try {
        await wire.authenticate(plan, token);
        return 'authenticated';
      } catch {
        return 'refused';
      }
    }),
  );
  await eventually(() => sockets.filter((s) => s.closed).length === 5, 'five sockets to be closed', 5000);
  await new Promise((r) => setTimeout(r, 300));
  expect(outcomes.filter((o) => o === 'authenticated')).toHaveLength(20);
  const closed = sockets.filter((s) => s.closed);
  expect(closed).toHaveLength(5);
  for (const s of closed) expect(s.closed).toEqual({ code: CLOSE.tooManyConnections.code, reason: 'too-many-connections' });
  expect(closeOf(4430, undefined)?.message).toMatch(/^Too many open windows/);
  expect(server.app.front.counts().open).toBe(20);

  // Someone else is unaffected: they connect and their edit is acknowledged.
  const other = connect(server.wsUrl, plan, await login(server.url, 'other'));
  try {
    await other.synced();
    appendMarker(other.doc, 'other-still-edits');
    await other.saved();
    expect(missingMarkers(other.doc, ['other-still-edits'])).toEqual([]);
  } finally {
    other.destroy();
  }
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  // Closing one of the 20 makes room for another.
  const open = sockets.find((s) => !s.closed)!;
  open.terminate();
  await eventually(() => server.app.front.counts().open === 19, 'the closed socket to be forgotten', 5000);
  const again = await WireClient.open(server.wsUrl);
  sockets.push(again);
  await again.authenticate(plan, token);
  await new Promise((r) => setTimeout(r, 200));
  expect(again.closed).toBeUndefined();
}, 60_000);
