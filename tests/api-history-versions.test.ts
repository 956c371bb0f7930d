/**
 * The history, named versions and calendar feeds of the HTTP API as clients meet them: a real
 * server on 127.0.0.1 with SQLite in a temp folder, edits made by real @hocuspocus/provider
 * clients, requests over real HTTP. Every person is fictional.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { exportDoc, type DocJson } from '../model/doc-json.ts';
import { Plan } from '../model/plan.ts';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';

let server: TestServer;
let childA: string;
let childB: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  childA = await addChild(server.app, 'Alex Fiction');
  childB = await addChild(server.app, 'Blair Fiction');
  await addUser(server.app, 'editor');
  await addUser(server.app, 'chair');
  await addUser(server.app, 'reader');
  await addUser(server.app, 'outsider');
  await addUser(server.app, 'auditor', undefined, { admin: true });
  await server.app.records.grant({ username: 'editor', childId: childA, level: 'edit', restricted: true });
  await server.app.records.grant({ username: 'chair', childId: childA, level: 'edit', restricted: false });
  await server.app.records.grant({ username: 'reader', childId: childA, level: 'read', restricted: false });
  for (const u of ['editor', 'chair', 'reader', 'outsider', 'auditor']) tokens[u] = await login(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** A request as `user` (undefined: no token); JSON bodies are sent as JSON. */
async function api(user: string | undefined, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown; res: Response }> {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${tokens[user]}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: an .ics feed or a page
  }
  return { status: res.status, body, res };
}

/** A client's typed plan, writing as `actor` (the username it signed in as: the server refuses any other). */
function planOfClient(client: TestClient, actor: string): Plan {
  return new Plan(client.doc, planOf(client.doc)!.spec, liveContext(actor, `client-${actor}`));
}

interface HistoryBody {
  entries: { seq: number; action: string; document: string; user: { username: string; name: string; role: string | null }; parts: { part: string; label: string }[]; bytes: number }[];
  next: number | null;
}

