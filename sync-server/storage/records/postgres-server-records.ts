/**
 * The server records in PostgreSQL, shared by every server instance on the database. Writes
 * are transactions through `inTransaction` (synchronous_commit on, retried after a deadlock);
 * the access version is a counter row bumped in the same transaction as each account or grant
 * change, and audit appends lock the single chain-head row FOR UPDATE (`postgres-audit-log.ts`),
 * so appenders in different instances take turns and the chain never forks.
 */
import pg from 'pg';
import { inTransaction, openPostgresPool } from '../db/postgres-transaction.ts';
import { appendPostgresAudit, postgresAuditPage, verifyPostgresAudit } from './postgres-audit-log.ts';
import { migrateRecordsPostgres } from './postgres-records-schema.ts';
import { AccountInput, anchorOf, checkAuditPage, checked, checkNewAuditEntries, checkPasswordHash, checkRatePage, ChildSummaryInput, GrantInput, isChildId, isUsername, RatedDay, RatingInput, RerateChanges, SettingKey, SettingValue, VersionInput } from './record-checks.ts';
import { accountOf, CHILD_COLUMNS, childOf, grantOf, plainBytes, ratedAsOf, versionInfoOf, versionOf, type AccountRow, type ChildRow, type GrantRow, type VersionRow } from './record-rows.ts';
import { byChildName, type Account, type AuditAnchor, type AuditEntry, type AuditVerification, type ChildSummary, type DeletedVersion, type Grant, type NamedVersion, type NewAuditEntry, type RateableChild, type RerateChange, type ServerRecords } from './server-records.ts';
import { accountSettings } from './account-settings.ts';

/** How to reach the database. */
export interface PostgresServerRecordsOptions {
  /** DATABASE_URL, e.g. `postgres://user:password@host:5432/db`. */
  readonly databaseUrl: string;
  /** Connections in the pool (default 4). */
  readonly maxConnections?: number;
  /** Where idle-connection errors are reported (default console.error). */
  readonly onError?: (message: string, error: unknown) => void;
}

const VERSION_COLUMNS = 'id, document, name, created_at, created_by';
/** First key of the advisory lock that serialises saving versions of one document (the second is its name's hash). */
const VERSION_LOCK = 7_242_015;

/** Connects, creates or upgrades the records tables, and returns the records. */
export async function openPostgresServerRecords(options: PostgresServerRecordsOptions): Promise<ServerRecords> {
  return new PostgresServerRecords(await openPostgresPool(options, 'records', migrateRecordsPostgres));
}

async function bumpAccess(client: pg.PoolClient): Promise<void> {
  const { rowCount } = await client.query('UPDATE records_access SET version = version + 1 WHERE id = 1');
  if (rowCount !== 1) throw new Error('records: the access version row is missing');
}

