/**
 * Issue 13, items 1 and 4, on a real server on 127.0.0.1: a plan cannot be grown past its
 * limits (docs/limits.md, "Plan size"), versions are limited and an administrator can delete one
 * (audited), one person cannot make children without end, and a control character (a NUL in a
 * name) is refused over the socket, over HTTP and in the tracker CSV import, in a dry run and a
 * real run alike, with nothing left behind. Throughout, another person's edit of another plan
 * still arrives and /healthz answers.
 *
 * The server runs with small limits (a 256 KiB plan, 3 versions, 3 children an hour) so the
 * attacks stay quick; the defaults are the same code with other numbers.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { openPlan } from '../model/open-plan.ts';
import { writeRegister } from '../model/register.ts';
import { CLOSE, planDocumentName, PLAN_LIMITS } from '../model/wire/index.ts';
import { templates } from '../templates/index.ts';
import { adminOnStore } from './harness/admin-on-store.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { updateMessage, WireClient, type Closed } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

const PLAN_BYTES = 256 * 1024;
let server: TestServer;
let amy: string;
let ben: string;
let root: string;
const clients: TestClient[] = [];
const wires: WireClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ PLAN_MAX_BYTES: String(PLAN_BYTES), VERSIONS_PER_CHILD: '3', CHILDREN_PER_HOUR: '3' });
  // Team managers may make children (CHILD_CREATOR_ROLES' default), so the hourly limit is theirs to hit.
  await addUser(server.app, 'amy', undefined, { role: 'Team Manager' });
  await addUser(server.app, 'ben', undefined, { role: 'Team Manager' });
  await addUser(server.app, 'root', undefined, { admin: true });
  [amy, ben, root] = await Promise.all([login(server.url, 'amy'), login(server.url, 'ben'), login(server.url, 'root')]);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const w of wires) w.terminate();
  await server?.stop();
});

/** A child with edit grants for the given users. */
async function childFor(name: string, ...users: string[]): Promise<string> {
  const childId = await addChild(server.app, name);
  for (const username of users) await server.app.records.grant({ username, childId, level: 'edit', restricted: false });
  return childId;
}

async function open(childId: string, token: string): Promise<TestClient> {
  const client = connect(server.wsUrl, planDocumentName(childId), token);
  clients.push(client);
  await client.synced();
  return client;
}

/** The plan of a synced client's document, opened as `writer` (the username: the update checks refuse any other writer). */
function planAs(client: TestClient | Y.Doc, writer: string) {
  const opened = openPlan(client instanceof Y.Doc ? client : client.doc, templates, liveContext(writer, 'test-edit'));
  if (!opened.ok) throw new Error(opened.message);
  return opened.plan;
}

