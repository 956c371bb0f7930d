/**
 * `POST /api/children/import` against a real server on 127.0.0.1 (SQLite in a temp DATA_DIR):
 * sending an export back, once or many times, no longer makes a second child of the same person.
 * It is refused with 409 and a message saying how to make a copy, nothing is stored, and the
 * caseload of the sender and of everyone else is as before; `?copy=true` imports it as a new child
 * (as `npm run admin -- import --copy` does); a plan whose child is not in the store imports as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChild, addUser, login, startTestServer, type TestServer } from './harness/collab.ts';

let server: TestServer;
let childId: string;
let otherChild: string;
let token: string;
let otherToken: string;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.app, 'importer', undefined, { role: 'Team Manager' });
  await addUser(server.app, 'bystander');
  childId = await addChild(server.app, 'Indigo Fiction');
  otherChild = await addChild(server.app, 'Juniper Fiction');
  await server.app.records.grant({ username: 'importer', childId, level: 'edit', restricted: false });
  await server.app.records.grant({ username: 'bystander', childId: otherChild, level: 'edit', restricted: false });
  token = await login(server.url, 'importer');
  otherToken = await login(server.url, 'bystander');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const auth = (t: string): Record<string, string> => ({ authorization: `Bearer ${t}` });

async function caseload(t: string): Promise<string[]> {
  const res = await fetch(`${server.url}/api/children`, { headers: auth(t) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { children: { childId: string }[] }).children.map((c) => c.childId).sort();
}

async function importPlan(plan: unknown, query = ''): Promise<{ status: number; body: { error?: string; message?: string; childId?: string } }> {
  const res = await fetch(`${server.url}/api/children/import${query}`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  return { status: res.status, body: (await res.json()) as { error?: string; message?: string; childId?: string } };
}

async function exported(): Promise<{ meta: { childId: string } }> {
  const res = await fetch(`${server.url}/api/children/${childId}/export`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return (await res.json()) as { meta: { childId: string } };
}

describe('POST /api/children/import of a child already on the board', () => {
  it('refuses an export sent back, 20 times over, with 409 and how to copy; nothing stored, every caseload as before', async () => {
    const plan = await exported();
    const mine = await caseload(token);
    const theirs = await caseload(otherToken);
    const children = (await server.app.records.children([childId, otherChild])).length;
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 20 }, () => importPlan(plan)));
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const r of replies) {
      expect(r.status).toBe(409);
      expect(r.body.error).toBe('child-exists');
      expect(r.body.message).toBe(`This plan is of child ${childId}, who is already on the board; nothing was imported. To import it as a new child with a new id, send it again with ?copy=true.`);
    }
    expect(await caseload(token)).toEqual(mine);
    expect(await caseload(otherToken)).toEqual(theirs);
    expect((await server.app.records.children([childId, otherChild])).length).toBe(children);
    // `copy=false` is the same as leaving it out; anything else is bad input, never a copy.
    expect((await importPlan(plan, '?copy=false')).status).toBe(409);
    const typo = await importPlan(plan, '?copy=yes');
    expect(typo.status).toBe(400);
    expect(typo.body.error).toBe('invalid-query');
    expect(await caseload(token)).toEqual(mine);
  });

  it('imports a copy as a new child with ?copy=true, granted to the importer only', async () => {
    const plan = await exported();
    const before = await caseload(otherToken);
    const copied = await importPlan(plan, '?copy=true');
    expect(copied.status).toBe(201);
    expect(copied.body.childId).toBeDefined();
    expect(copied.body.childId).not.toBe(childId);
    expect(await caseload(token)).toEqual([childId, copied.body.childId!].sort());
    expect(await caseload(otherToken)).toEqual(before);
  });

  it('imports a plan whose child is not in the store, as before (a new child with a new id)', async () => {
    const plan = await exported();
    const elsewhere = { ...plan, meta: { ...plan.meta, childId: 'child-not-on-this-board' } };
    const imported = await importPlan(elsewhere);
    expect(imported.status, imported.body.message).toBe(201);
    expect(imported.body.childId).not.toBe(childId);
  });
});
