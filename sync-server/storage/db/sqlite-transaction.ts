/**
 * One SQLite transaction on a synchronous node:sqlite connection: all or nothing. Shared by the
 * document log and the server records, which open their own connections to the same file.
 */
import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `body` between `begin` and COMMIT and returns its result. On failure rolls back what is
 * still open (SQLite may already have rolled back, e.g. on a full disk) and rethrows; when the
 * rollback fails too, throws an AggregateError of both.
 */
export function inSqliteTransaction<T>(db: DatabaseSync, begin: 'BEGIN' | 'BEGIN IMMEDIATE', body: () => T): T {
  db.exec(begin);
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      if (db.isTransaction) db.exec('ROLLBACK');
    } catch (rollbackError) {
      throw new AggregateError([error, rollbackError], 'a transaction failed and could not be rolled back', { cause: rollbackError });
    }
    throw error;
  }
}