describe('history', () => {
  it('says who changed which part when, with names, roles and labels; restricted entries only for a restricted grant', async () => {
    const plan = connect(server.wsUrl, `child:${childA}`, tokens.editor);
    const restricted = connect(server.wsUrl, `child:${childA}:restricted`, tokens.editor);
    try {
      await Promise.all([plan.synced(), restricted.synced()]);
      planOfClient(plan, 'editor').child.set('dateOfBirth', '2024-06-14');
      restricted.doc.transact(() => (restricted.doc.getMap('restricted').get('placementAddress') as Y.Text).insert(0, '1 Fictional Road'));
      await Promise.all([plan.saved(), restricted.saved()]);
    } finally {
      plan.destroy();
      restricted.destroy();
    }
    await server.app.activity.settle();

    const full = await api('editor', `/api/children/${childA}/history`);
    expect(full.status).toBe(200);
    const entries = (full.body as HistoryBody).entries;
    const edit = entries.find((e) => e.action === 'edit' && e.document === 'plan')!;
    expect(edit.user).toEqual({ username: 'editor', name: 'Test editor', role: 'Social Worker', organisation: 'Test Team' });
    expect(edit.parts).toEqual([{ part: 'child', label: "Child's details" }]);
    expect(edit.bytes).toBeGreaterThan(0);
    expect(entries.some((e) => e.document === 'restricted' && e.action === 'edit' && e.parts[0]?.label === 'Restricted details')).toBe(true);
    const created = entries.find((e) => e.action === 'create' && e.document === 'plan')!;
    expect(created.parts.map((p) => p.label)).toContain('Plan information');
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));

    const forReader = (await api('reader', `/api/children/${childA}/history`)).body as HistoryBody;
    expect(forReader.entries.length).toBeGreaterThan(0);
    expect(forReader.entries.every((e) => e.document === 'plan')).toBe(true);
    expect(forReader.entries.map((e) => e.seq)).toEqual(entries.filter((e) => e.document === 'plan').map((e) => e.seq));
  });

  it('pages with limit and before, and explains a bad query', async () => {
    const first = (await api('editor', `/api/children/${childA}/history?limit=1`)).body as HistoryBody;
    expect(first.entries).toHaveLength(1);
    expect(first.next).toBe(first.entries[0]!.seq);
    const second = (await api('editor', `/api/children/${childA}/history?limit=1&before=${first.next}`)).body as HistoryBody;
    expect(second.entries[0]!.seq).toBeLessThan(first.entries[0]!.seq);
    const bad = await api('editor', `/api/children/${childA}/history?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid-query' });
    expect((bad.body as { message: string }).message).toMatch(/limit must be a whole number from 1 to 1000/);
  });

  it('is refused without a token, and to someone without access', async () => {
    expect((await api(undefined, `/api/children/${childA}/history`)).status).toBe(401);
    expect((await api('outsider', `/api/children/${childA}/history`)).status).toBe(404);
    expect((await api('editor', `/api/children/${childB}/history`)).status).toBe(404);
  });

  it('lets an administrator verify the audit chain, and no one else', async () => {
    const ok = await api('auditor', '/api/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true });
    expect((ok.body as { entries: number }).entries).toBeGreaterThan(3);
    const refused = await api('editor', '/api/audit/verify');
    expect(refused.status).toBe(403);
    expect((refused.body as { message: string }).message).toMatch(/administrator/);
  });
});

describe('named versions', () => {
  it('are saved by editors only, with a name of 1 to 200 characters', async () => {
    expect((await api('reader', `/api/children/${childA}/versions`, { method: 'POST', body: { name: 'Not mine to save' } })).status).toBe(403);
    expect((await api('outsider', `/api/children/${childA}/versions`, { method: 'POST', body: { name: 'x' } })).status).toBe(404);
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 'line\nbreak' }, {}, { name: 'ok', extra: 1 }]) {
      const res = await api('editor', `/api/children/${childA}/versions`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid-body' });
    }
    const res = await fetch(`${server.url}/api/children/${childA}/versions`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` }, body: 'name=x' });
    expect(res.status).toBe(415);
  });

  it('restore as a new change: content equal to the version, history kept, the restore audited and received live', async () => {
    const editor = connect(server.wsUrl, `child:${childA}`, tokens.editor);
    const watcher = connect(server.wsUrl, `child:${childA}`, tokens.reader);
    try {
      await Promise.all([editor.synced(), watcher.synced()]);
      const plan = planOfClient(editor, 'editor');
      const meetingId = plan.addMeeting({ meetingDate: '2026-11-03', meetingType: 'Permanence Care Planning Meeting' });
      const meeting = plan.ppms.row(meetingId)!;
      const decisions = meeting.table('decisions');
      const kept = decisions.insert({ targetDate: '2026-12-01' });
      decisions.row(kept)!.replaceText('decision', 'Start family finding');
      meeting.replaceText('childView', 'Alex likes the garden.');
      plan.child.set('name', 'Alex One');
      await editor.saved();

      const saved = await api('editor', `/api/children/${childA}/versions`, { method: 'POST', body: { name: '  PPM 2026-11-03, minutes agreed  ' } });
      expect(saved.status).toBe(201);
      const version = (saved.body as { version: { id: string; name: string; createdBy: { name: string } } }).version;
      expect(version).toMatchObject({ name: 'PPM 2026-11-03, minutes agreed', createdBy: { name: 'Test editor' } });
      const atVersion = exportDoc(editor.doc, plan.spec);

      plan.child.set('name', 'Alex Two');
      decisions.remove(kept);
      decisions.insert({ targetDate: '2027-01-10' });
      meeting.replaceText('childView', 'Alex wants to stay near school.');
      plan.addMeeting({ meetingDate: '2026-12-15' });
      await editor.saved();
      const second = await api('editor', `/api/children/${childA}/versions`, { method: 'POST', body: { name: 'After the December meeting' } });
      expect(second.status).toBe(201);
      await server.app.activity.settle();
      const before = (await api('editor', `/api/children/${childA}/history?limit=1000`)).body as HistoryBody;

      const list = await api('reader', `/api/children/${childA}/versions`);
      expect((list.body as { versions: { name: string }[] }).versions.map((v) => v.name)).toEqual(['After the December meeting', 'PPM 2026-11-03, minutes agreed']);
      const viewed = await api('reader', `/api/children/${childA}/versions/${version.id}`);
      expect(viewed.status).toBe(200);
      expect((viewed.body as { plan: DocJson }).plan).toEqual(atVersion);
      expect((await api('reader', `/api/children/${childA}/versions/${version.id}/restore`, { method: 'POST' })).status).toBe(403);

      const restored = await api('chair', `/api/children/${childA}/versions/${version.id}/restore`, { method: 'POST' });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ changed: true, restored: { id: version.id } });

      // Durable before the answer: the stored log alone holds the version's content.
      const stored = await server.app.log.load(`child:${childA}`);
      const fromDisk = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(fromDisk, stored.snapshot);
      for (const u of stored?.updates ?? []) Y.applyUpdate(fromDisk, u);
      expect(exportDoc(fromDisk, plan.spec)).toEqual(atVersion);
      expect((await api('chair', `/api/children/${childA}/export`)).body).toEqual(atVersion);
      // Connected clients receive it live, the read-only one included.
      await eventually(() => JSON.stringify(exportDoc(watcher.doc, plan.spec)) === JSON.stringify(atVersion), 'the restore to reach the watcher');
      await eventually(() => JSON.stringify(exportDoc(editor.doc, plan.spec)) === JSON.stringify(atVersion), 'the restore to reach the editor');

      // The history keeps every earlier entry and adds the restore by the chair.
      let after: HistoryBody | undefined;
      await eventually(async () => {
        after = (await api('editor', `/api/children/${childA}/history?limit=1000`)).body as HistoryBody;
        return after.entries.some((e) => e.action === 'restore');
      }, 'the restore in the history');
      const restore = after!.entries[0]!;
      expect(restore).toMatchObject({ action: 'restore', document: 'plan', user: { username: 'chair', name: 'Test chair' } });
      expect(restore.parts.map((p) => p.part)).toEqual(expect.arrayContaining(['child', 'ppms']));
      expect(after!.entries.slice(1).map((e) => e.seq)).toEqual(before.entries.map((e) => e.seq));
      // The later version is still there, and restoring it again brings the later content back.
      const again = await api('chair', `/api/children/${childA}/versions/${(second.body as { version: { id: string } }).version.id}/restore`, { method: 'POST' });
      expect(again.body).toMatchObject({ changed: true });
      await eventually(() => planOfClient(watcher, 'x').child.value('name') === 'Alex Two', 'the second restore to reach the watcher');
      const same = await api('chair', `/api/children/${childA}/versions/${(second.body as { version: { id: string } }).version.id}/restore`, { method: 'POST' });
      expect(same.body).toMatchObject({ changed: false });
      expect((await api('auditor', '/api/audit/verify')).body).toMatchObject({ ok: true });
      // Editing goes on after a restore: the update checks accept edits made on top of it.
      planOfClient(editor, 'editor').child.set('name', 'Alex Three');
      await editor.saved();
      await eventually(() => planOfClient(watcher, 'x').child.value('name') === 'Alex Three', 'an edit after the restore to reach the watcher');
      expect(editor.closes).toEqual([]);
    } finally {
      editor.destroy();
      watcher.destroy();
    }
  });

  it("are not found under another child's id or by a made-up id", async () => {
    const list = (await api('editor', `/api/children/${childA}/versions`)).body as { versions: { id: string }[] };
    const id = list.versions[0]!.id;
    await server.app.records.grant({ username: 'editor', childId: childB, level: 'edit', restricted: false });
    expect((await api('editor', `/api/children/${childB}/versions/${id}`)).status).toBe(404);
    expect((await api('editor', `/api/children/${childB}/versions/${id}/restore`, { method: 'POST' })).status).toBe(404);
    expect((await api('editor', `/api/children/${childA}/versions/${'z'.repeat(500)}`)).status).toBe(404);
    expect((await api('editor', `/api/children/${childA}/versions/nope/minutes`)).status).toBe(404);
    await server.app.records.revoke('editor', childB);
  });
});

