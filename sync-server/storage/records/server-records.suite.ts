/**
 * The one test suite every `ServerRecords` implementation passes (DESIGN.md, Conventions:
 * an interface with several implementations has one shared suite). A backend's test file calls
 * {@link describeServerRecords} with a factory of fresh, empty stores; the audit log and backup
 * parts are in `server-records-audit.suite.ts` and `server-records-backup.suite.ts`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeAuditLog } from './server-records-audit.suite.ts';
import { describeRecordsBackup } from './server-records-backup.suite.ts';
import { account, auditEntry, grant, namedVersion, summary, TestRecordStores, type RecordsStoreUnderTest } from '../../testing/server-records-fixtures.ts';
import type { ChildSummary, Grant } from './server-records.ts';
import { calendarKeySetting, readSetting, sessionSetting } from './account-settings.ts';

export type { RecordsStoreUnderTest } from '../../testing/server-records-fixtures.ts';

/** Registers the shared suite for one backend. */
export function describeServerRecords(backend: string, createStore: () => Promise<RecordsStoreUnderTest>): void {
  describe(`ServerRecords: ${backend}`, () => {
    const stores = new TestRecordStores(createStore);
    afterEach(() => stores.cleanup());

    it('adds an account once; usernames are exact, validated identifiers', async () => {
      const records = await stores.fresh();
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
      const records = await stores.fresh();
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
      const records = await stores.fresh();
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

    it('stores named versions with their state, listed newest first without it', async () => {
      const records = await stores.fresh();
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

    it('keeps at most a number of versions per document, even saved in parallel, and deletes one', async () => {
      const records = await stores.fresh();
      const saved = await Promise.all(Array.from({ length: 6 }, (_, i) => records.addVersion(namedVersion(`p${i}`, `2026-11-0${i + 1}T10:00:00.000Z`), 3)));
      expect(saved.filter(Boolean)).toHaveLength(3);
      expect(await records.versionsOf('child:c1')).toHaveLength(3);
      // Another document has its own count.
      expect(await records.addVersion({ ...namedVersion('q1', '2026-11-01T10:00:00.000Z'), document: 'child:c2' }, 3)).toBe(true);
      const kept = (await records.versionsOf('child:c1'))[0]!;
      const deleted = await records.deleteVersion(kept.id);
      expect(deleted).toEqual({ ...kept, bytes: 4 });
      expect(await records.version(kept.id)).toBeUndefined();
      expect(await records.deleteVersion(kept.id)).toBeUndefined();
      expect(await records.addVersion(namedVersion('p9', '2026-11-09T10:00:00.000Z'), 3)).toBe(true);
      // The audit log accepts the deletion's action.
      const [entry] = await records.appendAudit([{ at: '2026-11-10T10:00:00.000Z', username: 'admin', document: 'child:c1', parts: [`version ${kept.id}`], bytes: 4, action: 'delete-version' }]);
      expect(entry).toMatchObject({ action: 'delete-version' });
      expect(await records.verifyAudit()).toEqual({ ok: true, entries: 1 });
    });

    it('indexes children, in name order, replacing a summary when put again', async () => {
      const records = await stores.fresh();
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
      expect(await records.child('c1')).toEqual({ ...red, ratedOn: null });
      expect(await records.child('unknown')).toBeUndefined();
      await expect(records.putChild(summary('c6', 'Kit', { nextDue: '2026-13-45' }))).rejects.toThrow(TypeError);
      await expect(records.putChild(summary('c6', 'Kit', { rating: 'blue' as ChildSummary['rating'] }))).rejects.toThrow(TypeError);
      expect(await records.children()).toHaveLength(5);
    });

    it('keeps a rating input with an entry, re-rates it only while the input is unchanged, and says the caseload day', async () => {
      const store = await stores.store();
      const [records, other] = [await stores.open(store), await stores.open(store)];
      const input = JSON.stringify({ v: 1, events: ['é', 'x'.repeat(5000)] });
      await records.putChild(summary('c2', 'Zoe', { ratedOn: '2026-12-01' }), input);
      await records.putChild(summary('c1', 'amy'));
      for (let i = 10; i < 15; i++) await records.putChild(summary(`c${i}`, `Kit ${i}`, { ratedOn: '2026-12-01' }), `{"n":${i}}`);
      const first = await records.childrenToRate(null, 3);
      expect(first.map((c) => [c.summary.childId, c.ratingInput])).toEqual([['c1', null], ['c10', '{"n":10}'], ['c11', '{"n":11}']]);
      const rest = await records.childrenToRate('c11', 10);
      expect(rest.map((c) => c.summary.childId)).toEqual(['c12', 'c13', 'c14', 'c2']);
      expect(rest.at(-1)).toEqual({ summary: summary('c2', 'Zoe', { ratedOn: '2026-12-01' }), ratingInput: input });
      await expect(records.childrenToRate(null, 0)).rejects.toThrow(RangeError);

      const rerating = { rating: 'red', nextDue: '2026-12-02', nextDueTitle: 'Review', ratedOn: '2026-12-03', updatedAt: '2026-12-03T00:00:01.000Z' } as const;
      expect(await records.rateable('c2')).toEqual({ summary: summary('c2', 'Zoe', { ratedOn: '2026-12-01' }), ratingInput: input });
      expect(await records.rateable('unknown')).toBeUndefined();
      expect(await other.rerateChildren([{ childId: 'c2', basedOn: input, rating: rerating }, { childId: 'c10', basedOn: '{"n":99}', rating: rerating }])).toEqual([true, false]);
      expect((await records.child('c10'))?.rating).toBe(summary('c10', 'x').rating);
      expect(await records.child('c2')).toEqual(summary('c2', 'Zoe', rerating));
      // Rewritten from a newer plan meanwhile: the pass's stale result is not written over it.
      await records.putChild(summary('c2', 'Zoe', { ratedOn: '2026-12-03' }), '{"newer":true}');
      expect(await other.rerateChildren([{ childId: 'c2', basedOn: input, rating: { ...rerating, rating: 'amber' } }])).toEqual([false]);
      expect((await records.child('c2'))?.rating).toBe(summary('c2', 'Zoe').rating);
      expect(await records.rerateChildren([{ childId: 'c1', basedOn: 'null', rating: rerating }])).toEqual([false]);
      expect(await records.rerateChildren([])).toEqual([]);
      await expect(records.rerateChildren([{ childId: 'c2', basedOn: input, rating: { ...rerating, ratedOn: 'today' } }])).rejects.toThrow(TypeError);

      expect(await records.caseloadRatedOn()).toBeNull();
      await records.markCaseloadRated('2026-12-04');
      await other.markCaseloadRated('2026-12-02');
      expect(await other.caseloadRatedOn()).toBe('2026-12-04');
      // Entries rated before say the caseload's day; one never rated says none.
      expect((await records.child('c10'))?.ratedOn).toBe('2026-12-04');
      expect((await other.children(['c1', 'c2'])).map((c) => c.ratedOn)).toEqual([null, '2026-12-04']);
      await expect(records.markCaseloadRated('4 December')).rejects.toThrow(TypeError);
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

    it('deletes a setting, bumping the access version, and ends an account\'s settings with a password change or a disable', async () => {
      const store = await stores.store();
      const records = await stores.open(store);
      await records.addAccount(account('amy.worker'));
      const fresh = (byte: number) => (): Uint8Array => new Uint8Array([byte]);
      await records.setting(sessionSetting('amy.worker'), fresh(1));
      await records.setting(calendarKeySetting('amy.worker'), fresh(2));
      await records.setting('token-signing-secret', fresh(3));
      const before = await records.accessVersion();
      expect(await records.deleteSetting(sessionSetting('amy.worker'))).toBe(true);
      expect(await records.accessVersion()).toBe(before + 1);
      expect(await records.deleteSetting(sessionSetting('amy.worker'))).toBe(false);
      expect(await readSetting(records, sessionSetting('amy.worker'))).toBeUndefined();
      expect(await records.setting(sessionSetting('amy.worker'), fresh(4))).toEqual(new Uint8Array([4]));
      await expect(records.deleteSetting('')).rejects.toThrow(TypeError);

      expect(await records.setPasswordHash('amy.worker', account('amy.worker').passwordHash)).toBe(true);
      expect(await readSetting(records, sessionSetting('amy.worker'))).toBeUndefined();
      expect(await readSetting(records, calendarKeySetting('amy.worker'))).toBeUndefined();
      await records.setting(sessionSetting('amy.worker'), fresh(5));
      expect(await records.setDisabled('amy.worker', true)).toBe(true);
      expect(await readSetting(records, sessionSetting('amy.worker'))).toBeUndefined();
      expect(await records.setting('token-signing-secret', fresh(9))).toEqual(new Uint8Array([3]));
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

    describeAuditLog(stores);
    describeRecordsBackup(stores);
  });
}
