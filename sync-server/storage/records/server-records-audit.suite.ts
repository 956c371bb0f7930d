/**
 * Part of the shared records suite: the audit log's chain, its pages, instances appending at
 * once, and tampering behind the append-only guards. Called from `server-records.suite.ts`.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { auditHash, chainAfter } from './audit-chain.ts';
import { auditEntry, type TestRecordStores } from '../../testing/server-records-fixtures.ts';
import type { AuditEntry, NewAuditEntry } from './server-records.ts';

/** Registers the audit log tests. */
export function describeAuditLog(stores: TestRecordStores): void {
  it('appends audit entries in a gap-free hash chain and pages them newest first', async () => {
    const records = await stores.fresh();
    const first = await records.appendAudit([auditEntry(1), auditEntry(2, 'child:c2')]);
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(first[0]).toMatchObject({ ...auditEntry(1), prevHash: '' });
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    const e = auditEntry(1);
    const canonical = JSON.stringify([1, e.at, e.username, e.document, e.parts, e.bytes, e.action, '']);
    expect(first[0]!.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
    const more = await records.appendAudit(Array.from({ length: 10 }, (_, i) => auditEntry(3 + i)));
    expect(more.map((x) => x.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await records.appendAudit([])).toEqual([]);

    const page1 = await records.auditOf('child:c1', 5);
    expect(page1.map((x) => x.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(page1[0]).toEqual(more.at(-1));
    expect((await records.auditOf('child:c1', 5, 8)).map((x) => x.seq)).toEqual([7, 6, 5, 4, 3]);
    expect((await records.auditOf('child:c1', 5, 3)).map((x) => x.seq)).toEqual([1]);
    expect(await records.auditOf('child:c2', 10)).toEqual([first[1]]);
    expect(await records.auditOf('child:none', 10)).toEqual([]);
    await expect(records.auditOf('child:c1', 0)).rejects.toThrow(RangeError);
    await expect(records.auditOf('child:c1', 1001)).rejects.toThrow(RangeError);
    await expect(records.auditOf('child:c1', 5, 0)).rejects.toThrow(RangeError);

    // A bad entry refuses the whole batch.
    await expect(records.appendAudit([auditEntry(13), { ...auditEntry(14), bytes: -1 }])).rejects.toThrow(TypeError);
    await expect(records.appendAudit([{ ...auditEntry(13), action: 'delete' as NewAuditEntry['action'] }])).rejects.toThrow(TypeError);
    expect(await records.verifyAudit()).toEqual({ ok: true, entries: 12 });
  });

  it('keeps one chain when two instances append at the same time', async () => {
    const store = await stores.store();
    const [a, b] = [await stores.open(store), await stores.open(store)];
    const calls = Array.from({ length: 40 }, (_, i) => [a.appendAudit([auditEntry(i), auditEntry(i + 100)]), b.appendAudit([auditEntry(i, 'child:c2')])]).flat();
    const batches = await Promise.all(calls);
    for (const batch of batches) expect(batch.map((e) => e.seq - batch[0]!.seq)).toEqual(batch.map((_, i) => i));
    const seqs = batches.flat().map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const c = await stores.open(store);
    expect(await c.verifyAudit()).toEqual({ ok: true, entries: 120 });
    expect(await c.auditOf('child:c2', 1000)).toHaveLength(40);
  });

  it('refuses changes to the audit log; tampering behind the guards is found by verifyAudit', async () => {
    const tamperings: { what: string; sql: (stored: AuditEntry[]) => string; seq: number; reason: RegExp }[] = [
      { what: 'a changed username', sql: () => `UPDATE records_audit SET username = 'mallory' WHERE seq = 3`, seq: 3, reason: /hash does not match/ },
      {
        what: 'a changed username, hash recomputed',
        sql: (stored) => {
          const { hash: _hash, ...forged } = { ...stored[2]!, username: 'mallory' };
          return `UPDATE records_audit SET username = 'mallory', hash = '${auditHash(forged)}' WHERE seq = 3`;
        },
        seq: 4,
        reason: /prevHash/,
      },
      { what: 'a deleted entry', sql: () => 'DELETE FROM records_audit WHERE seq = 2', seq: 2, reason: /entry 2 is missing/ },
      {
        what: 'two entries swapped',
        sql: () => `UPDATE records_audit SET seq = 1000 WHERE seq = 2; UPDATE records_audit SET seq = 2 WHERE seq = 3; UPDATE records_audit SET seq = 3 WHERE seq = 1000`,
        seq: 2,
        reason: /prevHash does not match/,
      },
      { what: 'the last entry deleted', sql: () => 'DELETE FROM records_audit WHERE seq = 5', seq: 5, reason: /5 to 5 are missing/ },
      {
        what: 'a well-formed entry added outside the server',
        sql: (stored) => {
          const [e] = chainAfter(stored[4]!, [auditEntry(6)]);
          return `INSERT INTO records_audit (seq, at, username, document, parts, bytes, action, prev_hash, hash)
            VALUES (6, '${e!.at}', '${e!.username}', '${e!.document}', '${JSON.stringify(e!.parts)}', ${e!.bytes}, '${e!.action}', '${e!.prevHash}', '${e!.hash}')`;
        },
        seq: 6,
        reason: /not in the chain head/,
      },
    ];
    for (const [i, tampering] of tamperings.entries()) {
      const store = await stores.store();
      const records = await stores.open(store);
      const stored = await records.appendAudit(Array.from({ length: 5 }, (_, n) => auditEntry(n)));
      expect(await records.verifyAudit()).toEqual({ ok: true, entries: 5 });
      if (i === 0) {
        await expect(store.sql(`UPDATE records_audit SET username = 'mallory' WHERE seq = 3`)).rejects.toThrow(/append-only/);
        await expect(store.sql('DELETE FROM records_audit WHERE seq = 2')).rejects.toThrow(/append-only/);
        expect(await records.auditOf('child:c1', 10)).toEqual([...stored].reverse());
      }
      await store.dropAuditGuards();
      await store.sql(tampering.sql(stored));
      const verdict = await records.verifyAudit();
      expect(verdict, tampering.what).toMatchObject({ ok: false, seq: tampering.seq });
      expect(verdict.ok === false && verdict.reason, tampering.what).toMatch(tampering.reason);
    }
  });

  it('gives the chain head; verifying against a head kept elsewhere finds a chain rewritten as a whole', async () => {
    const store = await stores.store();
    const records = await stores.open(store);
    expect(await records.auditHead()).toEqual({ seq: 0, hash: '' });
    const stored = await records.appendAudit(Array.from({ length: 5 }, (_, n) => auditEntry(n)));
    const head = await records.auditHead();
    expect(head).toEqual({ seq: 5, hash: stored[4]!.hash });
    expect(await records.verifyAudit(head)).toEqual({ ok: true, entries: 5 });
    await records.appendAudit([auditEntry(6)]);
    expect(await records.verifyAudit(head)).toEqual({ ok: true, entries: 6 });
    await expect(records.verifyAudit({ seq: 1, hash: 'not hex' })).rejects.toThrow(TypeError);
    // Rewrite the whole chain: entry 3's username changed, every hash after it and the head recomputed.
    const all = [...(await records.auditOf('child:c1', 100))].reverse();
    const forged = chainAfter({ seq: 0, hash: '' }, all.map(({ seq: _s, prevHash: _p, hash: _h, ...e }, i) => (i === 2 ? { ...e, username: 'mallory' } : e)));
    await store.dropAuditGuards();
    for (const e of forged) await store.sql(`UPDATE records_audit SET username = '${e.username}', prev_hash = '${e.prevHash}', hash = '${e.hash}' WHERE seq = ${e.seq}`);
    await store.sql(`UPDATE records_audit_head SET hash = '${forged.at(-1)!.hash}' WHERE id = 1`);
    expect(await records.verifyAudit()).toEqual({ ok: true, entries: 6 });
    const verdict = await records.verifyAudit(head);
    expect(verdict).toMatchObject({ ok: false, seq: 5 });
    expect(verdict.ok === false && verdict.reason).toMatch(/chain head kept elsewhere/);
    expect(await records.verifyAudit({ seq: 7, hash: 'a'.repeat(64) })).toMatchObject({ ok: false, seq: 7 });
  });
}
