/**
 * What the shared {@link ServerRecords} suite works with: the store under test, instances closed
 * after each test, and sample records. Also used by the storage backup tests.
 */
import { TestStores } from './test-stores.ts';
import type { BackupCounts } from '../storage/backup/backup-records.ts';
import type { Account, ChildSummary, Grant, NamedVersion, NewAuditEntry, ServerRecords } from '../storage/records/server-records.ts';

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

/** Stores and records for one test, all closed after it. */
export type TestRecordStores = TestStores<RecordsStoreUnderTest, ServerRecords>;
export const TestRecordStores = TestStores<RecordsStoreUnderTest, ServerRecords>;

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

/** A grant, read-only and not restricted unless told. */
export function grant(username: string, childId: string, level: Grant['level'] = 'read', restricted = false): Grant {
  return { username, childId, level, restricted };
}

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
