/**
 * Running a function in one PostgreSQL transaction on a pooled connection, with the durability
 * setting forced on and a retry when PostgreSQL aborts the transaction to break a deadlock or a
 * serialization conflict (nothing was written then, so running it again is safe).
 */
import pg, { type Pool, type PoolClient, type QueryResultRow } from 'pg';

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

/** Rows fetched per round trip by {@link cursor}. */
const FETCH_ROWS = 500;

/** The rows of `sql`, read through a cursor named `name` in the caller's transaction, FETCH_ROWS per round trip. */
export async function* cursor<R extends QueryResultRow>(client: PoolClient, name: string, sql: string): AsyncGenerator<R> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const { rows } = await client.query<R>(`FETCH ${FETCH_ROWS} FROM ${name}`);
    yield* rows;
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query(`CLOSE ${name}`);
}

/** How a backend reaches the database. */
export interface PostgresPoolOptions {
  /** DATABASE_URL, e.g. `postgres://user:password@host:5432/db`. */
  readonly databaseUrl: string;
  /** Connections in the pool (default 4). */
  readonly maxConnections?: number;
  /** Where idle-connection errors are reported (default console.error). */
  readonly onError?: (message: string, error: unknown) => void;
}

/** A pool for a long-lived backend, its tables migrated by `migrate`; ended again when that fails. */
export async function openPostgresPool(options: PostgresPoolOptions, name: string, migrate: (pool: Pool) => Promise<void>): Promise<Pool> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 4,
    application_name: `permanence-board-${name}`,
    // Fail instead of hanging when the database is unreachable or a statement is stuck:
    // an append that cannot commit must be rejected, not left unacknowledged forever.
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    keepAlive: true,
  });
  const onError = options.onError ?? ((message, error) => console.error(`[${name}/postgres] ${message}`, error));
  // Without a listener, an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => onError('idle connection failed', error));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
