/**
 * Benchmark (figures only, no pass/fail): opening a child's plan with 10,000 updates of history,
 * through the DocumentLog API, as the server's storage extension does it (`load`, then replay the
 * snapshot and updates into a fresh Y.Doc in one transaction): compacted (a snapshot plus a few
 * updates after it) against the raw log (every update replayed). Goal from issue 4: under 50 ms
 * with compaction. SQLite always; PostgreSQL too when DATABASE_URL is set.
 *
 *   npm run bench:open -- [--updates 10000] [--after 20] [--runs 30]
 *   DATABASE_URL=postgres://... npm run bench:open
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { buildChildDocuments } from '../../sync-server/plans/child-documents.ts';
import { mergeStored } from '../../sync-server/storage/documents/compaction.ts';
import type { DocumentLog } from '../../sync-server/storage/documents/document-log.ts';
import { openPostgresDocumentLog } from '../../sync-server/storage/documents/postgres-document-log.ts';
import { openSqliteDocumentLog } from '../../sync-server/storage/documents/sqlite-document-log.ts';
import { option, percentile } from './bench-options.ts';

const updatesCount = Number(option('updates', '10000'));
const after = Number(option('after', '20'));
const runs = Number(option('runs', '30'));

/** Text fields (root, field) that editors type into, and a register every tenth edit writes. */
const TEXTS: readonly (readonly [string, string])[] = [
  ['contingency', 'contingencyPlan'],
  ['child', 'primaryPlanRationale'],
  ['introduction', 'draftPlan'],
  ['introduction', 'childRoutines'],
];

/**
 * A plan made from the templates, then `count` updates from four editors taking turns, as a
 * provider sends them: mostly a word typed into a text, sometimes a deletion, every tenth a
 * register write. Returns the plan's creation update and the edit updates, in order.
 */
function history(count: number): { created: Uint8Array; edits: Uint8Array[] } {
  const { plan } = buildChildDocuments({ childId: 'bench', pathwayId: 'pathway-adoption', details: { name: 'Bench Fiction' }, by: 'bench' });
  const created = Y.encodeStateAsUpdate(plan);
  const editors = Array.from({ length: 4 }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, created);
    return doc;
  });
  const edits: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const doc = editors[i % editors.length]!;
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array): void => void (update = u);
    doc.on('update', capture);
    doc.transact(() => {
      const [root, field] = TEXTS[i % TEXTS.length]!;
      const text = doc.getMap(root).get(field) as Y.Text;
      if (i % 7 === 6 && text.length > 10) text.delete(Math.floor(text.length / 2), 3);
      else text.insert((i * 31) % (text.length + 1), `word${i} `);
      if (i % 10 === 9) {
        const reg = doc.getMap('child').get('caseRecordId') as Y.Map<unknown>;
        for (const key of [...reg.keys()]) reg.delete(key);
        reg.set(`w${i}`, { value: `CR-${i}`, by: 'Bench Editor', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
      }
    }, 'editor');
    doc.off('update', capture);
    edits.push(update!);
    // The others receive it, as they would through the server.
    for (const other of editors) if (other !== doc) Y.applyUpdate(other, update!, 'remote');
  }
  return { created, edits };
}

