/**
 * Benchmark of durable appends, showing what group commit buys: N single-update appends issued
 * all at once (they share commits) against the same N awaited one by one (one commit, so one
 * fsync, each). Not part of the test run.
 *
 *   npm run bench:append -- [count=1000] [dataDir=.tmp/append-benchmark]
 *   DATABASE_URL=postgres://... npm run bench:append --
 */
import { rm } from 'node:fs/promises';
import type { DocumentLog } from '../../sync-server/storage/documents/document-log.ts';
import { openDocumentLog } from '../../sync-server/storage/documents/open-document-log.ts';
import { TestEditor } from '../../sync-server/testing/test-editor.ts';

const count = Number(process.argv[2] ?? 1000);
const dataDir = process.argv[3] ?? '.tmp/append-benchmark';
const databaseUrl = process.env.DATABASE_URL;

async function measure(label: string, run: (log: DocumentLog, updates: Uint8Array[]) => Promise<void>): Promise<void> {
  if (databaseUrl === undefined) await rm(dataDir, { recursive: true, force: true });
  const log = await openDocumentLog({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const editors = Array.from({ length: 10 }, () => new TestEditor());
  const updates = Array.from({ length: count }, (_, i) => editors[i % 10]!.edit(i));
  const start = performance.now();
  await run(log, updates);
  const seconds = (performance.now() - start) / 1000;
  const { commits } = log.stats();
  await log.close();
  console.log(`${log.kind} ${label}: ${count} appends in ${(seconds * 1000).toFixed(0)} ms = ${Math.round(count / seconds)} appends/s, ${commits} commits`);
}

const name = (i: number): string => `child:bench-${databaseUrl === undefined ? '' : `${Date.now()}-`}${i % 10}`;
await measure('concurrent', async (log, updates) => {
  await Promise.all(updates.map((u, i) => log.append(name(i), [u])));
});
await measure('one by one', async (log, updates) => {
  for (const [i, u] of updates.entries()) await log.append(name(i), [u]);
});
if (databaseUrl === undefined) await rm(dataDir, { recursive: true, force: true });
