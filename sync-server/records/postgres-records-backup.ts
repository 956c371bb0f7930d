/**
 * The server records' part of PostgreSQL backups and restores: exporting the records tables
 * as backup records inside the backup's REPEATABLE READ transaction, and writing backup
 * records into the database during a restore. Called by `storage/postgres-backup.ts`.
 */
import type pg from 'pg';
import type { RecordsBackupRecord } from '../storage/backup-records.ts';
import { RECORDS_POSTGRES_SCHEMA_VERSION, recordsVersion } from './postgres-records-schema.ts';
import { accountOf, auditEntryOf, childOf, grantOf, plainBytes, versionOf, type AccountRow, type AuditRow, type ChildRow, type GrantRow, type SettingRow, type VersionRow } from './record-rows.ts';

/** Rows fetched per round trip while exporting. */
const FETCH_ROWS = 500;

async function* cursor<R extends pg.QueryResultRow>(client: pg.PoolClient, name: string, sql: string): AsyncGenerator<R> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const { rows } = await client.query<R>(`FETCH ${FETCH_ROWS} FROM ${name}`);
    yield* rows;
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query(`CLOSE ${name}`);
}

/**
 * The records in the database, in backup order, read through `client` (inside the backup's
 * transaction). A database whose server never opened the records has none; a database of
 * another records schema version is refused.
 */
export async function* postgresRecordsOf(client: pg.PoolClient): AsyncGenerator<RecordsBackupRecord> {
  const version = await recordsVersion(client);
  if (version === 0) return;
  if (version !== RECORDS_POSTGRES_SCHEMA_VERSION) throw new Error(`the database has records schema version ${version}, expected ${RECORDS_POSTGRES_SCHEMA_VERSION}`);
  for await (const row of cursor<AccountRow>(client, 'records_accounts_c', 'SELECT * FROM records_accounts ORDER BY username COLLATE "C"')) {
    yield { t: 'account', ...accountOf(row) };
  }
  for await (const row of cursor<GrantRow>(client, 'records_grants_c', 'SELECT * FROM records_grants ORDER BY username COLLATE "C", child_id COLLATE "C"')) {
    yield { t: 'grant', ...grantOf(row) };
  }
  for await (const row of cursor<AuditRow>(client, 'records_audit_c', 'SELECT * FROM records_audit ORDER BY seq')) yield { t: 'audit', ...auditEntryOf(row) };
  for await (const row of cursor<VersionRow>(client, 'records_versions_c', 'SELECT * FROM records_versions ORDER BY id COLLATE "C"')) {
    yield { t: 'version', ...versionOf(row) };
  }
  for await (const row of cursor<ChildRow>(client, 'records_children_c', 'SELECT * FROM records_children ORDER BY child_id COLLATE "C"')) {
    yield { t: 'child', ...childOf(row) };
  }
  for await (const row of cursor<SettingRow>(client, 'records_settings_c', 'SELECT key, value FROM records_settings ORDER BY key COLLATE "C"')) {
    yield { t: 'setting', key: row.key, value: plainBytes(row.value) };
  }
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The records tables, parents first. */
const TABLES = ['records_accounts', 'records_grants', 'records_audit', 'records_versions', 'records_children', 'records_settings'];

/**
 * Replaces the records in the database with a backup's, inside the caller's transaction
 * (records tables already migrated): {@link clear}, {@link insert} batches, {@link finish}.
 * A rollback undoes all of it, the disabled audit triggers included.
 */
export class PostgresRecordsRestore {
  readonly #client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  /** Locks and empties the records tables; the audit log's append-only triggers are off until {@link finish}. */
  async clear(): Promise<void> {
    await this.#client.query(`LOCK TABLE ${TABLES.join(', ')}, records_access, records_audit_head IN ACCESS EXCLUSIVE MODE`);
    await this.#client.query('ALTER TABLE records_audit DISABLE TRIGGER USER');
    await this.#client.query(`DELETE FROM ${[...TABLES].reverse().join('; DELETE FROM ')}`);
  }

  /** Inserts records that are all of one kind, in one statement. */
  async insert(batch: readonly RecordsBackupRecord[]): Promise<void> {
    const kind = batch[0]?.t;
    const column = <K extends RecordsBackupRecord['t'], V>(t: K, pick: (r: Extract<RecordsBackupRecord, { t: K }>) => V): V[] =>
      (batch as Extract<RecordsBackupRecord, { t: K }>[]).filter((r) => r.t === t).map(pick);
    switch (kind) {
      case undefined:
        return;
      case 'account':
        await this.#client.query(
          `INSERT INTO records_accounts (username, name, role, organisation, password_hash, disabled, admin, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[], $8::text[])`,
          [
            column('account', (r) => r.username),
            column('account', (r) => r.name),
            column('account', (r) => r.role),
            column('account', (r) => r.organisation),
            column('account', (r) => r.passwordHash),
            column('account', (r) => r.disabled),
            column('account', (r) => r.admin),
            column('account', (r) => r.createdAt),
          ],
        );
        return;
      case 'grant':
        await this.#client.query(
          'INSERT INTO records_grants (username, child_id, level, restricted) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])',
          [column('grant', (r) => r.username), column('grant', (r) => r.childId), column('grant', (r) => r.level), column('grant', (r) => r.restricted)],
        );
        return;
      case 'audit':
        await this.#client.query(
          `INSERT INTO records_audit (seq, at, username, document, parts, bytes, action, prev_hash, hash)
           SELECT seq, at, username, document, parts, bytes, action, prev_hash, hash FROM jsonb_to_recordset($1::jsonb)
             AS x(seq bigint, at text, username text, document text, parts jsonb, bytes bigint, action text, prev_hash text, hash text)`,
          [JSON.stringify(column('audit', ({ t: _t, prevHash, ...entry }) => ({ ...entry, prev_hash: prevHash })))],
        );
        return;
      case 'version':
        await this.#client.query(
          `INSERT INTO records_versions (id, document, name, created_at, created_by, state)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])`,
          [
            column('version', (r) => r.id),
            column('version', (r) => r.document),
            column('version', (r) => r.name),
            column('version', (r) => r.createdAt),
            column('version', (r) => r.createdBy),
            column('version', (r) => buffer(r.state)),
          ],
        );
        return;
      case 'child':
        await this.#client.query(
          `INSERT INTO records_children (child_id, name, pathway_id, pathway_title, stage, rating, next_due, next_due_title, updated_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
          [
            column('child', (r) => r.childId),
            column('child', (r) => r.name),
            column('child', (r) => r.pathwayId),
            column('child', (r) => r.pathwayTitle),
            column('child', (r) => r.stage),
            column('child', (r) => r.rating),
            column('child', (r) => r.nextDue),
            column('child', (r) => r.nextDueTitle),
            column('child', (r) => r.updatedAt),
          ],
        );
        return;
      case 'setting':
        await this.#client.query('INSERT INTO records_settings (key, value) SELECT * FROM unnest($1::text[], $2::bytea[])', [
          column('setting', (r) => r.key),
          column('setting', (r) => buffer(r.value)),
        ]);
        return;
    }
  }

  /** Points the audit chain head at the last restored entry, bumps the access version, turns the triggers back on. */
  async finish(): Promise<void> {
    await this.#client.query(`UPDATE records_audit_head SET
      seq = coalesce((SELECT max(seq) FROM records_audit), 0),
      hash = coalesce((SELECT hash FROM records_audit ORDER BY seq DESC LIMIT 1), '')`);
    await this.#client.query('UPDATE records_access SET version = version + 1');
    await this.#client.query('ALTER TABLE records_audit ENABLE TRIGGER USER');
  }
}
