/**
 * Part of the shared records suite: a store-level backup holds every record and restores into
 * another store, and a backup made before the records were included restores with none.
 * Called from `server-records.suite.ts`.
 */
import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { account, auditEntry, contentsOf, fill, summary, type TestRecordStores } from '../../testing/server-records-fixtures.ts';

/** Registers the backup and restore tests. */
export function describeRecordsBackup(stores: TestRecordStores): void {
  it('backs up online and restores every record into another store, replacing what it had', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'server-records-backup-'));
    try {
      const source = await stores.store();
      const records = await stores.open(source);
      await fill(records);
      const file = join(dir, 'backup');
      // Appends while the backup runs must neither fail nor break the backup's consistency.
      await Promise.all([source.backup(file), ...Array.from({ length: 20 }, (_, i) => records.appendAudit([auditEntry(100 + i, 'child:during')]))]);

      const target = await stores.store();
      const other = await target.open();
      await other.addAccount(account('zed'));
      await other.putChild(summary('c9', 'Other'));
      await other.appendAudit([auditEntry(1, 'child:c9'), auditEntry(2, 'child:c9')]);
      await other.setting('token-signing-secret', () => new Uint8Array([1]));
      const versionBefore = await other.accessVersion();
      await other.close();

      const counts = await target.restore(file);
      expect(counts).toMatchObject({ accounts: 2, grants: 3, versions: 2, children: 2, settings: 2 });
      expect(counts.audit).toBeGreaterThanOrEqual(5);
      const restored = await stores.open(target);
      expect(await contentsOf(restored)).toEqual(await contentsOf(records));
      expect(await restored.account('zed')).toBeUndefined();
      expect(await restored.child('c9')).toBeUndefined();
      expect(await restored.verifyAudit()).toEqual({ ok: true, entries: counts.audit });
      expect(await restored.accessVersion()).toBeGreaterThan(versionBefore);
      expect((await restored.appendAudit([auditEntry(200)]))[0]!.seq).toBe(counts.audit + 1);
      expect(await restored.verifyAudit()).toEqual({ ok: true, entries: counts.audit + 1 });

      // A truncated backup is refused and the store keeps what it had.
      const before = await contentsOf(restored);
      await restored.close();
      await truncate(file, Math.floor((await stat(file)).size * 0.6));
      await expect(target.restore(file)).rejects.toThrow();
      expect(await contentsOf(await stores.open(target))).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('restores a backup made before the records were backed up, leaving them empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'server-records-old-backup-'));
    try {
      const file = join(dir, 'version-1.jsonl');
      const lines = [
        { t: 'header', format: 'permanence-board/document-log', version: 1, createdAt: '2026-10-01T00:00:00.000Z' },
        { t: 'document', name: 'child:c1', lastSeq: 1, snapshotSeq: 0 },
        { t: 'update', name: 'child:c1', seq: 1, data: Buffer.from([1, 0, 0]).toString('base64') },
        { t: 'end', documents: 1, snapshots: 0, updates: 1 },
      ];
      await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const target = await stores.store();
      const records = await target.open();
      await fill(records);
      const versionBefore = await records.accessVersion();
      await records.close();
      expect(await target.restore(file)).toEqual({ documents: 1, snapshots: 0, updates: 1, accounts: 0, grants: 0, audit: 0, versions: 0, children: 0, settings: 0 });
      const restored = await stores.open(target);
      expect(await restored.accounts()).toEqual([]);
      expect(await restored.children()).toEqual([]);
      expect(await restored.versionsOf('child:c1')).toEqual([]);
      expect(await restored.verifyAudit()).toEqual({ ok: true, entries: 0 });
      expect(await restored.accessVersion()).toBeGreaterThan(versionBefore);
      expect((await restored.appendAudit([auditEntry(1)]))[0]).toMatchObject({ seq: 1, prevHash: '' });
      expect(await restored.setting('token-signing-secret', () => new Uint8Array([42]))).toEqual(new Uint8Array([42]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
