/**
 * Scale-out: two server instances on different ports sharing one PostgreSQL database and one
 * Redis (real servers started by this test, @hocuspocus/extension-redis between the instances),
 * with real @hocuspocus/provider clients on each. Clients on both instances edit one document
 * and converge; an instance stopped and started again serves everything the other stored
 * meanwhile and overwrites nothing; an instance cut off from Redis (a stale copy) stores only its
 * own clients' changes, so nothing of the other's is overwritten, and both catch up once Redis is
 * back, without waiting for another edit; the stored log always replays to the live state; revoking a grant closes the user's
 * connections on both instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { readRegister, writeRegister } from '../model/register.ts';
import type { App } from '../sync-server/app.ts';
import { redisConnection } from '../sync-server/collab/redis-sharing.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { startPostgres, type TestPostgres } from './harness/postgres.ts';
import { startRedis, type TestRedis } from './harness/redis.ts';

/** A text field and a single-valued field (register) of the child's details. */
const TEXT = 'primaryPlanRationale';
const REGISTER = 'caseRecordId';

let postgres: TestPostgres;
let redis: TestRedis;
let env: Record<string, string>;
let a: TestServer;
let b: TestServer;
let childId: string;
let docName: string;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url };
  a = await startTestServer(env);
  b = await startTestServer(env);
  // Accounts, grants and the child are made once, through instance A, in the shared database.
  for (const user of ['ada', 'bram', 'temp-a', 'temp-b']) await addUser(a.app, user);
  childId = await addChild(a.app, 'Casey Fiction');
  docName = `child:${childId}`;
  for (const user of ['ada', 'bram', 'temp-a', 'temp-b']) await a.app.records.grant({ username: user, childId, level: 'edit', restricted: false });
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  await postgres?.stop();
});

const text = (doc: Y.Doc): Y.Text => doc.getMap('child').get(TEXT) as Y.Text;
const register = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('child').get(REGISTER) as Y.Map<unknown>;

/** What the tests compare between replicas: the text, the register's kept writes, the state vector. */
function contentOf(doc: Y.Doc): { text: string; register: string[]; state: string } {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  return {
    text: text(doc).toString(),
    register: readRegister(register(doc)).entries.map((e) => `${e.id}=${String(e.value)}`),
    state: JSON.stringify([...sv.entries()].sort(([x], [y]) => x - y)),
  };
}

/** The document as stored: the log loaded from PostgreSQL and replayed into a fresh Y.Doc. */
async function stored(app: App): Promise<Y.Doc> {
  const log = await app.log.load(docName);
  const doc = new Y.Doc();
  if (log?.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log?.updates ?? []) Y.applyUpdate(doc, u);
  return doc;
}

/**
 * Client `tag` makes edit `i`: a marker inserted at the start or the end of the text (never
 * inside another marker, so each stays whole whatever merges), and every third edit a register
 * write.
 */
function edit(client: TestClient, tag: string, i: number): void {
  // Tags with an 'a' are ada's clients, the others bram's: a value names the username it was signed in as.
  const ctx = liveContext(tag.includes('a') ? 'ada' : 'bram');
  client.doc.transact(() => {
    const t = text(client.doc);
    t.insert(i % 2 === 0 ? t.length : 0, `<${tag}${i}>`);
    if (i % 3 === 2) writeRegister(register(client.doc), `${tag}-${i}`, ctx);
  });
}

/** Every marker `<tag i>` that `edits` put in the text. */
function markers(tags: readonly string[], count: number): string[] {
  return tags.flatMap((tag) => Array.from({ length: count }, (_, i) => `<${tag}${i}>`));
}

async function converged(clients: readonly TestClient[], what: string): Promise<void> {
  await eventually(() => {
    const first = JSON.stringify(contentOf(clients[0]!.doc));
    return clients.every((c) => JSON.stringify(contentOf(c.doc)) === first);
  }, what, 20_000);
}

