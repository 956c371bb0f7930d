/**
 * Copying a SQLite store file online through SQLite's backup API (consistent while the server
 * keeps writing) into a single self-contained file: what the SQLite log's `backup` and
 * `npm run admin -- backup` write. Reading such a file back is `../backup/sqlite-backup.ts`.
 */
import { existsSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { asidePath, removeAside, replaceDurably } from './durable-file.ts';
import { sqlitePath } from './sqlite-store.ts';

/** Copies everything in one backup step: for a connection that nothing else writes through. */
export const WHOLE_DATABASE = 0x7fffffff;

/**
 * Writes a consistent copy of `db` to `file`. The copy is made `pagesPerStep` pages at a time
 * off the main thread; writes through `db` meanwhile are carried into the copy, writes by other
 * connections restart it, so a connection used only for the backup should copy the
 * {@link WHOLE_DATABASE} in one step (a read transaction, which in WAL mode blocks no writer).
 * The copy is switched to rollback-journal mode (one file), checked, synced and renamed over
 * `file`, so `file` is never half-written.
 */
export async function backupSqliteDatabase(db: DatabaseSync, file: string, pagesPerStep: number): Promise<void> {
  const aside = asidePath(file);
  try {
    await backup(db, aside, { rate: pagesPerStep });
    const copy = new DatabaseSync(aside);
    try {
      copy.exec('PRAGMA journal_mode = DELETE');
      const check = copy.prepare('PRAGMA quick_check').get() as { quick_check: string };
      if (check.quick_check !== 'ok') throw new Error(`backup copy failed its check: ${check.quick_check}`);
    } finally {
      copy.close();
    }
    await replaceDurably(aside, file);
  } catch (error) {
    await removeAside(aside);
    throw error;
  }
}

/**
 * Backs up the store in `dataDir` to `file` from a connection of its own, in one step: for
 * `npm run admin -- backup` while the server runs in another process.
 */
export async function backupSqliteStore(dataDir: string, file: string): Promise<void> {
  const path = sqlitePath(dataDir);
  if (!existsSync(path)) throw new Error(`no database at ${path} (is DATA_DIR right?)`);
  const db = new DatabaseSync(path, { timeout: 5000 });
  try {
    await backupSqliteDatabase(db, file, WHOLE_DATABASE);
  } finally {
    db.close();
  }
}
