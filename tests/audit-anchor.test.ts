/**
 * The audit chain's external anchor (issue 13, left from earlier work), on a real server on
 * 127.0.0.1 with SQLite: the server logs the chain head at start and at its day's change (its
 * clock moved across a London midnight), `npm run admin -- audit head` prints the same head, and
 * `audit verify --head <seq>:<hash>` finds a chain rewritten as a whole (every hash and the head
 * row recomputed, so plain verification passes) against the head logged before the rewrite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { startApp, type App } from '../sync-server/app.ts';
import { readConfig } from '../sync-server/config.ts';
import { nextDayStart } from '../sync-server/plans/local-day.ts';
import { chainAfter } from '../sync-server/storage/records/audit-chain.ts';
import { adminOnStore } from './harness/admin-on-store.ts';
import { addChild, addUser, connect, login } from './harness/collab.ts';
import { appendMarker } from './harness/plan-edits.ts';

let dir: string | undefined;
let app: App | undefined;

afterAll(async () => {
  await app?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const HEAD_LINE = /^audit: chain head on (\d{4}-\d{2}-\d{2}): (\d+:[0-9a-f]*)$/;

it('logs the chain head daily; audit head prints it; audit verify --head finds a whole chain rewritten', { timeout: 60_000 }, async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-anchor-'));
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, TIME_ZONE: 'Europe/London' });
  if (!config.ok) throw new Error(config.problems.join('; '));
  const midnight = nextDayStart(new Date('2026-12-03T12:00:00.000Z'), 'Europe/London');
  let now = new Date(midnight.getTime() - 1000);
  const said: string[] = [];
  app = await startApp(config.config, { say: (m) => said.push(m), now: () => now });
  const heads = (): string[][] => said.flatMap((l) => (HEAD_LINE.exec(l) ? [[HEAD_LINE.exec(l)![1]!, HEAD_LINE.exec(l)![2]!]] : []));
  await expect.poll(heads).toEqual([['2026-12-03', '0:']]);

  // Real edits over a real socket make audit entries.
  const childId = await addChild(app, 'Ari Fiction');
  await addUser(app, 'editor');
  await app.records.grant({ username: 'editor', childId, level: 'edit', restricted: false });
  const url = `http://127.0.0.1:${app.port}`;
  const client = connect(`ws://127.0.0.1:${app.port}/collab`, `child:${childId}`, await login(url, 'editor'));
  await client.synced();
  for (let i = 0; i < 5; i++) {
    appendMarker(client.doc, `edit-${i}`);
    await client.saved();
  }
  client.destroy();
  await app.activity.settle();

  expect(await app.auditHeadLog.tick()).toBe(false);
  now = new Date(midnight.getTime() + 1000);
  expect(await app.auditHeadLog.tick()).toBe(true);
  const [day, logged] = heads().at(-1)!;
  expect(day).toBe('2026-12-04');
  expect(Number(logged!.split(':')[0])).toBeGreaterThan(1);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);

  const admin = adminOnStore(dir);
  try {
    const head = await admin.admin('audit', 'head');
    expect(head.code, head.err.join('\n')).toBe(0);
    expect(head.out[0]).toBe(logged);
    expect((await admin.admin('audit', 'verify', '--head', logged!)).code).toBe(0);
    expect((await admin.admin('audit', 'verify', '--head', 'not-a-head')).code).toBe(2);

    // Rewrite the whole chain behind the server's back, consistently.
    await app.stop();
    app = undefined;
    const db = new DatabaseSync(join(dir, 'documents.sqlite'));
    try {
      db.exec('DROP TRIGGER records_audit_no_update');
      const rows = db.prepare('SELECT seq, at, username, document, parts, bytes, action FROM records_audit ORDER BY seq').all() as { at: string; username: string; document: string; parts: string; bytes: number; action: string }[];
      const forged = chainAfter({ seq: 0, hash: '' }, rows.map((r, i) => ({ at: r.at, username: i === 1 ? 'mallory' : r.username, document: r.document, parts: JSON.parse(r.parts) as string[], bytes: Number(r.bytes), action: r.action as 'edit' })));
      const update = db.prepare('UPDATE records_audit SET username = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const e of forged) update.run(e.username, e.prevHash, e.hash, e.seq);
      db.prepare('UPDATE records_audit_head SET hash = ? WHERE id = 1').run(forged.at(-1)!.hash);
    } finally {
      db.close();
    }
    expect((await admin.admin('audit', 'verify')).code).toBe(0);
    const against = await admin.admin('audit', 'verify', '--head', logged!, '--json');
    expect(against.code).toBe(1);
    expect(against.out.join('\n')).toMatch(/chain head kept elsewhere/);
  } finally {
    admin.restore();
  }
});
