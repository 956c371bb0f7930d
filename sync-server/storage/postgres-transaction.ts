/**
 * Running a function in one PostgreSQL transaction on a pooled connection, with the durability
 * setting forced on and a retry when PostgreSQL aborts the transaction to break a deadlock or a
 * serialization conflict (nothing was written then, so running it again is safe).
 */
import type { Pool, PoolClient } from 'pg';

/** Transaction modes used by the storage code. */
export type TransactionMode = 'read write' | 'repeatable read only';

const BEGIN: Record<TransactionMode, string> = {
  // synchronous_commit=on whatever the server default: COMMIT returns only once the WAL is flushed.
  'read write': 'BEGIN; SET LOCAL synchronous_commit TO on',
  'repeatable read only': 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs `body` between BEGIN and COMMIT on one connection and returns its result. Rolls back and
 * rethrows when `body` or COMMIT fails; a connection left in an unknown state is discarded.
 */
export async function inTransaction<T>(pool: Pool, mode: TransactionMode, body: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(pool, mode, body);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error))) throw error;
    }
  }
}

async function once<T>(pool: Pool, mode: TransactionMode, body: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose BEGIN, COMMIT or ROLLBACK failed may be mid-protocol: never reuse it.
  let discard: Error | undefined;
  try {
    await client.query(BEGIN[mode]).catch((error: unknown) => {
      discard = error as Error;
      throw error;
    });
    let result: T;
    try {
      result = await body(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        discard = rollbackError as Error;
      });
      throw error;
    }
    await client.query('COMMIT').catch((error: unknown) => {
      discard = error as Error;
      throw error;
    });
    return result;
  } finally {
    client.release(discard);
  }
}

/** The SQLSTATE of a PostgreSQL error, or '' for anything else. */
export function sqlState(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}
