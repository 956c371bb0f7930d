/**
 * The server records' part of PostgreSQL backups and restores: exporting the records tables
 * as backup records inside the backup's REPEATABLE READ transaction, and writing backup
 * records into the database during a restore. Called by `storage/postgres-backup.ts`.
 */
import type pg from 'pg';
import { cursor } from '../db/postgres-transaction.ts';
import type { RecordsBackupRecord } from './backup-records.ts';
import { insertPostgresAudit } from '../records/postgres-audit-log.ts';
import { RECORDS_POSTGRES_SCHEMA_VERSION, recordsVersion } from '../records/postgres-records-schema.ts';
import { accountOf, auditEntryOf, childOf, grantOf, plainBytes, versionOf, type AccountRow, type AuditRow, type ChildRow, type GrantRow, type SettingRow, type VersionRow } from '../records/record-rows.ts';


/**
 * The records in the database, in backup order, read through `client` (inside the backup's
 * transaction). A database whose server never opened the records has none; a database of
 * another records schema version is refused.
 */
export async function* postgresRecordsOf(client: pg.PoolClient): AsyncGenerator<RecordsBackupRecord> {
  const version = await recordsVersion(client);
  if (version === 0) return;
  if (version !== RECORDS_POSTGRES_SCHEMA_VERSION) throw new Error(`the database has records schema version ${version}, expected ${RECORDS_POSTGRES_SCHEMA_VERSION}`);
  for await (const row of cursor<AccountRow>(client, 'records_accounts_c', 'SELECT * FROM records_accounts ORDER BY username COLLATE "C"')) {
    yield { t: 'account', ...accountOf(row) };
  }
  for await (const row of cursor<GrantRow>(client, 'records_grants_c', 'SELECT * FROM records_grants ORDER BY username COLLATE "C", child_id COLLATE "C"')) {
    yield { t: 'grant', ...grantOf(row) };
  }
  for await (const row of cursor<AuditRow>(client, 'records_audit_c', 'SELECT * FROM records_audit ORDER BY seq')) yield { t: 'audit', ...auditEntryOf(row) };
  for await (const row of cursor<VersionRow>(client, 'records_versions_c', 'SELECT * FROM records_versions ORDER BY id COLLATE "C"')) {
    yield { t: 'version', ...versionOf(row) };
  }
  for await (const row of cursor<ChildRow>(client, 'records_children_c', 'SELECT * FROM records_children ORDER BY child_id COLLATE "C"')) {
    yield { t: 'child', ...childOf(row) };
  }
  for await (const row of cursor<SettingRow>(client, 'records_settings_c', 'SELECT key, value FROM records_settings ORDER BY key COLLATE "C"')) {
    yield { t: 'setting', key: row.key, value: plainBytes(row.value) };
  }
}


/** The records tables, parents first. */
const TABLES = ['records_accounts', 'records_grants', 'records_audit', 'records_versions', 'records_children', 'records_settings'];

type Restorable = Exclude<RecordsBackupRecord['t'], 'audit'>;

/** Per kind: its table, its columns with their types, and a record's values in that order. */
const RESTORE: { [K in Restorable]: { table: string; columns: readonly (readonly [string, string])[]; row: (r: Extract<RecordsBackupRecord, { t: K }>) => unknown[] } } = {
  account: {
    table: 'records_accounts',
    columns: [['username', 'text'], ['name', 'text'], ['role', 'text'], ['organisation', 'text'], ['password_hash', 'text'], ['disabled', 'boolean'], ['admin', 'boolean'], ['created_at', 'text']],
    row: (r) => [r.username, r.name, r.role, r.organisation, r.passwordHash, r.disabled, r.admin, r.createdAt],
  },
  grant: { table: 'records_grants', columns: [['username', 'text'], ['child_id', 'text'], ['level', 'text'], ['restricted', 'boolean']], row: (r) => [r.username, r.childId, r.level, r.restricted] },
  version: {
    table: 'records_versions',
    columns: [['id', 'text'], ['document', 'text'], ['name', 'text'], ['created_at', 'text'], ['created_by', 'text'], ['state', 'bytea']],
    row: (r) => [r.id, r.document, r.name, r.createdAt, r.createdBy, r.state],
  },
  child: {
    table: 'records_children',
    columns: [['child_id', 'text'], ['name', 'text'], ['pathway_id', 'text'], ['pathway_title', 'text'], ['stage', 'text'], ['rating', 'text'], ['next_due', 'text'], ['next_due_title', 'text'], ['updated_at', 'text']],
    row: (r) => [r.childId, r.name, r.pathwayId, r.pathwayTitle, r.stage, r.rating, r.nextDue, r.nextDueTitle, r.updatedAt],
  },
  setting: { table: 'records_settings', columns: [['key', 'text'], ['value', 'bytea']], row: (r) => [r.key, r.value] },
};

/**
 * Replaces the records in the database with a backup's, inside the caller's transaction
 * (records tables already migrated): {@link clear}, {@link insert} batches, {@link finish}.
 * A rollback undoes all of it, the disabled audit triggers included.
 */
export class PostgresRecordsRestore {
  readonly #client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  /** Locks and empties the records tables; the audit log's append-only triggers are off until {@link finish}. */
  async clear(): Promise<void> {
    await this.#client.query(`LOCK TABLE ${TABLES.join(', ')}, records_access, records_audit_head IN ACCESS EXCLUSIVE MODE`);
    await this.#client.query('ALTER TABLE records_audit DISABLE TRIGGER USER');
    await this.#client.query(`DELETE FROM ${[...TABLES].reverse().join('; DELETE FROM ')}`);
  }

  /** Inserts records that are all of one kind, in one statement. */
  async insert(batch: readonly RecordsBackupRecord[]): Promise<void> {
    const kind = batch[0]?.t;
    if (kind === undefined) return;
    if (kind === 'audit') return insertPostgresAudit(this.#client, batch as Extract<RecordsBackupRecord, { t: 'audit' }>[]);
    const { table, columns, row } = RESTORE[kind];
    const rows = batch.map(row as (r: RecordsBackupRecord) => unknown[]);
    await this.#client.query(
      `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      columns.map((_, i) => rows.map((r) => r[i])),
    );
  }

  /** Points the audit chain head at the last restored entry, bumps the access version, turns the triggers back on. */
  async finish(): Promise<void> {
    await this.#client.query(`UPDATE records_audit_head SET
      seq = coalesce((SELECT max(seq) FROM records_audit), 0),
      hash = coalesce((SELECT hash FROM records_audit ORDER BY seq DESC LIMIT 1), '')`);
    await this.#client.query('UPDATE records_access SET version = version + 1');
    await this.#client.query('ALTER TABLE records_audit ENABLE TRIGGER USER');
  }
}
