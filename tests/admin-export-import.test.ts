/**
 * `export` and `import` against a running server: a real server on 127.0.0.1 with SQLite in a
 * temp DATA_DIR, a real @hocuspocus/provider client, and `runAdmin` working on the same DATA_DIR
 * through its own connections (as `npm run admin` does from another process). An edit the server
 * has acknowledged is in the export at once (it is on disk before it is acknowledged), and a copy
 * imported while the server runs is served to the user `grant` names, with the edit in it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { adminOnStore, type AdminOnStore } from './harness/admin-on-store.ts';
import { addChild, addUser, connect, login, startTestServer, type TestServer } from './harness/collab.ts';

let server: TestServer;
let files: string;
let store: AdminOnStore;

beforeAll(async () => {
  server = await startTestServer();
  files = await mkdtemp(join(tmpdir(), 'admin-export-import-'));
  store = adminOnStore(server.dataDir);
}, 60_000);

afterAll(async () => {
  store?.restore();
  await server?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

const admin = (...argv: string[]) => store.admin(...argv);

/** The values written to the child's name in a plan's plain-JSON form. */
function names(plan: { child: { name: { value: unknown }[] } }): unknown[] {
  return plan.child.name.map((w) => w.value);
}

describe('admin export and import against a running server', () => {
  it('exports an acknowledged edit at once, refuses the same child back, and serves an imported copy', async () => {
    await addUser(server.app, 'cli.exporter');
    const childId = await addChild(server.app, 'Eden Fiction');
    expect((await admin('grant', 'cli.exporter', childId, 'edit')).code).toBe(0);
    const token = await login(server.url, 'cli.exporter');
    const plan = connect(server.wsUrl, `child:${childId}`, token);
    try {
      await plan.synced();
      const name = plan.doc.getMap('child').get('name') as Y.Map<unknown>;
      plan.doc.transact(() => {
        for (const key of [...name.keys()]) name.delete(key);
        name.set('w-eden-renamed', { value: 'Eden Renamed', by: 'cli.exporter', at: new Date().toISOString() });
      });
      await plan.saved();
    } finally {
      plan.destroy();
    }

    const file = join(files, 'eden.json');
    const exported = await admin('export', childId, '--out', file);
    expect(exported.code, exported.err.join('\n')).toBe(0);
    const json = JSON.parse(await readFile(file, 'utf8')) as { meta: { childId: string }; child: { name: { value: unknown }[] } };
    expect(json.meta.childId).toBe(childId);
    expect(names(json)).toEqual(['Eden Renamed']);

    const refused = await admin('import', file);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toContain(`child ${childId} is already in`);

    const copied = await admin('import', file, '--copy');
    expect(copied.code, copied.err.join('\n')).toBe(0);
    const copyId = copied.out[0]!;
    expect(copyId).not.toBe(childId);
    expect((await admin('grant', 'cli.exporter', copyId, 'edit')).code).toBe(0);
    const copy = connect(server.wsUrl, `child:${copyId}`, token);
    try {
      await copy.synced();
      const name = copy.doc.getMap('child').get('name') as Y.Map<{ value: unknown }>;
      expect([...name.values()].map((e) => e.value)).toEqual(['Eden Renamed']);
      expect(copy.doc.getMap('meta').get('childId')).toBe(copyId);
    } finally {
      copy.destroy();
    }
    const listed = (await (await fetch(`${server.url}/api/children`, { headers: { authorization: `Bearer ${token}` } })).json()) as { children: { childId: string; name: string }[] };
    // The copy's caseload entry was written with it; the original's follows its edit on the server's own time.
    expect(listed.children.map((c) => c.childId).sort()).toEqual([childId, copyId].sort());
    expect(listed.children.find((c) => c.childId === copyId)?.name).toBe('Eden Renamed');
  });
});
