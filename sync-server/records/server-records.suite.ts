/**
 * The one test suite every {@link ServerRecords} implementation passes (DESIGN.md, Conventions:
 * an interface with several implementations has one shared suite). A backend's test file calls
 * {@link describeServerRecords} with a factory of fresh, empty stores.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupCounts } from '../storage/backup-records.ts';
import { auditHash, chainAfter } from './audit-chain.ts';
import type { Account, AuditEntry, ChildSummary, Grant, NamedVersion, NewAuditEntry, ServerRecords } from './server-records.ts';

/** One fresh, empty store (SQLite file or PostgreSQL database) of the backend under test. */
export interface RecordsStoreUnderTest {
  /** Opens records on this store; every call is another instance with its own connection. */
  open(): Promise<ServerRecords>;
  /** Takes the store-level online backup (documents and records) into `file`. */
  backup(file: string): Promise<void>;
  /** Restores a backup file into this store while no records of it are open. */
  restore(file: string): Promise<BackupCounts>;
  /** Runs SQL on the store directly, as someone with access to the database could. */
  sql(statements: string): Promise<void>;
  /** Removes what keeps the audit log append-only (its triggers), as tampering would need to. */
  dropAuditGuards(): Promise<void>;
  /**
   * Makes every later write to these tables fail inside its transaction (a trigger raising
   * "injected failure", standing in for a full disk or a lost database); [] ends it.
   */
  failWrites(tables: readonly string[]): Promise<void>;
  /** Deletes the store. */
  destroy(): Promise<void>;
}

/** Opens stores and records for one test and closes them all after it. */
export class TestRecordStores {
  readonly #create: () => Promise<RecordsStoreUnderTest>;
  #cleanups: (() => Promise<void>)[] = [];

  constructor(create: () => Promise<RecordsStoreUnderTest>) {
    this.#create = create;
  }

  async store(): Promise<RecordsStoreUnderTest> {
    const store = await this.#create();
    this.#cleanups.push(() => store.destroy());
    return store;
  }

  async open(store: RecordsStoreUnderTest): Promise<ServerRecords> {
    const records = await store.open();
    this.#cleanups.push(() => records.close());
    return records;
  }

  /** A fresh store and one instance on it. */
  async records(): Promise<ServerRecords> {
    return this.open(await this.store());
  }

  async cleanup(): Promise<void> {
    const cleanups = this.#cleanups.reverse();
    this.#cleanups = [];
    for (const cleanup of cleanups) await cleanup();
  }
}