/** Opens `name` as the server does; returns the document and the time of each step. */
async function open(log: DocumentLog, name: string): Promise<{ doc: Y.Doc; loadMs: number; totalMs: number; parts: number; bytes: number }> {
  const t0 = performance.now();
  const stored = await log.load(name);
  const t1 = performance.now();
  if (!stored) throw new Error(`${name} is not stored`);
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, 'storage');
    for (const u of stored.updates) Y.applyUpdate(doc, u, 'storage');
  });
  const t2 = performance.now();
  const bytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.length, 0);
  return { doc, loadMs: t1 - t0, totalMs: t2 - t0, parts: (stored.snapshot ? 1 : 0) + stored.updates.length, bytes };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(label: string, log: DocumentLog, prefix: string, data: { created: Uint8Array; edits: Uint8Array[] }): Promise<void> {
  const raw = `${prefix}raw`;
  const compacted = `${prefix}compacted`;
  for (const name of [raw, compacted]) {
    await log.append(name, [data.created]);
    for (let i = 0; i < data.edits.length; i += 500) await log.append(name, data.edits.slice(i, i + 500));
  }
  // The compacted document: everything but the last `after` edits merged into a snapshot, then those appended again on top.
  await log.compact(compacted, (await snapshotOf(log, compacted, data.edits.length - after)), 1 + data.edits.length - after);
  const check = await log.load(compacted);
  if (check?.updates.length !== after) throw new Error(`expected ${after} updates after the snapshot, found ${check?.updates.length}`);

  const results: Record<string, { load: number[]; total: number[]; parts: number; bytes: number; doc?: Y.Doc }> = {};
  for (const [kind, name] of [['raw log', raw], ['compacted', compacted]] as const) {
    const r = (results[kind] = { load: [] as number[], total: [] as number[], parts: 0, bytes: 0, doc: undefined as Y.Doc | undefined });
    await open(log, name); // warm-up
    for (let i = 0; i < runs; i++) {
      const o = await open(log, name);
      r.load.push(o.loadMs);
      r.total.push(o.totalMs);
      r.parts = o.parts;
      r.bytes = o.bytes;
      if (i === runs - 1) r.doc = o.doc;
      else o.doc.destroy();
    }
  }
  const same = JSON.stringify(results['raw log']!.doc!.toJSON()) === JSON.stringify(results.compacted!.doc!.toJSON());
  console.log(`\n${label}: ${data.edits.length} edit updates of history, ${runs} opens each (same content either way: ${same ? 'yes' : 'NO'})`);
  console.log(`${''.padEnd(10)} ${'parts'.padStart(6)} ${'bytes'.padStart(9)} ${'load median'.padStart(12)} ${'p95'.padStart(7)} ${'open median'.padStart(12)} ${'p95'.padStart(7)}`);
  for (const [kind, r] of Object.entries(results)) {
    console.log(
      `${kind.padEnd(10)} ${String(r.parts).padStart(6)} ${String(r.bytes).padStart(9)} ${median(r.load).toFixed(2).padStart(12)} ${percentile(r.load, 0.95).toFixed(2).padStart(7)} ${median(r.total).toFixed(2).padStart(12)} ${percentile(r.total, 0.95).toFixed(2).padStart(7)}`,
    );
  }
  const rawOpen = median(results['raw log']!.total);
  const compactOpen = median(results.compacted!.total);
  console.log(`compaction opens ${(rawOpen / compactOpen).toFixed(1)}x faster (median); goal under 50 ms with compaction: ${compactOpen.toFixed(2)} ms`);
}

/** The snapshot of `name` through its first `edits` edits (creation included), merged as the background compactor merges. */
async function snapshotOf(log: DocumentLog, name: string, edits: number): Promise<Uint8Array> {
  const stored = await log.load(name);
  const updates = stored!.updates.slice(0, 1 + edits);
  return mergeStored({ snapshot: null, snapshotSeq: 0, updates, seq: updates.length });
}

const t = performance.now();
const data = history(updatesCount);
console.log(`made a plan and ${updatesCount} edits from 4 editors in ${((performance.now() - t) / 1000).toFixed(1)} s; node ${process.version}`);

const dir = await mkdtemp(join(tmpdir(), 'bench-open-'));
try {
  const sqlite = await openSqliteDocumentLog({ dataDir: dir });
  try {
    await measure('SQLite', sqlite, 'child:bench-', data);
  } finally {
    await sqlite.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const postgres = await openPostgresDocumentLog({ databaseUrl: process.env.DATABASE_URL });
  try {
    await measure('PostgreSQL', postgres, `child:bench-${Date.now()}-`, data);
  } finally {
    await postgres.close();
  }
}
