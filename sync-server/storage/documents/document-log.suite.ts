/**
 * The one test suite every {@link DocumentLog} implementation passes (DESIGN.md, Conventions:
 * an interface with several implementations has one shared suite). A backend's test file calls
 * {@link describeDocumentLog} with a factory of fresh, empty stores.
 */
import { mkdtemp, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { compactDocument, createCompactor } from './compaction.ts';
import type { DocumentLog } from './document-log.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';
import { describeSharedStore } from './document-log-sharing.suite.ts';
import { TestStores, type StoreUnderTest } from '../../testing/test-stores.ts';

/** Registers the shared suite for one backend. */
export function describeDocumentLog(backend: string, createStore: () => Promise<StoreUnderTest>): void {
  describe(`DocumentLog: ${backend}`, () => {
    const stores = new TestStores<StoreUnderTest, DocumentLog>(createStore);
    afterEach(() => stores.cleanup());

    it('returns null for a document never stored, and no names', async () => {
      const log = await stores.fresh();
      expect(await log.load('child:unknown')).toBeNull();
      expect(await log.pending('child:unknown')).toEqual({ count: 0, bytes: 0, lastSeq: 0 });
      expect(await log.names()).toEqual([]);
    });

    it('round-trips real Yjs updates, byte for byte, with seqs from 1', async () => {
      const log = await stores.fresh();
      const editor = new TestEditor();
      const updates = editor.edits(0, 20);
      expect(await log.append('child:1', updates.slice(0, 1))).toBe(1);
      expect(await log.append('child:1', updates.slice(1, 12))).toBe(12);
      expect(await log.append('child:1', updates.slice(12))).toBe(20);
      const stored = await log.load('child:1');
      expect(stored).toMatchObject({ snapshot: null, snapshotSeq: 0, seq: 20 });
      expect(stored!.updates).toEqual(updates);
      expect(contentOf(stored)).toEqual(editor.content());
      const bytes = updates.reduce((sum, u) => sum + u.length, 0);
      expect(await log.pending('child:1')).toEqual({ count: 20, bytes, lastSeq: 20 });
    });

    it('refuses an empty name, an empty list and an empty update, storing nothing', async () => {
      const log = await stores.fresh();
      const update = new TestEditor().edit(0);
      await expect(log.append('', [update])).rejects.toThrow(TypeError);
      await expect(log.append('child:1', [])).rejects.toThrow(TypeError);
      await expect(log.append('child:1', [update, new Uint8Array()])).rejects.toThrow(TypeError);
      expect(await log.names()).toEqual([]);
    });

    it('keeps every one of many concurrent appends, seqs increasing in call order', async () => {
      const log = await stores.fresh();
      const a = new TestEditor();
      const b = new TestEditor();
      const calls = Array.from({ length: 200 }, (_, i) => [log.append('child:a', [a.edit(i)]), log.append('child:b', [b.edit(i)])]);
      const seqsA = await Promise.all(calls.map(([p]) => p!));
      const seqsB = await Promise.all(calls.map(([, p]) => p!));
      const expected = Array.from({ length: 200 }, (_, i) => i + 1);
      expect(seqsA).toEqual(expected);
      expect(seqsB).toEqual(expected);
      expect(contentOf(await log.load('child:a'))).toEqual(a.content());
      expect(contentOf(await log.load('child:b'))).toEqual(b.content());
    });

    it('commits appends made together in one transaction (group commit)', async () => {
      const log = await stores.fresh();
      const editors = Array.from({ length: 30 }, () => new TestEditor());
      const before = log.stats();
      await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(`child:${i % 30}`, [editors[i % 30]!.edit(i)])));
      const together = log.stats();
      expect(together.updates - before.updates).toBe(300);
      expect(together.commits - before.commits).toBeGreaterThanOrEqual(1);
      expect(together.commits - before.commits).toBeLessThanOrEqual(2);
      for (let i = 0; i < 5; i++) await log.append('child:0', [editors[0]!.edit(1000 + i)]);
      expect(log.stats().commits - together.commits).toBe(5);
    });

    it('compacts into a snapshot, keeping later updates; load is the same before and after', async () => {
      const log = await stores.fresh();
      const editor = new TestEditor();
      const updates = editor.edits(0, 30);
      await log.append('child:1', updates);
      expect(await log.compact('child:1', Y.mergeUpdates(updates.slice(0, 20)), 20)).toBe(true);
      const stored = await log.load('child:1');
      expect(stored).toMatchObject({ snapshotSeq: 20, seq: 30 });
      expect(stored!.updates).toEqual(updates.slice(20));
      expect(contentOf(stored)).toEqual(editor.content());
      expect(await log.pending('child:1')).toMatchObject({ count: 10, bytes: updates.slice(20).reduce((s, u) => s + u.length, 0) });

      expect(await compactDocument(log, 'child:1')).toBe(true);
      const compacted = await log.load('child:1');
      expect(compacted).toMatchObject({ snapshotSeq: 30, seq: 30, updates: [] });
      expect(contentOf(compacted)).toEqual(editor.content());
      expect(await log.pending('child:1')).toMatchObject({ count: 0, bytes: 0 });
      expect(await log.append('child:1', [editor.edit(30)])).toBe(31);
      expect(contentOf(await log.load('child:1'))).toEqual(editor.content());
    });

    it('ignores a stale compaction and refuses one beyond the log or of an unknown document', async () => {
      const log = await stores.fresh();
      const updates = new TestEditor().edits(0, 30);
      await log.append('child:1', updates);
      expect(await log.compact('child:1', Y.mergeUpdates(updates.slice(0, 25)), 25)).toBe(true);
      const before = await log.load('child:1');
      expect(await log.compact('child:1', Y.mergeUpdates(updates.slice(0, 10)), 10)).toBe(false);
      await expect(log.compact('child:1', Y.mergeUpdates(updates), 31)).rejects.toThrow(RangeError);
      await expect(log.compact('child:2', Y.mergeUpdates(updates), 1)).rejects.toThrow(/unknown document/);
      expect(await log.load('child:1')).toEqual(before);
    });

    it('never replaces content with an empty snapshot', async () => {
      const log = await stores.fresh();
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      const editor = new TestEditor();
      await log.append('child:1', editor.edits(0, 5));
      await expect(log.compact('child:1', empty, 5)).rejects.toThrow(/empty snapshot/);
      expect(await compactDocument(log, 'child:1')).toBe(true);
      await log.append('child:1', editor.edits(5, 2));
      await expect(log.compact('child:1', empty, 7)).rejects.toThrow(/empty snapshot/);
      expect(contentOf(await log.load('child:1'))).toEqual(editor.content());
      // A document that only ever received empty updates has nothing to lose.
      await log.append('child:empty', [empty, empty]);
      expect(await log.compact('child:empty', empty, 2)).toBe(true);
    });

    it('compacts in the background by count and by bytes, after the append', async () => {
      const log = await stores.fresh();
      const byCount = createCompactor(log, { maxCount: 10 });
      const editor = new TestEditor();
      for (let i = 0; i < 35; i++) {
        await log.append('child:1', [editor.edit(i)]);
        byCount.noteAppend('child:1');
      }
      await byCount.close();
      expect((await log.pending('child:1')).count).toBeLessThan(10);
      expect((await log.load('child:1'))!.snapshotSeq).toBeGreaterThan(0);
      expect(contentOf(await log.load('child:1'))).toEqual(editor.content());

      const big = new TestEditor();
      const updates = big.edits(0, 8);
      const bytes = updates.reduce((sum, u) => sum + u.length, 0);
      const byBytes = createCompactor(log, { maxCount: 1_000_000, maxBytes: bytes });
      await log.append('child:2', updates);
      byBytes.noteAppend('child:2');
      await byBytes.idle();
      expect((await log.load('child:2'))!.snapshotSeq).toBe(8);
      expect(contentOf(await log.load('child:2'))).toEqual(big.content());
      await byBytes.close();
    });

    it('lists the names of stored documents, sorted', async () => {
      const log = await stores.fresh();
      const editor = new TestEditor();
      for (const name of ['child:b', 'child:a', 'restricted:a', 'child:c']) await log.append(name, [editor.edit(0)]);
      expect(await log.names()).toEqual(['child:a', 'child:b', 'child:c', 'restricted:a']);
    });

    it('keeps everything across close and reopen; appends queued before close are committed', async () => {
      const store = await stores.store();
      const first = await store.open();
      const editor = new TestEditor();
      await first.append('child:1', editor.edits(0, 10));
      await compactDocument(first, 'child:1');
      const queued = first.append('child:1', editor.edits(10, 3));
      const expected = editor.content();
      await first.close();
      await first.close();
      expect(await queued).toBe(13);
      await expect(first.append('child:1', [new TestEditor().edit(0)])).rejects.toThrow(/closed/);
      await expect(first.load('child:1')).rejects.toThrow(/closed/);
      const second = await stores.open(store);
      expect(contentOf(await second.load('child:1'))).toEqual(expected);
      expect(await second.append('child:1', [editor.edit(13)])).toBe(14);
      expect(contentOf(await second.load('child:1'))).toEqual(editor.content());
    });

    it('backs up online and restores the same content into another store, replacing it', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'document-log-backup-'));
      try {
        const log = await stores.fresh();
        const a = new TestEditor();
        const b = new TestEditor();
        await log.append('child:a', a.edits(0, 20));
        await compactDocument(log, 'child:a');
        await log.append('child:a', a.edits(20, 5));
        await log.append('child:b', b.edits(0, 3));
        const file = join(dir, 'backup');
        // Appends while the backup runs must neither fail nor break the backup's consistency.
        const during = new TestEditor();
        await Promise.all([log.backup(file), ...during.edits(0, 20).map((u) => log.append('child:during', [u]))]);

        const target = await stores.store();
        const other = await target.open();
        await other.append('child:c', new TestEditor().edits(0, 2));
        await other.close();
        const counts = await target.restore(file);
        expect(counts.documents).toBeGreaterThanOrEqual(2);
        const restored = await stores.open(target);
        expect(await restored.names()).not.toContain('child:c');
        expect(contentOf(await restored.load('child:a'))).toEqual(a.content());
        expect(contentOf(await restored.load('child:b'))).toEqual(b.content());
        expect(await restored.load('child:a')).toEqual(await log.load('child:a'));
        expect(await restored.pending('child:a')).toEqual(await log.pending('child:a'));
        expect(await restored.append('child:a', [a.edit(25)])).toBe(26);

        // A truncated backup is refused and the store keeps what it had.
        const before = await restored.load('child:a');
        await restored.close();
        await truncate(file, Math.floor((await stat(file)).size * 0.6));
        await expect(target.restore(file)).rejects.toThrow();
        const after = await stores.open(target);
        expect(await after.load('child:a')).toEqual(before);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('rejects appends and compactions while storage fails, changing nothing', async () => {
      const store = await stores.store();
      const log = await stores.open(store);
      const editor = new TestEditor();
      await log.append('child:1', editor.edits(0, 6));
      const before = await log.load('child:1');
      await store.failWrites(true);
      const appends = await Promise.allSettled([
        log.append('child:1', [editor.edit(6)]),
        log.append('child:new', [new TestEditor().edit(0)]),
        log.append('child:1', [editor.edit(7)]),
      ]);
      expect(appends.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await expect(compactDocument(log, 'child:1')).rejects.toThrow(/injected failure/);
      expect(await log.load('child:1')).toEqual(before);
      expect(await log.names()).toEqual(['child:1']);
      expect(await log.pending('child:1')).toMatchObject({ count: 6 });

      // Storage is back; the client re-sends what was never acknowledged, with a new edit.
      await store.failWrites(false);
      editor.edit(8);
      expect(await log.append('child:1', editor.updates.slice(6))).toBe(9);
      expect(await compactDocument(log, 'child:1')).toBe(true);
      expect(contentOf(await log.load('child:1'))).toEqual(editor.content());
    });

    describeSharedStore(stores);
  });
}
