/**
 * The sync server as clients meet it: a real server on 127.0.0.1 with SQLite in a temp folder,
 * real @hocuspocus/provider clients over real WebSockets, no mocks.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { issueToken } from '../sync-server/auth/tokens.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestServer } from './harness/collab.ts';

let server: TestServer;
let childA: string;
let childB: string;

beforeAll(async () => {
  server = await startTestServer();
  childA = await addChild(server.app, 'Alex Fiction');
  childB = await addChild(server.app, 'Blair Fiction');
  await addUser(server.app, 'editor');
  await addUser(server.app, 'reader');
  await addUser(server.app, 'outsider');
  await server.app.records.grant({ username: 'editor', childId: childA, level: 'edit', restricted: true });
  await server.app.records.grant({ username: 'reader', childId: childA, level: 'read', restricted: false });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const childName = (doc: Y.Doc): unknown => {
  const reg = doc.getMap('child').get('name') as Y.Map<{ value: unknown }> | undefined;
  return reg ? [...reg.values()].map((e) => e.value) : undefined;
};

describe('signing in', () => {
  it('returns a token for the right password and a clear error otherwise', async () => {
    const token = await login(server.url, 'editor');
    expect(token.split('.')).toHaveLength(3);
    const bad = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'editor', password: 'wrong' }) });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { message: string }).message).toMatch(/username or password/);
    const junk = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": 1}' });
    expect(junk.status).toBe(400);
  });

  it('lists only the children a user may see', async () => {
    const token = await login(server.url, 'editor');
    const res = await fetch(`${server.url}/api/children`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { children: { childId: string; name: string; pathwayId: string; rating: string }[] };
    expect(body.children.map((c) => c.childId)).toEqual([childA]);
    expect(body.children[0]).toMatchObject({ name: 'Alex Fiction', pathwayId: 'pathway-adoption' });
    const none = await fetch(`${server.url}/api/children`);
    expect(none.status).toBe(401);
  });
});

describe('editing together', () => {
  it('an edit reaches the other client and is acknowledged once stored', async () => {
    const token = await login(server.url, 'editor');
    const a = connect(server.wsUrl, `child:${childA}`, token);
    const b = connect(server.wsUrl, `child:${childA}`, token);
    try {
      await Promise.all([a.synced(), b.synced()]);
      expect(childName(a.doc)).toEqual(['Alex Fiction']);
      a.doc.transact(() => {
        const reg = a.doc.getMap('child').get('name') as Y.Map<unknown>;
        for (const key of [...reg.keys()]) reg.delete(key);
        reg.set('w-test-1', { value: 'Alex Renamed', by: 'editor', at: new Date().toISOString() });
      });
      await a.saved();
      await eventually(() => JSON.stringify(childName(b.doc)) === JSON.stringify(['Alex Renamed']), 'the edit to reach b');
      const stored = await server.app.log.load(`child:${childA}`);
      const check = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(check, stored.snapshot);
      for (const u of stored?.updates ?? []) Y.applyUpdate(check, u);
      expect(childName(check)).toEqual(['Alex Renamed']);
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('a read connection can never change a document, and nothing it sends reaches others', async () => {
    const readerToken = await login(server.url, 'reader');
    const editorToken = await login(server.url, 'editor');
    const r = connect(server.wsUrl, `child:${childA}`, readerToken);
    const e = connect(server.wsUrl, `child:${childA}`, editorToken);
    try {
      await Promise.all([r.synced(), e.synced()]);
      r.doc.getArray('ppms').push([new Y.Map()]);
      await new Promise((res) => setTimeout(res, 500));
      expect(e.doc.getArray('ppms').length).toBe(0);
      const stored = await server.app.log.load(`child:${childA}`);
      const check = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(check, stored.snapshot);
      for (const u of stored?.updates ?? []) Y.applyUpdate(check, u);
      expect(check.getArray('ppms').length).toBe(0);
    } finally {
      r.destroy();
      e.destroy();
    }
  });
});

describe('who gets in', () => {
  const refused = async (name: string, token: string | undefined): Promise<void> => {
    const c = connect(server.wsUrl, name, token);
    try {
      await expect(c.synced(5000)).rejects.toThrow();
      expect(c.doc.getMap('child').size).toBe(0);
    } finally {
      c.destroy();
    }
  };

  it('refuses no token, an expired token, a forged signature and alg none', async () => {
    const good = await login(server.url, 'editor');
    const [h, p] = good.split('.');
    await refused(`child:${childA}`, undefined);
    await refused(`child:${childA}`, await issueToken(new TextEncoder().encode('x'.repeat(32)), 'editor'));
    await refused(`child:${childA}`, `${h}.${p}.AAAA`);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    await refused(`child:${childA}`, none);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('editor').setExpirationTime(1).sign(new Uint8Array(32));
    await refused(`child:${childA}`, expired);
  });

  it("refuses another child's document, the restricted part without a restricted grant, and odd names", async () => {
    const reader = await login(server.url, 'reader');
    const outsider = await login(server.url, 'outsider');
    await refused(`child:${childB}`, reader);
    await refused(`child:${childA}`, outsider);
    await refused(`child:${childA}:restricted`, reader);
    for (const name of ['', 'x'.repeat(5000), `child:../${childA}`, `child:${childA}\u0000`, `child:${childA}\n`, 'plan:1', `child:${childA}:other`]) {
      await refused(name, reader);
    }
  });

  it('lets an editor with a restricted grant open the restricted part', async () => {
    const c = connect(server.wsUrl, `child:${childA}:restricted`, await login(server.url, 'editor'));
    try {
      await c.synced();
      expect(c.doc.getMap('meta').get('childId')).toBe(childA);
    } finally {
      c.destroy();
    }
  });

  it('closes a connection within seconds of its grant being revoked', async () => {
    await addUser(server.app, 'temporary');
    await server.app.records.grant({ username: 'temporary', childId: childA, level: 'edit', restricted: false });
    const c = connect(server.wsUrl, `child:${childA}`, await login(server.url, 'temporary'));
    try {
      await c.synced();
      const revokedAt = Date.now();
      await server.app.records.revoke('temporary', childA);
      await eventually(() => c.closes.length > 0 || !c.provider.isSynced || c.authFailures.length > 0, 'the connection to close', 5000);
      expect(Date.now() - revokedAt).toBeLessThan(5000);
    } finally {
      c.destroy();
    }
  });
});

describe('bad input', () => {
  it('survives garbage frames and an oversized frame, and stays responsive', async () => {
    for (const frame of [Buffer.from([0xff, 0xff, 0xff]), Buffer.alloc(0), Buffer.from('hello'), Buffer.alloc(3 * 1024 * 1024, 1)]) {
      const ws = new WebSocket(server.wsUrl);
      await new Promise<void>((resolve) => {
        ws.on('open', () => ws.send(frame));
        ws.on('close', () => resolve());
        ws.on('error', () => resolve());
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1500);
      });
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('documents only the server creates', () => {
  it('refuses a connection to a child document that was never created, even with a grant', async () => {
    await server.app.records.grant({ username: 'editor', childId: 'cnotcreated', level: 'edit', restricted: true });
    const c = connect(server.wsUrl, 'child:cnotcreated', await login(server.url, 'editor'));
    try {
      await expect(c.synced(3000)).rejects.toThrow();
      expect(await server.app.log.load('child:cnotcreated')).toBeNull();
    } finally {
      c.destroy();
    }
  });
});
