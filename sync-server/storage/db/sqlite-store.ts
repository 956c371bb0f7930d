/**
 * Opening the SQLite store: the file, the pragmas that make a commit durable, and the schema
 * migrations (numbered by `PRAGMA user_version`). Shared by the log, backup and restore.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inSqliteTransaction } from './sqlite-transaction.ts';

/** The database file inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'documents.sqlite';

/** Path of the database file for `dataDir`. */
export function sqlitePath(dataDir: string): string {
  return join(dataDir, SQLITE_FILE_NAME);
}

/**
 * One entry per schema version: MIGRATIONS[i] takes version i to i + 1. Never edit a shipped
 * entry; append a new one. The snapshot lives in its own table so that bumping a document's
 * seq on every append never rewrites the snapshot's bytes.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE yjs_documents (
     name TEXT PRIMARY KEY,
     last_seq INTEGER NOT NULL,
     snapshot_seq INTEGER NOT NULL DEFAULT 0,
     pending_count INTEGER NOT NULL DEFAULT 0,
     pending_bytes INTEGER NOT NULL DEFAULT 0
   ) STRICT;
   CREATE TABLE yjs_snapshots (
     name TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL
   ) STRICT;
   CREATE TABLE yjs_updates (
     name TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (name, seq)
   ) STRICT;`,
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating when missing) the database at `path`: WAL with `synchronous=FULL`, so each
 * commit syncs the WAL and survives power loss; a busy timeout so a second process waits for the
 * write lock instead of failing; then migrates the schema. Throws when the file was written by a
 * newer schema or WAL cannot be enabled.
 */
export function openSqliteDatabase(path: string, busyTimeoutMs = 5000): DatabaseSync {
  mkdirSync(dirname(path), { recursive: true });
  const created = !existsSync(path);
  const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
  try {
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string } | undefined;
    if (mode?.journal_mode !== 'wal') throw new Error(`${path}: cannot use WAL (journal_mode is ${mode?.journal_mode})`);
    db.exec('PRAGMA synchronous = FULL');
    migrate(db, path);
    // A new file's directory entry must reach the disk too, or power loss could lose the file.
    if (created) syncDirectory(dirname(path));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version of an open database. */
export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

function migrate(db: DatabaseSync, path: string): void {
  // IMMEDIATE takes the write lock first, so two processes opening at once migrate only once.
  inSqliteTransaction(db, 'BEGIN IMMEDIATE', () => {
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) {
      throw new Error(`${path} has schema version ${version}; this server knows up to ${MIGRATIONS.length}`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version !== MIGRATIONS.length) db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
  });
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
