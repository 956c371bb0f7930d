/**
 * The server records' part of SQLite backups and restores: reading the records tables of a
 * backup file (a copy of `documents.sqlite`) as backup records, and writing backup records
 * into the store during a restore. Called by `storage/sqlite-backup.ts` and
 * `storage/sqlite-restore.ts`, inside their transaction.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RecordsBackupRecord } from './backup-records.ts';
import { accountOf, auditEntryOf, childOf, grantOf, versionOf, type AccountRow, type AuditRow, type ChildRow, type GrantRow, type SettingRow, type VersionRow } from '../records/record-rows.ts';
import { auditInserter } from '../records/sqlite-audit-log.ts';
import type { AuditEntry } from '../records/server-records.ts';
import { RECORDS_SQLITE_SCHEMA_VERSION, recordsSchemaVersion, SQLITE_RECORDS_TABLES } from '../records/sqlite-records-schema.ts';

/**
 * The records in the SQLite database `db` (a backup file), in backup order. A file without
 * records tables (a backup made before they existed, or of a store whose server never opened
 * them) holds none; a file of another records schema version is refused.
 */
export function* sqliteRecordsOf(db: DatabaseSync, file: string): Generator<RecordsBackupRecord> {
  const version = recordsSchemaVersion(db);
  if (version === 0) return;
  if (version !== RECORDS_SQLITE_SCHEMA_VERSION) throw new Error(`${file} has records schema version ${version}, expected ${RECORDS_SQLITE_SCHEMA_VERSION}`);
  const rows = <R>(sql: string): Iterable<R> => db.prepare(sql).iterate() as Iterable<R>;
  for (const row of rows<AccountRow>('SELECT * FROM records_accounts ORDER BY username')) yield { t: 'account', ...accountOf(row) };
  for (const row of rows<GrantRow>('SELECT * FROM records_grants ORDER BY username, child_id')) yield { t: 'grant', ...grantOf(row) };
  for (const row of rows<AuditRow>('SELECT * FROM records_audit ORDER BY seq')) yield { t: 'audit', ...auditEntryOf(row) };
  for (const row of rows<VersionRow>('SELECT * FROM records_versions ORDER BY id')) yield { t: 'version', ...versionOf(row) };
  for (const row of rows<ChildRow>('SELECT * FROM records_children ORDER BY child_id')) yield { t: 'child', ...childOf(row) };
  for (const row of rows<SettingRow>('SELECT key, value FROM records_settings ORDER BY key')) yield { t: 'setting', key: row.key, value: row.value };
}

/**
 * Replaces the records of a SQLite store with a backup's, inside the caller's transaction
 * (records tables already migrated): {@link clear}, then {@link insert} each record, then
 * {@link finish}. A rollback undoes all of it, the dropped audit triggers included.
 */
export class SqliteRecordsRestore {
  readonly #db: DatabaseSync;
  readonly #insert: Record<Exclude<RecordsBackupRecord['t'], 'audit'>, StatementSync>;
  readonly #insertAudit: (e: AuditEntry) => void;
  #triggers: string[] = [];

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertAudit = auditInserter(db);
    this.#insert = {
      account: db.prepare(`INSERT INTO records_accounts (username, name, role, organisation, password_hash, disabled, admin, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      grant: db.prepare('INSERT INTO records_grants (username, child_id, level, restricted) VALUES (?, ?, ?, ?)'),
      version: db.prepare('INSERT INTO records_versions (id, document, name, created_at, created_by, state) VALUES (?, ?, ?, ?, ?, ?)'),
      child: db.prepare(`INSERT INTO records_children (child_id, name, pathway_id, pathway_title, stage, rating, next_due, next_due_title, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      setting: db.prepare('INSERT INTO records_settings (key, value) VALUES (?, ?)'),
    };
  }

  /** Empties the records tables. The audit log's append-only triggers are dropped until {@link finish}. */
  clear(): void {
    const triggers = this.#db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records_audit' ORDER BY name`)
      .all() as { name: string; sql: string }[];
    for (const trigger of triggers) this.#db.exec(`DROP TRIGGER "${trigger.name.replaceAll('"', '""')}"`);
    this.#triggers = triggers.map((t) => t.sql);
    for (const table of [...SQLITE_RECORDS_TABLES].reverse()) this.#db.exec(`DELETE FROM ${table}`);
  }

  insert(record: RecordsBackupRecord): void {
    if (record.t === 'audit') return this.#insertAudit(record);
    const statement = this.#insert[record.t];
    switch (record.t) {
      case 'account':
        statement.run(record.username, record.name, record.role, record.organisation, record.passwordHash, Number(record.disabled), Number(record.admin), record.createdAt);
        return;
      case 'grant':
        statement.run(record.username, record.childId, record.level, Number(record.restricted));
        return;
      case 'version':
        statement.run(record.id, record.document, record.name, record.createdAt, record.createdBy, record.state);
        return;
      case 'child':
        statement.run(record.childId, record.name, record.pathwayId, record.pathwayTitle, record.stage, record.rating, record.nextDue, record.nextDueTitle, record.updatedAt);
        return;
      case 'setting':
        statement.run(record.key, record.value);
        return;
    }
  }

  /**
   * Points the audit chain head at the last restored entry, bumps the access version (so a
   * server that kept running notices), and puts the audit triggers back.
   */
  finish(): void {
    this.#db.exec(`UPDATE records_audit_head SET
      seq = coalesce((SELECT max(seq) FROM records_audit), 0),
      hash = coalesce((SELECT hash FROM records_audit ORDER BY seq DESC LIMIT 1), '')`);
    this.#db.exec('UPDATE records_access SET version = version + 1');
    for (const sql of this.#triggers) this.#db.exec(sql);
    this.#triggers = [];
  }
}