describe('calendar feeds', () => {
  const events = (text: string): ICAL.Event[] =>
    new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

  it('give each user a feed address with a key that works without a token', async () => {
    const url = await api('reader', '/api/me/calendar-url');
    expect(url.status).toBe(200);
    const { url: feed, childUrl } = url.body as { url: string; childUrl: string };
    expect(feed).toMatch(new RegExp(`^${server.url}/api/calendar\\.ics\\?key=reader\\.`));
    expect((await api('reader', '/api/me/calendar-url')).body).toEqual(url.body);

    const res = await fetch(feed);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const parsed = events(text);
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.every((e) => e.uid.startsWith(`${childA}-`))).toBe(true);
    expect(parsed.every((e) => e.summary.startsWith('Alex'))).toBe(true);

    const child = await fetch(childUrl.replace('{childId}', childA));
    expect(child.status).toBe(200);
    expect(events(await child.text()).map((e) => e.uid).sort()).toEqual(parsed.map((e) => e.uid).sort());
    const other = await fetch(childUrl.replace('{childId}', childB));
    expect(other.status).toBe(404);
  });

  it('take a bearer token instead, and refuse a wrong key, no credentials, or a disabled account (whose key a disable revokes)', async () => {
    const withToken = await api('editor', `/api/children/${childA}/calendar.ics`);
    expect(withToken.status).toBe(200);
    expect(withToken.res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(String(withToken.body)).toContain('BEGIN:VEVENT');
    expect((await api(undefined, '/api/calendar.ics')).status).toBe(401);
    const { url } = (await api('chair', '/api/me/calendar-url')).body as { url: string };
    const wrong = url.replace(/key=chair\.(.)/, (_m, c: string) => `key=chair.${c === 'A' ? 'B' : 'A'}`);
    const refused = await fetch(wrong);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(/calendar-url/);
    expect((await fetch(url.replace('key=chair.', 'key=reader.'))).status).toBe(401);
    await server.app.records.setDisabled('chair', true);
    expect((await fetch(url)).status).toBe(401);
    await server.app.records.setDisabled('chair', false);
    // A disable revoked the key and ended the sessions: enabled again, the person signs in and gets a new address.
    expect((await fetch(url)).status).toBe(401);
    tokens.chair = await login(server.url, 'chair');
    const renewed = (await api('chair', '/api/me/calendar-url')).body as { url: string };
    expect(renewed.url).not.toBe(url);
    expect((await fetch(renewed.url)).status).toBe(200);
  });
});
