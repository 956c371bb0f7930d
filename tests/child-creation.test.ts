/**
 * Issue 13 item 14, on a real server on 127.0.0.1 over real HTTP: creating and importing a child
 * is for the roles allowed to (team managers and administrators by default, `CHILD_CREATOR_ROLES`
 * otherwise); a copy of a plan never carries its restricted part nor a grant beyond the
 * importer's own on the source; a likely duplicate (same name and date of birth) answers 409
 * unless `confirmDuplicate: true`. A burst of refused creations leaves the board and another
 * person's live edit unaffected. Every person is fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { restrictedRecord } from '../model/restricted.ts';
import { restrictedDocumentName } from '../model/wire/index.ts';
import { appendMarker, contingencyText } from './harness/plan-edits.ts';
import { addUser, connect, eventually, login, startTestServer, type TestServer } from './harness/collab.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
let source: string;

async function api(user: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[user]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const KIT = { name: 'Kit Fiction', pathwayId: 'pathway-adoption', dateOfBirth: '2024-06-14', jurisdiction: 'England' };

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.app, 'manager', undefined, { role: 'Team Manager' });
  await addUser(server.app, 'reading.manager', undefined, { role: 'team  manager' });
  await addUser(server.app, 'outside.manager', undefined, { role: 'Team Manager' });
  await addUser(server.app, 'worker');
  await addUser(server.app, 'admin', undefined, { admin: true });
  for (const u of ['manager', 'reading.manager', 'outside.manager', 'worker', 'admin']) tokens[u] = await login(server.url, u);
  const made = await api('manager', '/api/children', KIT);
  expect(made.status).toBe(201);
  source = made.body.childId as string;
  await server.app.records.grant({ username: 'reading.manager', childId: source, level: 'read', restricted: false });
  await server.app.records.grant({ username: 'worker', childId: source, level: 'edit', restricted: true });
  // The source's restricted part holds a placement address.
  const connection = await server.app.hocuspocus.openDirectConnection(restrictedDocumentName(source), { username: 'manager' });
  await connection.transact((doc) => restrictedRecord(doc, liveContext('Test manager')).text('placementAddress').insert(0, '12 Fiction Lane'));
  await connection.disconnect();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('creating and importing children', { timeout: 60_000 }, () => {
  it('only team managers and administrators may create or import; a burst of refusals leaves everyone else unaffected', async () => {
    const exported = (await api('worker', `/api/children/${source}/export`)).body;
    const editor = connect(server.wsUrl, `child:${source}`, tokens.worker);
    await editor.synced();
    const started = Date.now();
    const refusals = await Promise.all(Array.from({ length: 50 }, (_, i) => api('worker', i % 2 ? '/api/children' : '/api/children/import', i % 2 ? { ...KIT, name: `Burst ${i}` } : exported)));
    expect(refusals.map((r) => r.status)).toEqual(Array(50).fill(403));
    expect(refusals[0]!.body.message).toMatch(/Team Manager/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await api('worker', '/api/children')).body.children).toHaveLength(1);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // Another person's live edit still arrives.
    const watcher = connect(server.wsUrl, `child:${source}`, tokens.manager);
    await watcher.synced();
    appendMarker(editor.doc, 'after-the-burst');
    await eventually(() => contingencyText(watcher.doc).toString().includes('after-the-burst'), 'the edit after the burst', 5000);
    editor.destroy();
    watcher.destroy();
    const admin = await api('admin', '/api/children', { name: 'Ash Fiction', pathwayId: 'pathway-adoption' });
    expect(admin.status).toBe(201);
  });

  it('refuses a likely duplicate with 409 unless confirmed', async () => {
    const again = await api('manager', '/api/children', { ...KIT, name: '  kit   FICTION ' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('likely-duplicate');
    expect(again.body.message).toMatch(/confirmDuplicate/);
    const twins = await Promise.all([api('manager', '/api/children', { ...KIT, name: 'Lee Fiction' }), api('manager', '/api/children', { ...KIT, name: 'Lee Fiction' })]);
    expect(twins.map((t) => t.status).sort()).toEqual([201, 409]);
    expect((await api('manager', '/api/children', { ...KIT, dateOfBirth: '2024-06-15' })).status).toBe(201);
    const confirmed = await api('manager', '/api/children', { ...KIT, confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
  });

  it('a copy never carries the restricted part nor a grant beyond the importer’s own on the source', async () => {
    const exported = (await api('reading.manager', `/api/children/${source}/export`)).body;
    expect(JSON.stringify(exported)).not.toContain('Fiction Lane');
    const unconfirmed = await api('reading.manager', '/api/children/import', exported);
    expect(unconfirmed.status).toBe(409);
    // Asking for a copy (of a child on the board) confirms the likely duplicate it is.
    const copy = await api('reading.manager', '/api/children/import?copy=true', exported);
    expect(copy.status).toBe(201);
    const copyId = copy.body.childId as string;
    const grant = await server.app.records.grantFor('reading.manager', copyId);
    expect(grant).toMatchObject({ level: 'read', restricted: false });
    const asCopy = (await api('reading.manager', '/api/children')).body.children as { childId: string; access: string; restricted: boolean }[];
    expect(asCopy.find((c) => c.childId === copyId)).toMatchObject({ access: 'read', restricted: false });
    const restricted = await server.app.plans.read(restrictedDocumentName(copyId));
    expect(JSON.stringify(restricted!.getMap('restricted').toJSON())).not.toContain('Fiction Lane');
    expect(Y.encodeStateAsUpdate(restricted!).length).toBeGreaterThan(0);
    // No grant on a known source: no copy at all.
    const outsider = await api('outside.manager', '/api/children/import?copy=true', exported);
    expect(outsider.status).toBe(403);
    // A plan from elsewhere (unknown to this server) gives its importer edit.
    const foreign = { ...exported, meta: { ...(exported.meta as object), childId: 'c0ffee00-0000-4000-8000-000000000000' } };
    const fromElsewhere = await api('outside.manager', '/api/children/import', { ...foreign, confirmDuplicate: true });
    expect(fromElsewhere.status, JSON.stringify(fromElsewhere.body)).toBe(201);
    expect(await server.app.records.grantFor('outside.manager', fromElsewhere.body.childId as string)).toMatchObject({ level: 'edit' });
  });
});