/** Polls /healthz every 25 ms until stopped: every answer's status and the slowest time. */
function watchHealth(): { stop(): Promise<{ answers: number; failures: number; slowestMs: number }> } {
  let running = true;
  let answers = 0;
  let failures = 0;
  let slowestMs = 0;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/healthz`).catch(() => undefined);
      slowestMs = Math.max(slowestMs, performance.now() - t0);
      if (res?.status === 200) answers++;
      else failures++;
      await res?.arrayBuffer();
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { answers, failures, slowestMs };
    },
  };
}

/** Another person's edit of another plan arrives at a third connection within a few seconds. */
async function otherEditArrives(childId: string, marker: string): Promise<void> {
  const writer = await open(childId, ben);
  const reader = await open(childId, ben);
  appendMarker(writer.doc, marker);
  await eventually(() => missingMarkers(reader.doc, [marker]).length === 0, `${marker} to arrive`, 5000);
}

/**
 * A hostile client on a raw socket (no provider: it never reconnects or resends): its own copy of
 * the plan, and `send(change)`, which sends what `change` did to it as one update and resolves
 * when the server has acknowledged it (`saved`) or closed the socket (how).
 */
async function rawClient(childId: string, token: string) {
  const name = planDocumentName(childId);
  const wire = await WireClient.open(server.wsUrl);
  wires.push(wire);
  await wire.authenticate(name, token);
  const doc = await wire.sync(name);
  const send = async (change: () => void): Promise<'saved' | Closed> => {
    let update: Uint8Array | undefined;
    const grab = (u: Uint8Array, origin: unknown): void => {
      if (origin !== 'server') update = update ? Y.mergeUpdates([update, u]) : u;
    };
    doc.on('update', grab);
    change();
    doc.off('update', grab);
    const from = wire.messages.length;
    wire.send(updateMessage(name, update!));
    const acked = wire.waitForMessage((m) => m.kind === 'sync-status', from, 10_000).then(() => 'saved' as const);
    return Promise.race([acked.catch(() => wire.waitForClose(1000)), wire.waitForClose(10_000)]);
  };
  return { doc, plan: planAs(doc, 'amy'), send };
}

async function api(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a plan cannot grow past its limits', () => {
  it('refuses the update that would take a plan past its size with close 4507, the plan unchanged, others unaffected', async () => {
    const big = await childFor('Size Attack', 'amy');
    const other = await childFor('Other Plan', 'ben');
    const health = watchHealth();
    const attacker = await rawClient(big, amy);
    const plan = attacker.plan;
    const fields = plan.spec.roots.find((r) => r.name === 'introduction')!.record.fields.filter((f) => f.kind === 'text');
    const chunk = 'x'.repeat(90_000);
    let accepted = 0;
    let refused: 'saved' | Closed = 'saved';
    // Bounded: at most 6 chunks of 90,000 characters, each in its own text field (under the text limit).
    for (const field of fields.slice(0, 6)) {
      refused = await attacker.send(() => plan.transact(() => plan.introduction.text(field.id).insert(0, chunk)));
      if (refused !== 'saved') break;
      accepted++;
    }
    expect(refused).toEqual({ code: CLOSE.planLimit.code, reason: CLOSE.planLimit.reason });
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThan(fields.length);

    // The server's plan holds only what was accepted, within its limit.
    const stored = server.app.hocuspocus.documents.get(planDocumentName(big));
    const size = stored ? Y.encodeStateAsUpdate(stored).length : 0;
    expect(size).toBeLessThanOrEqual(PLAN_BYTES);
    const fresh = await open(big, amy);
    const again = planAs(fresh, 'amy');
    const filled = fields.filter((f) => again.introduction.text(f.id).length > 0).length;
    expect(filled).toBe(accepted);

    await otherEditArrives(other, 'after-size-attack');
    const h = await health.stop();
    expect(h.failures).toBe(0);
    expect(h.answers).toBeGreaterThan(0);
    expect(h.slowestMs).toBeLessThan(2000);
  }, 60_000);

  it('refuses a text field longer than the text limit with close 4507', async () => {
    const childId = await childFor('Long Text', 'amy');
    const other = await childFor('Other Plan 2', 'ben');
    const { plan, send } = await rawClient(childId, amy);
    const closed = await send(() => plan.transact(() => plan.contingency.text('contingencyPlan').insert(0, 'y'.repeat(PLAN_LIMITS.textChars + 1))));
    expect(closed).toEqual({ code: CLOSE.planLimit.code, reason: CLOSE.planLimit.reason });
    const fresh = await open(childId, amy);
    expect(planAs(fresh, 'amy').contingency.text('contingencyPlan').length).toBe(0);
    await otherEditArrives(other, 'after-long-text');
  }, 60_000);

  it('keeps at most the configured versions; an administrator deletes one, audited, and only an administrator', async () => {
    const childId = await childFor('Versions', 'amy');
    for (let i = 1; i <= 3; i++) expect((await api(`/api/children/${childId}/versions`, amy, { method: 'POST', body: JSON.stringify({ name: `PPM ${i}` }) })).status).toBe(201);
    const refused = await api(`/api/children/${childId}/versions`, amy, { method: 'POST', body: JSON.stringify({ name: 'PPM 4' }) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('version-limit');
    const listed = (await api(`/api/children/${childId}/versions`, amy)).body.versions as { id: string; name: string }[];
    expect(listed).toHaveLength(3);
    const target = listed.find((v) => v.name === 'PPM 1')!;

    expect((await api(`/api/children/${childId}/versions/${target.id}`, amy, { method: 'DELETE' })).status).toBe(403);
    const otherChild = await childFor('Not This One', 'amy');
    expect((await api(`/api/children/${otherChild}/versions/${target.id}`, root, { method: 'DELETE' })).status).toBe(404);
    const deleted = await api(`/api/children/${childId}/versions/${target.id}`, root, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toMatchObject({ id: target.id, name: 'PPM 1' });
    expect((await api(`/api/children/${childId}/versions/${target.id}`, amy)).status).toBe(404);
    expect((await api(`/api/children/${childId}/versions`, amy, { method: 'POST', body: JSON.stringify({ name: 'PPM 4' }) })).status).toBe(201);

    // The audit names who deleted which version, and the chain still holds.
    const audit = await server.app.records.auditOf(planDocumentName(childId), 50);
    expect(audit.find((e) => e.action === 'delete-version')).toMatchObject({ username: 'root', parts: [`version ${target.id}`] });
    const history = (await api(`/api/children/${childId}/history`, amy)).body.entries as { action: string }[];
    expect(history.some((e) => e.action === 'delete-version')).toBe(true);
    expect(await server.app.records.verifyAudit()).toMatchObject({ ok: true });

    // The admin command line deletes through the same audited path.
    const next = ((await api(`/api/children/${childId}/versions`, amy)).body.versions as { id: string }[])[0]!;
    const cli = adminOnStore(server.dataDir);
    try {
      const run = await cli.admin('versions', 'delete', childId, next.id, '--json');
      expect(run.code).toBe(0);
    } finally {
      cli.restore();
    }
    const after = await server.app.records.auditOf(planDocumentName(childId), 50);
    expect(after.find((e) => e.action === 'delete-version' && e.username === 'admin')).toMatchObject({ parts: [`version ${next.id}`] });
  }, 60_000);

  it('lets one person make only the configured number of children an hour; others still can', async () => {
    const make = (token: string, name: string) =>
      api('/api/children', token, { method: 'POST', body: JSON.stringify({ name, pathwayId: 'pathway-adoption', jurisdiction: 'England' }) });
    for (let i = 0; i < 3; i++) expect((await make(amy, `Made ${i}`)).status).toBe(201);
    const refused = await make(amy, 'Made 3');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('hourly-limit');
    // An import counts against the same allowance.
    const exported = await fetch(`${server.url}/api/children/${await childFor('To Copy', 'amy')}/export`, { headers: { authorization: `Bearer ${amy}` } }).then((r) => r.text());
    expect((await api('/api/children/import?copy=true', amy, { method: 'POST', body: exported })).status).toBe(429);
    expect((await make(ben, 'Ben Makes One')).status).toBe(201);
  }, 60_000);
});

describe('control characters are refused', () => {
  it('refuses a name with NUL over a real socket; the caseload index keeps the real name; others unaffected', async () => {
    const childId = await childFor('Real Name', 'amy');
    const other = await childFor('Other Plan 3', 'ben');
    const attacker = await rawClient(childId, amy);
    // The model's own writer refuses it, so write the register as a hostile client would, around it.
    expect(() => attacker.plan.child.set('name', 'Evil\u0000Name')).toThrow(/control character/);
    const closed = await attacker.send(() => writeRegister(attacker.doc.getMap('child').get('name') as Y.Map<unknown>, 'Evil\u0000Name', liveContext('amy', 'test-edit')));
    expect(closed).toEqual({ code: CLOSE.invalidUpdate.code, reason: CLOSE.invalidUpdate.reason });
    const fresh = await open(childId, amy);
    expect(planAs(fresh, 'amy').child.value('name')).toBe('Real Name');
    await otherEditArrives(other, 'after-nul-name');
    expect((await server.app.records.child(childId))?.name).toBe('Real Name');
  }, 60_000);

  it('refuses control characters in HTTP bodies', async () => {
    const made = await api('/api/children', ben, { method: 'POST', body: JSON.stringify({ name: 'Bad\u0000', pathwayId: 'pathway-adoption' }) });
    expect(made.status).toBe(400);
    expect(String(made.body.message)).toMatch(/U\+0000/);
    const childId = await childFor('Versioned', 'ben');
    expect((await api(`/api/children/${childId}/versions`, ben, { method: 'POST', body: JSON.stringify({ name: 'v\u0007' }) })).status).toBe(400);
  }, 30_000);

  it('refuses a tracker CSV with NUL in the dry run and the real run alike, creating nothing', async () => {
    const csv = join(server.dataDir, 'tracker-nul.csv');
    await writeFile(csv, 'name,pathway,dateOfBirth\nGood Child,pathway-adoption,2020-01-01\nBad\u0000Child,pathway-adoption,2021-02-02\n', 'utf8');
    const before = { children: (await server.app.records.children()).length, documents: (await server.app.log.names()).length };
    const cli = adminOnStore(server.dataDir);
    try {
      for (const args of [['--dry-run'], [], []]) {
        const run = await cli.admin('children', 'import', csv, ...args);
        expect(run.code).toBe(1);
        expect(run.err.join('\n')).toMatch(/row 3.*U\+0000/);
        expect(run.err.join('\n')).not.toContain('\u0000');
      }
    } finally {
      cli.restore();
    }
    expect((await server.app.records.children()).length).toBe(before.children);
    expect((await server.app.log.names()).length).toBe(before.documents);
  }, 30_000);
});
