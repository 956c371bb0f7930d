/**
 * The admin command line against a running server: a real server on 127.0.0.1 with SQLite in a
 * temp DATA_DIR, real @hocuspocus/provider clients, and `runAdmin` working on the same DATA_DIR
 * through its own connections (as `npm run admin` does from another process). Grants and account
 * changes made on the command line reach the server through the access version in the shared
 * store: open connections they no longer allow are closed within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { adminOnStore, type AdminOnStore } from './harness/admin-on-store.ts';
import { CLOSE } from '../model/wire/index.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';

let server: TestServer;
let store: AdminOnStore;

beforeAll(async () => {
  server = await startTestServer();
  store = adminOnStore(server.dataDir);
}, 60_000);

afterAll(async () => {
  store?.restore();
  await server?.stop();
});

const admin = (...argv: string[]) => store.admin(...argv);

/** Whether the server has closed the client's document connection. */
const closed = (c: TestClient): boolean => c.closes.length > 0 || !c.provider.isSynced || c.authFailures.length > 0;

/** Renames the child in the client's plan as `by` (the username it signed in as), a valid edit. */
function rename(c: TestClient, value: string, by: string): void {
  const name = c.doc.getMap('child').get('name') as Y.Map<unknown>;
  c.doc.transact(() => {
    for (const key of [...name.keys()]) name.delete(key);
    name.set(`w-${value.replace(/\W+/g, '-')}`, { value, by, at: new Date().toISOString() });
  });
}

/** Expects a connection to be refused outright. */
async function refused(name: string, token: string): Promise<void> {
  const c = connect(server.wsUrl, name, token);
  try {
    await expect(c.synced(5000)).rejects.toThrow();
  } finally {
    c.destroy();
  }
}

describe('admin commands against a running server', () => {
  it('`revoke` closes the open connection of that user to that child within seconds', async () => {
    await addUser(server.app, 'cli.editor');
    const childId = await addChild(server.app, 'Alex Fiction');
    const otherChild = await addChild(server.app, 'Blair Fiction');
    expect((await admin('grant', 'cli.editor', childId, 'edit')).code).toBe(0);
    expect((await admin('grant', 'cli.editor', otherChild, 'edit')).code).toBe(0);
    const token = await login(server.url, 'cli.editor');
    const revokedOne = connect(server.wsUrl, `child:${childId}`, token);
    const keptOne = connect(server.wsUrl, `child:${otherChild}`, token);
    try {
      await Promise.all([revokedOne.synced(), keptOne.synced()]);
      const revoke = await admin('revoke', 'cli.editor', childId);
      expect(revoke.code).toBe(0);
      await eventually(() => closed(revokedOne), 'the revoked connection to close', 5000);
      // The provider reports the document's close with the server's reason (the code is the socket's).
      expect(revokedOne.closes.map((c) => c.reason)).toContain(CLOSE.forbidden.reason);
      // The grant on the other child stands: that connection still stores edits.
      rename(keptOne, 'Blair Renamed', 'cli.editor');
      await keptOne.saved();
      expect(keptOne.closes).toEqual([]);
      await refused(`child:${childId}`, token);
    } finally {
      revokedOne.destroy();
      keptOne.destroy();
    }
  });

  it('`users disable` closes every open connection of that user within seconds; `users enable` lets them back', async () => {
    await addUser(server.app, 'cli.reader');
    const childId = await addChild(server.app, 'Casey Fiction');
    expect((await admin('grant', 'cli.reader', childId, 'read', '--restricted')).code).toBe(0);
    const token = await login(server.url, 'cli.reader');
    const plan = connect(server.wsUrl, `child:${childId}`, token);
    const restricted = connect(server.wsUrl, `child:${childId}:restricted`, token);
    try {
      await Promise.all([plan.synced(), restricted.synced()]);
      const disable = await admin('users', 'disable', 'cli.reader');
      expect(disable.code).toBe(0);
      await eventually(() => closed(plan) && closed(restricted), 'both connections to close', 5000);
      expect([...plan.closes, ...restricted.closes].map((c) => c.reason)).toEqual([CLOSE.unauthorized.reason, CLOSE.unauthorized.reason]);
      const signIn = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cli.reader', password: 'pw-cli.reader' }) });
      expect(signIn.ok).toBe(false);
      await refused(`child:${childId}`, token);
    } finally {
      plan.destroy();
      restricted.destroy();
    }
    expect((await admin('users', 'enable', 'cli.reader')).code).toBe(0);
    const again = connect(server.wsUrl, `child:${childId}`, await login(server.url, 'cli.reader'));
    try {
      await again.synced();
    } finally {
      again.destroy();
    }
  });

  it('a child made by `children create` while the server runs is served to the user `grant` names, and listed for them', async () => {
    await addUser(server.app, 'cli.worker');
    const made = await admin('children', 'create', '--template', 'pathway-adoption', '--name', 'Drew Fiction', '--dob', '2024-06-14', '--jurisdiction', 'England');
    expect(made.code).toBe(0);
    const childId = made.out[0]!;
    expect((await admin('grant', 'cli.worker', childId, 'edit', '--restricted')).code).toBe(0);
    const token = await login(server.url, 'cli.worker');
    const listed = (await (await fetch(`${server.url}/api/children`, { headers: { authorization: `Bearer ${token}` } })).json()) as { children: { childId: string; name: string; access: string }[] };
    expect(listed.children).toEqual([expect.objectContaining({ childId, name: 'Drew Fiction', pathwayId: 'pathway-adoption', access: 'edit' })]);

    const plan = connect(server.wsUrl, `child:${childId}`, token);
    const restricted = connect(server.wsUrl, `child:${childId}:restricted`, token);
    try {
      await Promise.all([plan.synced(), restricted.synced()]);
      const name = plan.doc.getMap('child').get('name') as Y.Map<{ value: unknown }>;
      expect([...name.values()].map((e) => e.value)).toEqual(['Drew Fiction']);
      expect(restricted.doc.getMap('meta').get('childId')).toBe(childId);
      // An edit through the server is accepted on top of what the command line stored.
      rename(plan, 'Drew Renamed', 'cli.worker');
      await plan.saved();
      expect(plan.closes).toEqual([]);
    } finally {
      plan.destroy();
      restricted.destroy();
    }
    const list = await admin('children', 'list', '--json');
    const children = (JSON.parse(list.out.join('\n')) as { children: { childId: string; grants: { username: string }[] }[] }).children;
    expect(children.find((c) => c.childId === childId)?.grants).toEqual([{ username: 'cli.worker', level: 'edit', restricted: true }]);
  });
});
