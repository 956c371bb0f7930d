/**
 * The PostgreSQL schema and its migrations, recorded in `yjs_storage_migrations`. Tables are
 * prefixed `yjs_` so the store can share a database with other tables of the server.
 */
import { runPostgresMigrations } from '../db/postgres-migrations.ts';
import type { Pool } from 'pg';

/**
 * One entry per schema version: MIGRATIONS[i] takes version i to i + 1. Never edit a shipped
 * entry; append a new one. The snapshot has its own table so that bumping a document's seq on
 * every append creates a small row version, not a copy of the snapshot.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE yjs_documents (
     name text PRIMARY KEY,
     last_seq bigint NOT NULL,
     snapshot_seq bigint NOT NULL DEFAULT 0,
     pending_count bigint NOT NULL DEFAULT 0,
     pending_bytes bigint NOT NULL DEFAULT 0
   );
   CREATE TABLE yjs_snapshots (
     name text PRIMARY KEY,
     seq bigint NOT NULL,
     data bytea NOT NULL
   );
   CREATE TABLE yjs_updates (
     name text NOT NULL,
     seq bigint NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (name, seq)
   );`,
];

/** The schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Arbitrary constant naming the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_242_015_001;

/**
 * Creates or upgrades the tables, in one transaction under an advisory lock, so several server
 * instances starting at once migrate exactly once. Throws when the database has a newer schema.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  await runPostgresMigrations(pool, { lock: MIGRATION_LOCK, table: 'yjs_storage_migrations', label: 'storage', migrations: MIGRATIONS });
}
