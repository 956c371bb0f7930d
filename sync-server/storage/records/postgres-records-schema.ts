/**
 * The server records' tables in PostgreSQL, next to the document log's `yjs_` tables, and
 * their migrations, recorded in `records_schema` and run under an advisory lock of their own
 * so several instances starting at once migrate exactly once.
 */
import { runPostgresMigrations } from '../db/postgres-migrations.ts';
import type { Pool, PoolClient } from 'pg';

/**
 * One entry per schema version: MIGRATIONS[i] takes version i to i + 1. Never edit a shipped
 * entry; append a new one. Timestamps are text exactly as given (ISO 8601), so records and
 * audit hashes survive a move between backends byte for byte. The counter and chain-head
 * tables hold one row each; the audit triggers make the log append-only for everyone who
 * cannot drop them.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE records_accounts (
     username text PRIMARY KEY,
     name text NOT NULL,
     role text NOT NULL,
     organisation text NOT NULL,
     password_hash text NOT NULL,
     disabled boolean NOT NULL,
     admin boolean NOT NULL,
     created_at text NOT NULL
   );
   CREATE TABLE records_grants (
     username text NOT NULL REFERENCES records_accounts (username),
     child_id text NOT NULL,
     level text NOT NULL CHECK (level IN ('read', 'edit')),
     restricted boolean NOT NULL,
     PRIMARY KEY (username, child_id)
   );
   CREATE INDEX records_grants_by_child ON records_grants (child_id, username);
   CREATE TABLE records_access (
     id integer PRIMARY KEY CHECK (id = 1),
     version bigint NOT NULL
   );
   INSERT INTO records_access (id, version) VALUES (1, 0);
   CREATE TABLE records_audit (
     seq bigint PRIMARY KEY CHECK (seq >= 1),
     at text NOT NULL,
     username text NOT NULL,
     document text NOT NULL,
     parts jsonb NOT NULL,
     bytes bigint NOT NULL,
     action text NOT NULL CHECK (action IN ('edit', 'create', 'restore', 'import')),
     prev_hash text NOT NULL,
     hash text NOT NULL
   );
   CREATE INDEX records_audit_by_document ON records_audit (document, seq);
   CREATE TABLE records_audit_head (
     id integer PRIMARY KEY CHECK (id = 1),
     seq bigint NOT NULL,
     hash text NOT NULL
   );
   INSERT INTO records_audit_head (id, seq, hash) VALUES (1, 0, '');
   CREATE FUNCTION records_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'the audit log is append-only: % of % refused', TG_OP, TG_TABLE_NAME
       USING ERRCODE = 'integrity_constraint_violation';
   END $$;
   CREATE TRIGGER records_audit_append_only BEFORE UPDATE OR DELETE ON records_audit
     FOR EACH ROW EXECUTE FUNCTION records_audit_append_only();
   CREATE TRIGGER records_audit_no_truncate BEFORE TRUNCATE ON records_audit
     FOR EACH STATEMENT EXECUTE FUNCTION records_audit_append_only();
   CREATE TRIGGER records_audit_head_no_delete BEFORE DELETE OR TRUNCATE ON records_audit_head
     FOR EACH STATEMENT EXECUTE FUNCTION records_audit_append_only();
   CREATE TABLE records_versions (
     id text PRIMARY KEY,
     document text NOT NULL,
     name text NOT NULL,
     created_at text NOT NULL,
     created_by text NOT NULL,
     state bytea NOT NULL
   );
   CREATE INDEX records_versions_by_document ON records_versions (document, created_at, id);
   CREATE TABLE records_children (
     child_id text PRIMARY KEY,
     name text NOT NULL,
     pathway_id text,
     pathway_title text,
     stage text,
     rating text CHECK (rating IN ('red', 'amber', 'green')),
     next_due text,
     next_due_title text,
     updated_at text NOT NULL
   );
   CREATE TABLE records_settings (
     key text PRIMARY KEY,
     value bytea NOT NULL
   );`,
  // 2: the caseload index re-rated with the calendar: the day each entry was rated for, what
  // re-rating it needs (opaque JSON), and the day the whole caseload was last re-rated for.
  `ALTER TABLE records_children ADD COLUMN rated_on text;
   ALTER TABLE records_children ADD COLUMN rating_input text;
   CREATE TABLE records_caseload (
     id integer PRIMARY KEY CHECK (id = 1),
     rated_on text NOT NULL
   );`,
  // 3: an administrator may delete a named version, audited as 'delete-version'.
  `ALTER TABLE records_audit DROP CONSTRAINT records_audit_action_check;
   ALTER TABLE records_audit ADD CONSTRAINT records_audit_action_check CHECK (action IN ('edit', 'create', 'restore', 'import', 'delete-version'));`,
];

/** The records schema version this code writes. */
export const RECORDS_POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Arbitrary constant naming the advisory lock of these migrations (the document log has its own). */
const MIGRATION_LOCK = 7_242_015_002;

/**
 * Creates or upgrades the records tables in one transaction under the advisory lock. Throws,
 * changing nothing, when the database has a newer records schema.
 */
export async function migrateRecordsPostgres(pool: Pool): Promise<void> {
  await runPostgresMigrations(pool, { lock: MIGRATION_LOCK, table: 'records_schema', label: 'records', migrations: MIGRATIONS });
}

/** The records schema version of the database `client` is connected to: 0 without records tables. */
export async function recordsVersion(client: PoolClient): Promise<number> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('records_schema') IS NOT NULL AS found`);
  if (exists.rows[0]?.found !== true) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM records_schema');
  return result.rows[0]?.version ?? 0;
}