export function account(username: string, overrides: Partial<Account> = {}): Account {
  return {
    username,
    name: `Name of ${username}`,
    role: "Child's Social Worker",
    organisation: 'Northshire Council',
    passwordHash: `scrypt$131072$8$1$c2FsdA==$${username}`,
    disabled: false,
    admin: false,
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function auditEntry(i: number, document = 'child:c1', username = 'amy.worker'): NewAuditEntry {
  return { at: new Date(Date.UTC(2026, 10, 1, 9, 0, i % 60, i)).toISOString(), username, document, parts: ['ppms', 'child'], bytes: 100 + i, action: 'edit' };
}

export function summary(childId: string, name: string, overrides: Partial<ChildSummary> = {}): ChildSummary {
  return {
    childId,
    name,
    pathwayId: 'adoption',
    pathwayTitle: 'Adoption',
    stage: 'Placement order',
    rating: 'amber',
    nextDue: '2026-12-01',
    nextDueTitle: 'Matching panel',
    updatedAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  };
}

export function namedVersion(id: string, createdAt: string, state = new Uint8Array([0, 1, 2, 255])): NamedVersion {
  return { id, document: 'child:c1', name: `Version ${id}`, createdAt, createdBy: 'amy.worker', state };
}

const grant = (username: string, childId: string, level: Grant['level'] = 'read', restricted = false): Grant => ({ username, childId, level, restricted });

/** Fills `records` with some of everything. */
export async function fill(records: ServerRecords): Promise<void> {
  await records.addAccount(account('amy.worker'));
  await records.addAccount(account('ben.iro', { role: 'Independent Reviewing Officer', admin: true, disabled: true }));
  await records.grant(grant('amy.worker', 'c1', 'edit', true));
  await records.grant(grant('amy.worker', 'c2'));
  await records.grant(grant('ben.iro', 'c1'));
  await records.appendAudit([auditEntry(1), auditEntry(2, 'child:c2'), auditEntry(3, 'child:c1:restricted', 'system')]);
  await records.appendAudit([auditEntry(4), { ...auditEntry(5), parts: [], action: 'import' }]);
  await records.addVersion(namedVersion('v1', '2026-11-03T10:00:00.000Z'));
  await records.addVersion(namedVersion('v2', '2026-11-04T10:00:00.000Z', new Uint8Array(3000).map((_, i) => i % 256)));
  await records.putChild(summary('c1', 'Rowan'));
  await records.putChild(summary('c2', 'amy', { pathwayId: null, pathwayTitle: null, stage: null, rating: null, nextDue: null, nextDueTitle: null }));
  await records.setting('token-signing-secret', () => new Uint8Array([9, 8, 7, 0, 255]));
  await records.setting('empty', () => new Uint8Array());
}

/** Everything `records` holds, for comparing two stores. */
export async function contentsOf(records: ServerRecords): Promise<unknown> {
  const accounts = await records.accounts();
  const documents = ['child:c1', 'child:c2', 'child:c1:restricted'];
  const notCreated = (): Uint8Array => {
    throw new Error('the setting should exist');
  };
  return {
    accounts,
    grants: await Promise.all(accounts.map((a) => records.grantsOf(a.username))),
    audit: await Promise.all(documents.map((d) => records.auditOf(d, 1000))),
    versions: await records.versionsOf('child:c1'),
    states: await Promise.all(['v1', 'v2'].map((id) => records.version(id))),
    children: await records.children(),
    settings: await Promise.all(['token-signing-secret', 'empty'].map((key) => records.setting(key, notCreated))),
  };
}

/** Registers the shared suite for one backend. */
export function describeServerRecords(backend: string, createStore: () => Promise<RecordsStoreUnderTest>): void {
  describe(`ServerRecords: ${backend}`, () => {
    const stores = new TestRecordStores(createStore);
    afterEach(() => stores.cleanup());

    it('adds an account once; usernames are exact, validated identifiers', async () => {
      const records = await stores.records();
      expect(await records.accounts()).toEqual([]);
      expect(await records.addAccount(account('amy.worker'))).toBe(true);
      expect(await records.addAccount(account('amy.worker', { name: 'Someone else' }))).toBe(false);
      expect(await records.account('amy.worker')).toEqual(account('amy.worker'));
      expect(await records.addAccount(account('0ben_iro-2', { admin: true, disabled: true }))).toBe(true);
      expect(await records.accounts()).toEqual([account('0ben_iro-2', { admin: true, disabled: true }), account('amy.worker')]);
      for (const other of ['Amy.worker', 'AMY.WORKER', 'amy.worker ', 'amy', 'nobody']) expect(await records.account(other)).toBeUndefined();
      for (const bad of ['Amy', 'a', '-amy', '.amy', 'amy worker', 'amy@example.org', 'x'.repeat(65), '']) {
        await expect(records.addAccount(account(bad))).rejects.toThrow(TypeError);
      }
      await expect(records.addAccount(account('carl', { createdAt: 'yesterday' }))).rejects.toThrow(TypeError);
      await expect(records.addAccount(account('carl', { name: 'Carl\0' }))).rejects.toThrow(TypeError);
      await expect(records.addAccount(account('carl', { name: 'Carl \ud800' }))).rejects.toThrow(TypeError);
      expect(await records.accounts()).toHaveLength(2);
    });

    it('changes accounts, bumping the access version with every change and only then', async () => {
      const records = await stores.records();
      const start = await records.accessVersion();
      expect(await records.addAccount(account('amy.worker'))).toBe(true);
      expect(await records.accessVersion()).toBe(start + 1);
      expect(await records.addAccount(account('amy.worker'))).toBe(false);
      expect(await records.setDisabled('amy.worker', true)).toBe(true);
      expect(await records.account('amy.worker')).toMatchObject({ disabled: true });
      expect(await records.accessVersion()).toBe(start + 2);
      expect(await records.setPasswordHash('amy.worker', 'scrypt$new')).toBe(true);
      expect(await records.account('amy.worker')).toMatchObject({ passwordHash: 'scrypt$new', disabled: true });
      expect(await records.accessVersion()).toBe(start + 3);
      expect(await records.setDisabled('nobody', true)).toBe(false);
      expect(await records.setDisabled('Not Valid', true)).toBe(false);
      expect(await records.setPasswordHash('nobody', 'scrypt$x')).toBe(false);
      await expect(records.setPasswordHash('amy.worker', '')).rejects.toThrow(TypeError);
      expect(await records.accessVersion()).toBe(start + 3);
    });

    it('grants access per child: none by default, replaced by a new grant, removed by revoke', async () => {
      const records = await stores.records();
      await records.addAccount(account('amy.worker'));
      await records.addAccount(account('ben.iro'));
      const start = await records.accessVersion();
      expect(await records.grantFor('amy.worker', 'c1')).toBeUndefined();
      await records.grant(grant('amy.worker', 'c1'));
      expect(await records.grantFor('amy.worker', 'c1')).toEqual(grant('amy.worker', 'c1'));
      await records.grant(grant('amy.worker', 'c1', 'edit', true));
      expect(await records.grantFor('amy.worker', 'c1')).toEqual(grant('amy.worker', 'c1', 'edit', true));
      await records.grant(grant('amy.worker', 'c2'));
      await records.grant(grant('ben.iro', 'c1'));
      expect(await records.accessVersion()).toBe(start + 4);
      expect(await records.grantsOf('amy.worker')).toEqual([grant('amy.worker', 'c1', 'edit', true), grant('amy.worker', 'c2')]);
      expect(await records.grantsOn('c1')).toEqual([grant('amy.worker', 'c1', 'edit', true), grant('ben.iro', 'c1')]);
      expect(await records.grantFor('ben.iro', 'c2')).toBeUndefined();
      expect(await records.revoke('amy.worker', 'c2')).toBe(true);
      expect(await records.revoke('amy.worker', 'c2')).toBe(false);
      expect(await records.revoke('nobody', 'c2')).toBe(false);
      expect(await records.accessVersion()).toBe(start + 5);
      expect(await records.grantsOf('amy.worker')).toEqual([grant('amy.worker', 'c1', 'edit', true)]);
      await expect(records.grant(grant('nobody', 'c1'))).rejects.toThrow(RangeError);
      await expect(records.grant(grant('amy.worker', 'c/1'))).rejects.toThrow(TypeError);
      await expect(records.grant({ ...grant('amy.worker', 'c1'), level: 'admin' as Grant['level'] })).rejects.toThrow(TypeError);
      expect(await records.grantsOf('nobody')).toEqual([]);
      expect(await records.grantsOn('c9')).toEqual([]);
      expect(await records.accessVersion()).toBe(start + 5);
    });

    it('shows one instance the account and grant changes of another through the access version', async () => {
      const store = await stores.store();
      const [a, b] = [await stores.open(store), await stores.open(store)];
      const seen = await b.accessVersion();
      await a.addAccount(account('amy.worker'));
      const afterAccount = await b.accessVersion();
      expect(afterAccount).toBeGreaterThan(seen);
      await a.grant(grant('amy.worker', 'c1'));
      expect(await b.accessVersion()).toBeGreaterThan(afterAccount);
      expect(await b.grantFor('amy.worker', 'c1')).toEqual(grant('amy.worker', 'c1'));
      const beforeDisable = await b.accessVersion();
      await a.setDisabled('amy.worker', true);
      expect(await b.accessVersion()).toBeGreaterThan(beforeDisable);
      expect(await b.account('amy.worker')).toMatchObject({ disabled: true });
      // Two instances adding the same username at once: exactly one wins.
      const added = await Promise.all([a.addAccount(account('carl')), b.addAccount(account('carl')), a.addAccount(account('carl'))]);
      expect(added.filter(Boolean)).toHaveLength(1);
    });

    it('appends audit entries in a gap-free hash chain and pages them newest first', async () => {
      const records = await stores.records();
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

    it('stores named versions with their state, listed newest first without it', async () => {
      const records = await stores.records();
      const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
      await records.addVersion(namedVersion('v1', '2026-11-03T10:00:00.000Z'));
      await records.addVersion(namedVersion('v3', '2026-11-05T10:00:00.000Z', big));
      await records.addVersion(namedVersion('v2', '2026-11-04T10:00:00.000Z'));
      await records.addVersion({ ...namedVersion('v9', '2026-11-09T10:00:00.000Z'), document: 'child:c2' });
      const { state: _state, ...info } = namedVersion('v3', '2026-11-05T10:00:00.000Z');
      const listed = await records.versionsOf('child:c1');
      expect(listed.map((v) => v.id)).toEqual(['v3', 'v2', 'v1']);
      expect(listed[0]).toEqual(info);
      expect(await records.version('v3')).toEqual(namedVersion('v3', '2026-11-05T10:00:00.000Z', big));
      expect((await records.version('v1'))!.state).toEqual(new Uint8Array([0, 1, 2, 255]));
      expect(await records.version('nope')).toBeUndefined();
      expect(await records.versionsOf('child:none')).toEqual([]);
      await expect(records.addVersion(namedVersion('v1', '2026-11-06T10:00:00.000Z'))).rejects.toThrow();
      await expect(records.addVersion({ ...namedVersion('v4', '2026-11-06T10:00:00.000Z'), state: 'abc' as unknown as Uint8Array })).rejects.toThrow(TypeError);
      expect(await records.version('v1')).toEqual(namedVersion('v1', '2026-11-03T10:00:00.000Z'));
    });

    it('indexes children, in name order, replacing a summary when put again', async () => {
      const records = await stores.records();
      for (const [id, name] of [['c2', 'Zoe'], ['c1', 'amy'], ['c3', 'Ben'], ['c4', 'Émile'], ['c5', 'Ben']]) await records.putChild(summary(id!, name!));
      expect((await records.children()).map((c) => [c.name, c.childId])).toEqual([
        ['amy', 'c1'],
        ['Ben', 'c3'],
        ['Ben', 'c5'],
        ['Émile', 'c4'],
        ['Zoe', 'c2'],
      ]);
      expect((await records.children(['c2', 'c1', 'unknown', 'not/valid'])).map((c) => c.childId)).toEqual(['c1', 'c2']);
      expect(await records.children([])).toEqual([]);
      const red = summary('c1', 'Amy', { rating: 'red', stage: null, nextDue: null, nextDueTitle: null, pathwayId: null, pathwayTitle: null });
      await records.putChild(red);
      expect(await records.child('c1')).toEqual(red);
      expect(await records.child('unknown')).toBeUndefined();
      await expect(records.putChild(summary('c6', 'Kit', { nextDue: '2026-13-45' }))).rejects.toThrow(TypeError);
      await expect(records.putChild(summary('c6', 'Kit', { rating: 'blue' as ChildSummary['rating'] }))).rejects.toThrow(TypeError);
      expect(await records.children()).toHaveLength(5);
    });

    it('keeps the first value of a setting, for every instance', async () => {
      const store = await stores.store();
      const [a, b] = [await stores.open(store), await stores.open(store)];
      let created = 0;
      const create = (byte: number) => (): Uint8Array => {
        created += 1;
        return new Uint8Array([byte, byte]);
      };
      const [x, y] = await Promise.all([a.setting('token-signing-secret', create(1)), b.setting('token-signing-secret', create(2))]);
      expect(x).toEqual(y);
      expect(created).toBeGreaterThanOrEqual(1);
      const again = await b.setting('token-signing-secret', () => {
        throw new Error('must not be called: the setting exists');
      });
      expect(again).toEqual(x);
      await expect(a.setting('other', () => {
        throw new Error('no randomness today');
      })).rejects.toThrow(/no randomness/);
      await expect(a.setting('other', () => 'text' as unknown as Uint8Array)).rejects.toThrow(TypeError);
      await expect(a.setting('', create(3))).rejects.toThrow(TypeError);
      expect(await a.setting('other', create(5))).toEqual(new Uint8Array([5, 5]));
    });

    it('rejects writes while storage fails, having written nothing', async () => {
      const store = await stores.store();
      const records = await stores.open(store);
      await records.addAccount(account('amy.worker'));
      await records.grant(grant('amy.worker', 'c1'));
      await records.appendAudit([auditEntry(1)]);
      const version = await records.accessVersion();

      // The counter is written last in every account and grant change: the change must roll back.
      await store.failWrites(['records_access']);
      const failures = await Promise.allSettled([
        records.addAccount(account('ben.iro')),
        records.setDisabled('amy.worker', true),
        records.setPasswordHash('amy.worker', 'scrypt$other'),
        records.grant(grant('amy.worker', 'c1', 'edit', true)),
        records.grant(grant('amy.worker', 'c2')),
        records.revoke('amy.worker', 'c1'),
      ]);
      for (const failure of failures) expect(failure.status === 'rejected' && String(failure.reason)).toMatch(/injected failure/);
      expect(await records.accounts()).toEqual([account('amy.worker')]);
      expect(await records.grantsOf('amy.worker')).toEqual([grant('amy.worker', 'c1')]);
      expect(await records.accessVersion()).toBe(version);

      // The chain head is written last in an audit append.
      await store.failWrites(['records_audit_head']);
      await expect(records.appendAudit([auditEntry(2), auditEntry(3)])).rejects.toThrow(/injected failure/);
      expect(await records.auditOf('child:c1', 10)).toHaveLength(1);
      expect(await records.verifyAudit()).toEqual({ ok: true, entries: 1 });

      await store.failWrites(['records_versions', 'records_children', 'records_settings']);
      await expect(records.addVersion(namedVersion('v1', '2026-11-03T10:00:00.000Z'))).rejects.toThrow(/injected failure/);
      await expect(records.putChild(summary('c1', 'Rowan'))).rejects.toThrow(/injected failure/);
      await expect(records.setting('token-signing-secret', () => new Uint8Array([1]))).rejects.toThrow(/injected failure/);
      expect(await records.version('v1')).toBeUndefined();
      expect(await records.children()).toEqual([]);

      // Storage is back: everything works, the chain continues without a gap.
      await store.failWrites([]);
      expect((await records.appendAudit([auditEntry(2)]))[0]!.seq).toBe(2);
      expect(await records.verifyAudit()).toEqual({ ok: true, entries: 2 });
      expect(await records.setting('token-signing-secret', () => new Uint8Array([2]))).toEqual(new Uint8Array([2]));
      await records.grant(grant('amy.worker', 'c2'));
      expect(await records.accessVersion()).toBe(version + 1);
    });

    it('waits for calls in progress on close, then rejects every call; closing twice is fine', async () => {
      const store = await stores.store();
      const records = await store.open();
      await records.addAccount(account('amy.worker'));
      for (let i = 0; i < 5; i++) await records.appendAudit(Array.from({ length: 500 }, (_, n) => auditEntry(i * 500 + n)));
      const verifying = records.verifyAudit();
      const closing = records.close();
      expect(await verifying).toEqual({ ok: true, entries: 2500 });
      await closing;
      await records.close();
      await expect(records.account('amy.worker')).rejects.toThrow(/closed/);
      await expect(records.accessVersion()).rejects.toThrow(/closed/);
      await expect(records.appendAudit([auditEntry(1)])).rejects.toThrow(/closed/);
      await expect(records.setting('x', () => new Uint8Array([1]))).rejects.toThrow(/closed/);
      const reopened = await stores.open(store);
      expect(await reopened.account('amy.worker')).toEqual(account('amy.worker'));
      expect(await reopened.verifyAudit()).toEqual({ ok: true, entries: 2500 });
    });

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
  });
}