describe('two instances sharing PostgreSQL and Redis', () => {
  it('clients on each instance edit one document at once and converge; the stored log replays to the live state', async () => {
    const [adaToken, bramToken] = await Promise.all([login(a.url, 'ada'), login(b.url, 'bram')]);
    const clients = [connect(a.wsUrl, docName, adaToken), connect(a.wsUrl, docName, adaToken), connect(b.wsUrl, docName, bramToken), connect(b.wsUrl, docName, bramToken)];
    const tags = ['a1', 'a2', 'b1', 'b2'];
    const perClient = 30;
    try {
      await Promise.all(clients.map((c) => c.synced()));
      expect(a.app.hocuspocus.documents.has(docName)).toBe(true);
      expect(b.app.hocuspocus.documents.has(docName)).toBe(true);
      // Concurrent edits: each client edits in turn without waiting for the others' edits to arrive.
      for (let i = 0; i < perClient; i++) {
        clients.forEach((c, k) => edit(c, tags[k]!, i));
        if (i % 5 === 4) await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all(clients.map((c) => c.saved(20_000)));
      await converged(clients, 'all four clients to converge');

      const live = contentOf(clients[0]!.doc);
      for (const m of markers(tags, perClient)) expect(live.text).toContain(m);
      // Concurrent register writes are kept (as a conflict when they overlapped), the same everywhere; a later write clears them.
      expect(live.register.length).toBeGreaterThanOrEqual(1);
      for (const entry of live.register) expect(entry).toMatch(/=(a1|a2|b1|b2)-\d+$/);
      writeRegister(register(clients[2]!.doc), 'settled-on-b', liveContext('bram'));
      await clients[2]!.saved();
      await converged(clients, 'the settling write to reach every client');
      expect(readRegister(register(clients[0]!.doc))).toMatchObject({ value: 'settled-on-b', conflicts: [] });

      // Both instances hold the same document, and so does the log each reads from PostgreSQL.
      const onA = a.app.hocuspocus.documents.get(docName)!;
      const onB = b.app.hocuspocus.documents.get(docName)!;
      expect(contentOf(onA)).toEqual(contentOf(clients[0]!.doc));
      expect(contentOf(onB)).toEqual(contentOf(clients[0]!.doc));
      expect(contentOf(await stored(a.app))).toEqual(contentOf(clients[0]!.doc));
      expect(contentOf(await stored(b.app))).toEqual(contentOf(clients[0]!.doc));
    } finally {
      for (const c of clients) c.destroy();
    }
  });

  it('an instance stopped while the other keeps editing comes back with everything, and overwrites nothing', async () => {
    const [adaToken, bramToken] = await Promise.all([login(a.url, 'ada'), login(b.url, 'bram')]);
    const onA = connect(a.wsUrl, docName, adaToken);
    const onB = connect(b.wsUrl, docName, bramToken);
    let back: TestClient | undefined;
    try {
      await Promise.all([onA.synced(), onB.synced()]);
      for (let i = 0; i < 10; i++) {
        edit(onA, 'sa', i);
        edit(onB, 'sb', i);
      }
      await Promise.all([onA.saved(), onB.saved()]);
      await converged([onA, onB], 'edits before the stop to converge');
      const beforeStop = text(onA.doc).toString();

      // Instance A stops (saving everything); B goes on alone.
      await a.stop();
      await eventually(() => !onA.provider.isSynced || onA.closes.length > 0, 'the client of A to see its server go');
      onA.destroy();
      for (let i = 10; i < 40; i++) edit(onB, 'sb', i);
      writeRegister(register(onB.doc), 'written-while-a-was-down', liveContext('bram'));
      await onB.saved();
      const whileDown = contentOf(onB.doc);
      expect(whileDown.text).not.toBe(beforeStop); // B really changed it

      // A starts again on the same database and Redis; a client there sees all of B's edits.
      a = await startTestServer(env);
      back = connect(a.wsUrl, docName, await login(a.url, 'ada'));
      await back.synced();
      expect(contentOf(back.doc)).toEqual(whileDown);
      for (const m of markers(['sb'], 40)) expect(text(back.doc).toString()).toContain(m);
      expect(readRegister(register(back.doc)).value).toBe('written-while-a-was-down');

      // Editing continues on both; nothing of B's is lost and both converge.
      for (let i = 0; i < 10; i++) {
        edit(back, 'ra', i);
        edit(onB, 'rb', i);
      }
      await Promise.all([back.saved(), onB.saved()]);
      await converged([back, onB], 'the restarted instance and the other to converge');
      const final = contentOf(onB.doc);
      for (const m of [...markers(['sa', 'ra', 'rb'], 10), ...markers(['sb'], 40)]) expect(final.text).toContain(m);
      expect(contentOf(await stored(a.app))).toEqual(final);
      expect(contentOf(await stored(b.app))).toEqual(final);
    } finally {
      onA.destroy();
      onB.destroy();
      back?.destroy();
    }
  });

  it('an instance cut off from Redis serves a stale copy, yet its writes overwrite nothing, and both catch up once Redis is back', async () => {
    const [adaToken, bramToken] = await Promise.all([login(a.url, 'ada'), login(b.url, 'bram')]);
    const onA = connect(a.wsUrl, docName, adaToken);
    const onB = connect(b.wsUrl, docName, bramToken);
    try {
      await Promise.all([onA.synced(), onB.synced()]);
      await converged([onA, onB], 'both clients to start from the same state');

      // Redis goes away: each instance now only knows its own clients' edits.
      const port = redis.port;
      await redis.stop();
      for (let i = 0; i < 10; i++) {
        edit(onA, 'pa', i);
        edit(onB, 'pb', i);
      }
      writeRegister(register(onA.doc), 'written-on-a-cut-off', liveContext('ada'));
      await Promise.all([onA.saved(), onB.saved()]);
      expect(text(onA.doc).toString()).not.toContain('<pb0>');
      expect(text(onB.doc).toString()).not.toContain('<pa0>');

      // The store holds both sides' edits: the stale instance appended only its own changes.
      const meanwhile = text(await stored(b.app)).toString();
      for (const m of markers(['pa', 'pb'], 10)) expect(meanwhile).toContain(m);

      // Redis comes back where it was: the instances catch up with no further edit.
      redis = await startRedis({ port });
      await converged([onA, onB], 'the instances to catch up once Redis is back');
      for (const m of markers(['pa', 'pb'], 10)) expect(text(onA.doc).toString()).toContain(m);
      // And they share edits again.
      edit(onA, 'pa', 10);
      edit(onB, 'pb', 10);
      await Promise.all([onA.saved(), onB.saved()]);
      await converged([onA, onB], 'edits after the outage to reach both');
      const final = contentOf(onA.doc);
      for (const m of markers(['pa', 'pb'], 11)) expect(final.text).toContain(m);
      // The register was written on both sides while cut off: both writes are kept, as a conflict.
      expect(readRegister(register(onB.doc)).entries.map((e) => e.value)).toEqual(expect.arrayContaining(['written-on-a-cut-off', 'pb-8']));
      expect(contentOf(await stored(a.app))).toEqual(final);
    } finally {
      onA.destroy();
      onB.destroy();
    }
  });

  it('revoking a grant closes the user’s connections on both instances', async () => {
    const onA = connect(a.wsUrl, docName, await login(a.url, 'temp-a'));
    const onB = connect(b.wsUrl, docName, await login(b.url, 'temp-a'));
    const bystander = connect(b.wsUrl, docName, await login(b.url, 'temp-b'));
    try {
      await Promise.all([onA.synced(), onB.synced(), bystander.synced()]);
      // Revoked through instance B's records: A learns of it from the shared database.
      expect(await b.app.records.revoke('temp-a', childId)).toBe(true);
      // Hocuspocus closes one document of a multiplexed socket with a message carrying the reason.
      const forbidden = (c: TestClient): boolean => c.closes.some((e) => e.reason === 'forbidden');
      await eventually(() => forbidden(onA) && forbidden(onB), 'both connections to close as forbidden', 10_000);
      expect(bystander.closes).toEqual([]);
      expect(bystander.provider.isSynced).toBe(true);
    } finally {
      onA.destroy();
      onB.destroy();
      bystander.destroy();
    }
  });
});

describe('REDIS_URL', () => {
  it('passes host, port, user, password (percent-decoded), database and TLS on to the Redis connection', () => {
    expect(redisConnection('redis://127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380, options: {} });
    expect(redisConnection('rediss://board:p%40ss@cache.example.org/2')).toEqual({
      host: 'cache.example.org',
      port: 6379,
      options: { username: 'board', password: 'p@ss', db: 2, tls: {} },
    });
    expect(redisConnection('redis://:secret@[::1]:7000')).toEqual({ host: '::1', port: 7000, options: { password: 'secret' } });
  });
});
