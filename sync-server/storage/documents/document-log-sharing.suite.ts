/**
 * Part of the shared storage suite: two logs on one store, as two server instances sharing a
 * database (or one SQLite file) would be. Called from `document-log.suite.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { compactDocument, createCompactor } from './compaction.ts';
import type { StoreUnderTest, TestStores } from '../../testing/test-stores.ts';
import type { DocumentLog } from './document-log.ts';
import { contentOf, contentOfDoc, TestEditor } from '../../testing/test-editor.ts';

/** The content of a document holding every update of every editor. */
function merged(...editors: TestEditor[]): ReturnType<typeof contentOfDoc> {
  const doc = new Y.Doc();
  for (const editor of editors) for (const update of editor.updates) Y.applyUpdate(doc, update);
  return contentOfDoc(doc);
}

/** Registers the two-instance tests. */
export function describeSharedStore(stores: TestStores<StoreUnderTest, DocumentLog>): void {
  it('two instances appending to one document and compacting at once lose nothing', async () => {
    const store = await stores.store();
    const [a, b] = [await stores.open(store), await stores.open(store)];
    const compactA = createCompactor(a, { maxCount: 7 });
    const compactB = createCompactor(b, { maxCount: 5 });
    const [editorA, editorB] = [new TestEditor(), new TestEditor()];
    const appends: Promise<number>[] = [];
    const compactions: Promise<boolean>[] = [];
    for (let i = 0; i < 80; i++) {
      appends.push(a.append('child:shared', [editorA.edit(i, `a${i}`)]).finally(() => compactA.noteAppend('child:shared')));
      appends.push(b.append('child:shared', [editorB.edit(i, `b${i}`)]).finally(() => compactB.noteAppend('child:shared')));
      if (i % 3 === 2) compactions.push(compactDocument(a, 'child:shared'), compactDocument(b, 'child:shared'));
      if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
    }
    const seqs = await Promise.all(appends);
    await Promise.all(compactions);
    await compactA.close();
    await compactB.close();
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));

    const c = await stores.open(store);
    const stored = await c.load('child:shared');
    expect(stored!.seq).toBe(160);
    expect(stored!.snapshotSeq).toBeGreaterThan(0);
    const content = contentOf(stored);
    expect(Object.keys(content.map)).toHaveLength(160);
    expect(content).toEqual(merged(editorA, editorB));
    // The bookkeeping stays exact when compactions and appends race.
    const bytes = stored!.updates.reduce((sum, u) => sum + u.length, 0);
    expect(await c.pending('child:shared')).toMatchObject({ count: stored!.updates.length, bytes });
    // A backup checks every head against its snapshot and updates.
    const dir = await mkdtemp(join(tmpdir(), 'document-log-shared-'));
    try {
      await c.backup(join(dir, 'backup'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a compaction from a stale load never deletes updates it has not merged', async () => {
    const store = await stores.store();
    const [a, b] = [await stores.open(store), await stores.open(store)];
    const [editorA, editorB] = [new TestEditor(), new TestEditor()];
    await a.append('child:1', editorA.edits(0, 10));

    const staleA = await a.load('child:1');
    await b.append('child:1', editorB.edits(0, 5));
    expect(await a.compact('child:1', Y.mergeUpdates([...staleA!.updates]), staleA!.seq)).toBe(true);
    const afterA = await b.load('child:1');
    expect(afterA).toMatchObject({ snapshotSeq: 10, seq: 15 });
    expect(afterA!.updates).toEqual(editorB.updates);

    const staleB = await b.load('child:1');
    await a.append('child:1', editorA.edits(10, 3));
    expect(await compactDocument(a, 'child:1')).toBe(true);
    const staleSnapshot = Y.mergeUpdates([staleB!.snapshot!, ...staleB!.updates]);
    expect(await b.compact('child:1', staleSnapshot, staleB!.seq)).toBe(false);

    const final = await (await stores.open(store)).load('child:1');
    expect(final).toMatchObject({ snapshotSeq: 18, seq: 18, updates: [] });
    expect(contentOf(final)).toEqual(merged(editorA, editorB));
  });
}
