/**
 * Running numbered schema migrations on PostgreSQL: in one transaction under an advisory lock,
 * so several server instances starting at once migrate exactly once, with the versions applied
 * recorded in a table of their own. Used by the document log and by the server records, each
 * with its own lock, table and list.
 */
import type { Pool } from 'pg';

export interface MigrationSet {
  /** Arbitrary constant naming the advisory lock of this set. */
  readonly lock: number;
  /** Table recording the versions applied (created when missing). */
  readonly table: string;
  /** What the schema is, for the error message, e.g. "storage". */
  readonly label: string;
  /** MIGRATIONS[i] takes version i to i + 1; never edit a shipped entry, append. */
  readonly migrations: readonly string[];
}

/** Applies the missing migrations of `set`. Throws, changing nothing, when the database has a newer schema. */
export async function runPostgresMigrations(pool: Pool, set: MigrationSet): Promise<void> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [set.lock]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${set.table} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const result = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${set.table}`);
    const version = result.rows[0]?.version ?? 0;
    if (version > set.migrations.length) {
      throw new Error(`the database has ${set.label} schema version ${version}; this server knows up to ${set.migrations.length}`);
    }
    for (let v = version; v < set.migrations.length; v++) {
      await client.query(set.migrations[v]!);
      await client.query(`INSERT INTO ${set.table} (version) VALUES ($1)`, [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    failure = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failure);
  }
}