class PostgresServerRecords implements ServerRecords {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #running = new Set<Promise<unknown>>();
  #closed: Promise<void> | undefined;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  addAccount(account: Account): Promise<boolean> {
    return this.#run(async () => {
      const a = checked(AccountInput, account, 'addAccount');
      return this.#write(async (client) => {
        const { rowCount } = await client.query(
          `INSERT INTO records_accounts (username, name, role, organisation, password_hash, disabled, admin, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
          [a.username, a.name, a.role, a.organisation, a.passwordHash, a.disabled, a.admin, a.createdAt],
        );
        if (rowCount === 0) return false;
        await bumpAccess(client);
        return true;
      });
    });
  }

  account(username: string): Promise<Account | undefined> {
    return this.#run(async () => {
      if (!isUsername(username)) return undefined;
      const { rows } = await this.#pool.query<AccountRow>('SELECT * FROM records_accounts WHERE username = $1', [username]);
      return rows[0] && accountOf(rows[0]);
    });
  }

  accounts(): Promise<Account[]> {
    return this.#run(async () => (await this.#pool.query<AccountRow>('SELECT * FROM records_accounts ORDER BY username COLLATE "C"')).rows.map(accountOf));
  }

  setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.#run(async () => {
      if (typeof disabled !== 'boolean') throw new TypeError('setDisabled: disabled is a boolean');
      return isUsername(username) && this.#changeAccount('UPDATE records_accounts SET disabled = $2 WHERE username = $1', username, disabled);
    });
  }

  setPasswordHash(username: string, hash: string): Promise<boolean> {
    return this.#run(async () => {
      checkPasswordHash(hash);
      return isUsername(username) && this.#changeAccount('UPDATE records_accounts SET password_hash = $2 WHERE username = $1', username, hash);
    });
  }

  grant(grant: Grant): Promise<void> {
    return this.#run(async () => {
      const g = checked(GrantInput, grant, 'grant');
      await this.#write(async (client) => {
        // FOR SHARE: the account cannot vanish before the grant commits (the foreign key holds too).
        const account = await client.query('SELECT 1 FROM records_accounts WHERE username = $1 FOR SHARE', [g.username]);
        if (account.rowCount === 0) throw new RangeError(`grant: there is no account "${g.username}"`);
        await client.query(
          `INSERT INTO records_grants (username, child_id, level, restricted) VALUES ($1, $2, $3, $4)
           ON CONFLICT (username, child_id) DO UPDATE SET level = excluded.level, restricted = excluded.restricted`,
          [g.username, g.childId, g.level, g.restricted],
        );
        await bumpAccess(client);
      });
    });
  }

  revoke(username: string, childId: string): Promise<boolean> {
    return this.#run(async () => {
      if (!isUsername(username) || !isChildId(childId)) return false;
      return this.#write(async (client) => {
        const { rowCount } = await client.query('DELETE FROM records_grants WHERE username = $1 AND child_id = $2', [username, childId]);
        if (rowCount === 0) return false;
        await bumpAccess(client);
        return true;
      });
    });
  }

  grantFor(username: string, childId: string): Promise<Grant | undefined> {
    return this.#run(async () => {
      if (!isUsername(username) || !isChildId(childId)) return undefined;
      const { rows } = await this.#pool.query<GrantRow>('SELECT * FROM records_grants WHERE username = $1 AND child_id = $2', [username, childId]);
      return rows[0] && grantOf(rows[0]);
    });
  }

  grantsOf(username: string): Promise<Grant[]> {
    return this.#run(async () => {
      if (!isUsername(username)) return [];
      const { rows } = await this.#pool.query<GrantRow>('SELECT * FROM records_grants WHERE username = $1 ORDER BY child_id COLLATE "C"', [username]);
      return rows.map(grantOf);
    });
  }

  grantsOn(childId: string): Promise<Grant[]> {
    return this.#run(async () => {
      if (!isChildId(childId)) return [];
      const { rows } = await this.#pool.query<GrantRow>('SELECT * FROM records_grants WHERE child_id = $1 ORDER BY username COLLATE "C"', [childId]);
      return rows.map(grantOf);
    });
  }

  accessVersion(): Promise<number> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<{ version: string }>('SELECT version FROM records_access WHERE id = 1');
      if (rows[0] === undefined) throw new Error('records: the access version row is missing');
      return Number(rows[0].version);
    });
  }

  appendAudit(entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
    return this.#run(async () => {
      const valid = checkNewAuditEntries(entries);
      return valid.length === 0 ? [] : this.#write((client) => appendPostgresAudit(client, valid));
    });
  }

  auditOf(document: string, limit: number, beforeSeq?: number): Promise<AuditEntry[]> {
    return this.#run(async () => {
      checkAuditPage(document, limit, beforeSeq);
      return postgresAuditPage(this.#pool, document, limit, beforeSeq);
    });
  }

  verifyAudit(anchor?: AuditAnchor): Promise<AuditVerification> {
    return this.#run(() => verifyPostgresAudit(this.#pool, anchorOf(anchor)));
  }

  auditHead(): Promise<AuditAnchor> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM records_audit_head WHERE id = 1');
      if (rows[0] === undefined) throw new Error('records: the audit chain head is missing');
      return { seq: Number(rows[0].seq), hash: rows[0].hash };
    });
  }

  addVersion(version: NamedVersion, max?: number): Promise<boolean> {
    return this.#run(async () => {
      const v = checked(VersionInput, version, 'addVersion');
      return this.#write(async (client) => {
        if (max !== undefined) {
          // Saves of one document queue on this lock until commit, so a count cannot go stale.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [VERSION_LOCK, v.document]);
          const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM records_versions WHERE document = $1', [v.document]);
          if (Number(rows[0]!.n) >= max) return false;
        }
        await client.query(`INSERT INTO records_versions (${VERSION_COLUMNS}, state) VALUES ($1, $2, $3, $4, $5, $6)`, [v.id, v.document, v.name, v.createdAt, v.createdBy, v.state]);
        return true;
      });
    });
  }

  deleteVersion(id: string): Promise<DeletedVersion | undefined> {
    return this.#run(async () => {
      const { rows } = await this.#write((client) =>
        client.query<VersionRow & { bytes: number }>(`DELETE FROM records_versions WHERE id = $1 RETURNING ${VERSION_COLUMNS}, octet_length(state) AS bytes`, [String(id)]),
      );
      return rows[0] && { ...versionInfoOf(rows[0]), bytes: Number(rows[0].bytes) };
    });
  }

  versionsOf(document: string): Promise<Omit<NamedVersion, 'state'>[]> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM records_versions WHERE document = $1 ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC`,
        [String(document)],
      );
      return rows.map(versionInfoOf);
    });
  }

  version(id: string): Promise<NamedVersion | undefined> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<VersionRow>(`SELECT ${VERSION_COLUMNS}, state FROM records_versions WHERE id = $1`, [String(id)]);
      return rows[0] && versionOf(rows[0]);
    });
  }

  putChild(summary: ChildSummary, ratingInput?: string | null): Promise<void> {
    return this.#run(async () => {
      const c = checked(ChildSummaryInput, summary, 'putChild');
      const input = checked(RatingInput, ratingInput, 'putChild rating input');
      await this.#write((client) =>
        client.query(
          `INSERT INTO records_children (child_id, name, pathway_id, pathway_title, stage, rating, next_due, next_due_title, updated_at, rated_on, rating_input)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (child_id) DO UPDATE SET name = excluded.name, pathway_id = excluded.pathway_id, pathway_title = excluded.pathway_title,
             stage = excluded.stage, rating = excluded.rating, next_due = excluded.next_due, next_due_title = excluded.next_due_title,
             updated_at = excluded.updated_at, rated_on = excluded.rated_on, rating_input = excluded.rating_input`,
          [c.childId, c.name, c.pathwayId, c.pathwayTitle, c.stage, c.rating, c.nextDue, c.nextDueTitle, c.updatedAt, c.ratedOn, input],
        ),
      );
    });
  }

  child(childId: string): Promise<ChildSummary | undefined> {
    return this.#run(async () => {
      if (!isChildId(childId)) return undefined;
      const { rows } = await this.#pool.query<ChildRow & { caseload_rated_on: string | null }>(
        `SELECT ${CHILD_COLUMNS}, (SELECT rated_on FROM records_caseload WHERE id = 1) AS caseload_rated_on FROM records_children WHERE child_id = $1`,
        [childId],
      );
      return rows[0] && ratedAsOf(childOf(rows[0]), rows[0].caseload_rated_on);
    });
  }

  children(childIds?: readonly string[]): Promise<ChildSummary[]> {
    return this.#run(async () => {
      if (childIds !== undefined && (!Array.isArray(childIds) || !childIds.every((id) => typeof id === 'string'))) {
        throw new TypeError('children: childIds is an array of strings');
      }
      // One statement, one snapshot: the caseload's rated day and the entries agree.
      const select = `SELECT ${CHILD_COLUMNS}, (SELECT rated_on FROM records_caseload WHERE id = 1) AS caseload_rated_on FROM records_children`;
      const { rows } =
        childIds === undefined
          ? await this.#pool.query<ChildRow & { caseload_rated_on: string | null }>(select)
          : await this.#pool.query<ChildRow & { caseload_rated_on: string | null }>(`${select} WHERE child_id = ANY($1::text[])`, [childIds.filter(isChildId)]);
      return rows.map((row) => ratedAsOf(childOf(row), row.caseload_rated_on)).sort(byChildName);
    });
  }

  childrenToRate(after: string | null, limit: number): Promise<RateableChild[]> {
    return this.#run(async () => {
      checkRatePage(after, limit);
      const { rows } = await this.#pool.query<ChildRow & { rating_input: string | null }>(
        `SELECT ${CHILD_COLUMNS}, rating_input FROM records_children WHERE child_id COLLATE "C" > $1 ORDER BY child_id COLLATE "C" LIMIT $2`,
        [after ?? '', limit],
      );
      return rows.map((row) => ({ summary: childOf(row), ratingInput: row.rating_input }));
    });
  }

  rateable(childId: string): Promise<RateableChild | undefined> {
    return this.#run(async () => {
      if (!isChildId(childId)) return undefined;
      const { rows } = await this.#pool.query<ChildRow & { rating_input: string | null }>(`SELECT ${CHILD_COLUMNS}, rating_input FROM records_children WHERE child_id = $1`, [childId]);
      return rows[0] && { summary: childOf(rows[0]), ratingInput: rows[0].rating_input };
    });
  }

  rerateChildren(changes: readonly RerateChange[]): Promise<boolean[]> {
    return this.#run(async () => {
      const all = checked(RerateChanges, changes, 'rerateChildren');
      if (all.length === 0) return [];
      return this.#write(async (client) => {
        const made: boolean[] = [];
        for (const { childId, basedOn, rating: r } of all) {
          const { rowCount } = await client.query(
            `UPDATE records_children SET rating = $1, next_due = $2, next_due_title = $3, rated_on = $4, updated_at = $5
             WHERE child_id = $6 AND rating_input = $7`,
            [r.rating, r.nextDue, r.nextDueTitle, r.ratedOn, r.updatedAt, childId, basedOn],
          );
          made.push((rowCount ?? 0) > 0);
        }
        return made;
      });
    });
  }

  caseloadRatedOn(): Promise<string | null> {
    return this.#run(async () => {
      const { rows } = await this.#pool.query<{ rated_on: string }>('SELECT rated_on FROM records_caseload WHERE id = 1');
      return rows[0]?.rated_on ?? null;
    });
  }

  markCaseloadRated(day: string): Promise<void> {
    return this.#run(async () => {
      const d = checked(RatedDay, day, 'markCaseloadRated');
      await this.#write((client) =>
        client.query(
          `INSERT INTO records_caseload (id, rated_on) VALUES (1, $1)
           ON CONFLICT (id) DO UPDATE SET rated_on = GREATEST(records_caseload.rated_on, excluded.rated_on)`,
          [d],
        ),
      );
    });
  }

  setting(key: string, create: () => Uint8Array): Promise<Uint8Array> {
    return this.#run(async () => {
      checked(SettingKey, key, 'setting key');
      const read = async (): Promise<Uint8Array | undefined> => {
        const { rows } = await this.#pool.query<{ value: Buffer }>('SELECT value FROM records_settings WHERE key = $1', [key]);
        return rows[0] && plainBytes(rows[0].value);
      };
      const existing = await read();
      if (existing !== undefined) return existing;
      const value = checked(SettingValue, create(), `setting "${key}": create() must return a Uint8Array`);
      // First writer wins: an insert racing another instance's waits for it, then does nothing;
      // the read after it (a new statement, a new snapshot) sees whichever value committed.
      await this.#write((client) => client.query('INSERT INTO records_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]));
      const stored = await read();
      if (stored === undefined) throw new Error(`records: setting "${key}" vanished after it was stored`);
      return stored;
    });
  }

  deleteSetting(key: string): Promise<boolean> {
    return this.#run(async () => {
      checked(SettingKey, key, 'setting key');
      return this.#write(async (client) => {
        const { rowCount } = await client.query('DELETE FROM records_settings WHERE key = $1', [key]);
        await bumpAccess(client);
        return (rowCount ?? 0) > 0;
      });
    });
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await Promise.allSettled([...this.#running]);
      await this.#pool.end();
    })();
    return this.#closed;
  }

  /** Runs a method's body once the records are known to be open; close() waits for it. */
  #run<T>(body: () => Promise<T>): Promise<T> {
    const running = (async () => {
      if (this.#closed !== undefined) throw new Error('records are closed');
      return body();
    })();
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running)).catch(() => undefined);
    return running;
  }

  #write<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, 'read write', body);
  }

  #changeAccount(sql: string, username: string, value: boolean | string): Promise<boolean> {
    return this.#write(async (client) => {
      const { rowCount } = await client.query(sql, [username, value]);
      if (rowCount === 0) return false;
      await client.query('DELETE FROM records_settings WHERE key = ANY($1)', [accountSettings(username)]);
      await bumpAccess(client);
      return true;
    });
  }
}
