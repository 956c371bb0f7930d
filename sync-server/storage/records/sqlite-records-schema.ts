/**
 * The server records' tables in the SQLite store: the same file as the document log
 * (`DATA_DIR/documents.sqlite`), so one online backup of that file holds both. The document log
 * numbers its schema with `PRAGMA user_version`; these tables number theirs in
 * `records_schema`, so the two migrate independently.
 */
import type { DatabaseSync } from 'node:sqlite';
import { inSqliteTransaction } from '../db/sqlite-transaction.ts';

/**
 * One entry per schema version: MIGRATIONS[i] takes version i to i + 1. Never edit a shipped
 * entry; append a new one. Booleans are INTEGER 0/1, timestamps TEXT exactly as given (ISO
 * 8601), audit parts a JSON array. The counter and chain-head tables hold one row each.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE records_accounts (
     username TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     organisation TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
     admin INTEGER NOT NULL CHECK (admin IN (0, 1)),
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE records_grants (
     username TEXT NOT NULL REFERENCES records_accounts (username),
     child_id TEXT NOT NULL,
     level TEXT NOT NULL CHECK (level IN ('read', 'edit')),
     restricted INTEGER NOT NULL CHECK (restricted IN (0, 1)),
     PRIMARY KEY (username, child_id)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX records_grants_by_child ON records_grants (child_id, username);
   CREATE TABLE records_access (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version INTEGER NOT NULL
   ) STRICT;
   INSERT INTO records_access (id, version) VALUES (1, 0);
   CREATE TABLE records_audit (
     seq INTEGER PRIMARY KEY CHECK (seq >= 1),
     at TEXT NOT NULL,
     username TEXT NOT NULL,
     document TEXT NOT NULL,
     parts TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('edit', 'create', 'restore', 'import')),
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) STRICT;
   CREATE INDEX records_audit_by_document ON records_audit (document, seq);
   CREATE TABLE records_audit_head (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     seq INTEGER NOT NULL,
     hash TEXT NOT NULL
   ) STRICT;
   INSERT INTO records_audit_head (id, seq, hash) VALUES (1, 0, '');
   CREATE TRIGGER records_audit_no_update BEFORE UPDATE ON records_audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed'); END;
   CREATE TRIGGER records_audit_no_delete BEFORE DELETE ON records_audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be deleted'); END;
   CREATE TRIGGER records_audit_head_no_delete BEFORE DELETE ON records_audit_head
     BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;
   CREATE TABLE records_versions (
     id TEXT PRIMARY KEY,
     document TEXT NOT NULL,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     state BLOB NOT NULL
   ) STRICT;
   CREATE INDEX records_versions_by_document ON records_versions (document, created_at, id);
   CREATE TABLE records_children (
     child_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     pathway_id TEXT,
     pathway_title TEXT,
     stage TEXT,
     rating TEXT CHECK (rating IN ('red', 'amber', 'green')),
     next_due TEXT,
     next_due_title TEXT,
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE records_settings (
     key TEXT PRIMARY KEY,
     value BLOB NOT NULL
   ) STRICT;`,
  // 2: the caseload index re-rated with the calendar: the day each entry was rated for, what
  // re-rating it needs (opaque JSON), and the day the whole caseload was last re-rated for.
  `ALTER TABLE records_children ADD COLUMN rated_on TEXT;
   ALTER TABLE records_children ADD COLUMN rating_input TEXT;
   CREATE TABLE records_caseload (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     rated_on TEXT NOT NULL
   ) STRICT;`,
  // 3: an administrator may delete a named version, audited as 'delete-version'. SQLite cannot
  // change a CHECK, so the audit table is copied into one with the new list (entries unchanged,
  // so the hash chain still verifies) and its index and append-only triggers made again.
  `CREATE TABLE records_audit_next (
     seq INTEGER PRIMARY KEY CHECK (seq >= 1),
     at TEXT NOT NULL,
     username TEXT NOT NULL,
     document TEXT NOT NULL,
     parts TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('edit', 'create', 'restore', 'import', 'delete-version')),
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) STRICT;
   INSERT INTO records_audit_next SELECT seq, at, username, document, parts, bytes, action, prev_hash, hash FROM records_audit;
   DROP TRIGGER records_audit_no_update;
   DROP TRIGGER records_audit_no_delete;
   DROP TABLE records_audit;
   ALTER TABLE records_audit_next RENAME TO records_audit;
   CREATE INDEX records_audit_by_document ON records_audit (document, seq);
   CREATE TRIGGER records_audit_no_update BEFORE UPDATE ON records_audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed'); END;
   CREATE TRIGGER records_audit_no_delete BEFORE DELETE ON records_audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be deleted'); END;`,
];

/** The records schema version this code writes. */
export const RECORDS_SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The data tables, parents before children (insert in this order, delete in reverse).
 * `records_caseload` (the day the caseload was last re-rated) is not one: it has no backup
 * lines, and a restore leaves it; restored entries have no rated day of their own, so it does
 * not apply to them until the start-up pass has re-rated them.
 */
export const SQLITE_RECORDS_TABLES = ['records_accounts', 'records_grants', 'records_audit', 'records_versions', 'records_children', 'records_settings'] as const;

/** The records schema version of `db`: 0 when it has no records tables. */
export function recordsSchemaVersion(db: DatabaseSync): number {
  const table = db.prepare(`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'records_schema'`).get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM records_schema').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Creates or upgrades the records tables of `db` (opened by `openSqliteDatabase`). Runs under
 * BEGIN IMMEDIATE, so two processes opening at once migrate only once. Throws, changing
 * nothing, when the file was written by a newer records schema.
 */
export function migrateSqliteRecords(db: DatabaseSync, path: string): void {
  inSqliteTransaction(db, 'BEGIN IMMEDIATE', () => {
    db.exec(`CREATE TABLE IF NOT EXISTS records_schema (
      version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT`);
    const version = recordsSchemaVersion(db);
    if (version > MIGRATIONS.length) {
      throw new Error(`${path} has records schema version ${version}; this server knows up to ${MIGRATIONS.length}`);
    }
    const record = db.prepare('INSERT INTO records_schema (version) VALUES (?)');
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      record.run(v + 1);
    }
  });
}
