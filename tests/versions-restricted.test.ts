/**
 * Named versions cover the restricted document too (issue 13, left from earlier work), on a real
 * server on 127.0.0.1 with real @hocuspocus/provider clients: saving a version saves the plan and
 * its restricted document; a person whose grant covers the restricted part sees it in the
 * version and restores both; a person without it never sees the restricted part's content in
 * any reply and restores the plan alone. Every person and address is fictional.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveContext } from '../model/context.ts';
import { restrictedRecord } from '../model/restricted.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { appendMarker, contingencyText } from './harness/plan-edits.ts';

let server: TestServer;
let childId: string;
const tokens: Record<string, string> = {};
const OLD_ADDRESS = '12 Fiction Lane, Exampleton';
const NEW_ADDRESS = '99 Other Road, Sampleford';

beforeAll(async () => {
  server = await startTestServer();
  childId = await addChild(server.app, 'Remy Fiction');
  await addUser(server.app, 'editor');
  await addUser(server.app, 'chair');
  await server.app.records.grant({ username: 'editor', childId, level: 'edit', restricted: true });
  await server.app.records.grant({ username: 'chair', childId, level: 'edit', restricted: false });
  for (const u of ['editor', 'chair']) tokens[u] = await login(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function api(user: string, path: string, method = 'GET', body?: unknown): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[user]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

function address(client: TestClient): string {
  return restrictedRecord(client.doc, liveContext('Test editor')).text('placementAddress').toString();
}

function setAddress(client: TestClient, value: string): void {
  const text = restrictedRecord(client.doc, liveContext('Test editor')).text('placementAddress');
  client.doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, value);
  });
}

it('saves and restores the restricted document with the plan, only for those granted it', { timeout: 60_000 }, async () => {
  const plan = connect(server.wsUrl, `child:${childId}`, tokens.editor);
  const restricted = connect(server.wsUrl, `child:${childId}:restricted`, tokens.editor);
  const watcher = connect(server.wsUrl, `child:${childId}`, tokens.chair);
  try {
    await Promise.all([plan.synced(), restricted.synced(), watcher.synced()]);
    appendMarker(plan.doc, 'at-the-version');
    setAddress(restricted, OLD_ADDRESS);
    await Promise.all([plan.saved(), restricted.saved()]);

    const saved = await api('chair', `/api/children/${childId}/versions`, 'POST', { name: 'PPM agreed' });
    expect(saved.status).toBe(201);
    const vid = (saved.body.version as { id: string }).id;
    // Only the plan version is listed; the restricted part is not a version of its own.
    expect(((await api('chair', `/api/children/${childId}/versions`)).body.versions as unknown[]).length).toBe(1);
    expect((await api('editor', `/api/children/${childId}/versions/${vid}.restricted`)).status).toBe(404);

    appendMarker(plan.doc, 'after-the-version');
    setAddress(restricted, NEW_ADDRESS);
    await Promise.all([plan.saved(), restricted.saved()]);

    // Viewing: the restricted part only for the editor.
    const forEditor = await api('editor', `/api/children/${childId}/versions/${vid}`);
    expect(JSON.stringify(forEditor.body.restricted)).toContain(OLD_ADDRESS);
    const forChair = await api('chair', `/api/children/${childId}/versions/${vid}`);
    expect(forChair.status).toBe(200);
    expect(forChair.body.restricted).toBeUndefined();
    expect(forChair.text).not.toContain('Fiction Lane');

    // The chair restores the plan alone; the restricted document keeps its present content.
    const byChair = await api('chair', `/api/children/${childId}/versions/${vid}/restore`, 'POST');
    expect(byChair.status, byChair.text).toBe(200);
    expect(byChair.body.restricted).toBeUndefined();
    expect(byChair.text).not.toContain('Fiction Lane');
    await eventually(() => !contingencyText(watcher.doc).toString().includes('after-the-version'), 'the plan restored for the watcher', 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(address(restricted)).toBe(NEW_ADDRESS);

    // The editor restores both.
    const byEditor = await api('editor', `/api/children/${childId}/versions/${vid}/restore`, 'POST');
    expect(byEditor.status, byEditor.text).toBe(200);
    expect(byEditor.body.restricted).toMatchObject({ changed: true });
    await eventually(() => address(restricted) === OLD_ADDRESS, 'the restricted document restored', 5000);
    await server.app.activity.settle();
    const audit = await server.app.records.auditOf(`child:${childId}:restricted`, 10);
    expect(audit[0]).toMatchObject({ username: 'editor', action: 'restore' });

    // Everyone else unaffected: the watcher's edit still arrives, /healthz answers.
    appendMarker(watcher.doc, 'after-restores');
    await eventually(() => contingencyText(plan.doc).toString().includes('after-restores'), 'the watcher edit', 5000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    plan.destroy();
    restricted.destroy();
    watcher.destroy();
  }
});
