/**
 * The server records in the embedded SQLite store: the same file as the document log
 * (`DATA_DIR/documents.sqlite`), through a connection of their own with the same pragmas (WAL,
 * synchronous=FULL, busy timeout), so an online backup of the file holds both. Every write is
 * one BEGIN IMMEDIATE transaction: it takes the file's write lock first, which serialises
 * writers across connections and processes (audit appends cannot fork the chain, see
 * `sqlite-audit-log.ts`) and makes a failed write roll back whole.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openSqliteDatabase, sqlitePath } from '../db/sqlite-store.ts';
import { inSqliteTransaction } from '../db/sqlite-transaction.ts';
import { AccountInput, anchorOf, checkAuditPage, checked, checkNewAuditEntries, checkPasswordHash, checkRatePage, ChildSummaryInput, GrantInput, isChildId, isUsername, RatedDay, RatingInput, RerateChanges, SettingKey, SettingValue, VersionInput } from './record-checks.ts';
import { migrateSqliteRecords } from './sqlite-records-schema.ts';
import { accountOf, CHILD_COLUMNS, childOf, grantOf, ratedAsOf, versionInfoOf, versionOf, type AccountRow, type ChildRow, type GrantRow, type VersionRow } from './record-rows.ts';
import { SqliteAuditLog } from './sqlite-audit-log.ts';
import { byChildName, type Account, type AuditAnchor, type AuditEntry, type AuditVerification, type ChildSummary, type DeletedVersion, type Grant, type NamedVersion, type NewAuditEntry, type RateableChild, type RerateChange, type ServerRecords } from './server-records.ts';
import { accountSettings } from './account-settings.ts';

/** Where and how to open the records. */
export interface SqliteServerRecordsOptions {
  /** DATA_DIR: the directory holding `documents.sqlite` (created when missing). */
  readonly dataDir: string;
  /** How long to wait for another connection's write lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
}

/** Opens the records in `options.dataDir`, creating or upgrading their tables. */
export function openSqliteServerRecords(options: SqliteServerRecordsOptions): Promise<ServerRecords> {
  return settle(() => new SqliteServerRecords(options));
}

/** Runs storage code, turning its result (or the promise it returns) or its exception into a promise. */
function settle<T>(body: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(body()));
}

const VERSION_COLUMNS = 'id, document, name, created_at, created_by';

class SqliteServerRecords implements ServerRecords {
  readonly kind = 'sqlite';
  readonly #path: string;
  readonly #busyTimeoutMs: number;
  readonly #db: DatabaseSync;
  readonly #sql: Record<string, StatementSync>;
  readonly #audit: SqliteAuditLog;
  readonly #running = new Set<Promise<unknown>>();
  #closed: Promise<void> | undefined;

  constructor(options: SqliteServerRecordsOptions) {
    this.#path = sqlitePath(options.dataDir);
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.#db = openSqliteDatabase(this.#path, this.#busyTimeoutMs);
    try {
      migrateSqliteRecords(this.#db, this.#path);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#audit = new SqliteAuditLog(this.#db, this.#path, this.#busyTimeoutMs);
    const prepare = (sql: string): StatementSync => this.#db.prepare(sql);
    this.#sql = {
      addAccount: prepare(`INSERT INTO records_accounts (username, name, role, organisation, password_hash, disabled, admin, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`),
      account: prepare('SELECT * FROM records_accounts WHERE username = ?'),
      accounts: prepare('SELECT * FROM records_accounts ORDER BY username'),
      setDisabled: prepare('UPDATE records_accounts SET disabled = ? WHERE username = ?'),
      setPasswordHash: prepare('UPDATE records_accounts SET password_hash = ? WHERE username = ?'),
      bumpAccess: prepare('UPDATE records_access SET version = version + 1 WHERE id = 1'),
      accessVersion: prepare('SELECT version FROM records_access WHERE id = 1'),
      grant: prepare(`INSERT INTO records_grants (username, child_id, level, restricted) VALUES (?, ?, ?, ?)
        ON CONFLICT (username, child_id) DO UPDATE SET level = excluded.level, restricted = excluded.restricted`),
      revoke: prepare('DELETE FROM records_grants WHERE username = ? AND child_id = ?'),
      grantFor: prepare('SELECT * FROM records_grants WHERE username = ? AND child_id = ?'),
      grantsOf: prepare('SELECT * FROM records_grants WHERE username = ? ORDER BY child_id'),
      grantsOn: prepare('SELECT * FROM records_grants WHERE child_id = ? ORDER BY username'),
      addVersion: prepare(`INSERT INTO records_versions (${VERSION_COLUMNS}, state) VALUES (?, ?, ?, ?, ?, ?)`),
      versionsOf: prepare(`SELECT ${VERSION_COLUMNS} FROM records_versions WHERE document = ? ORDER BY created_at DESC, id DESC`),
      version: prepare(`SELECT ${VERSION_COLUMNS}, state FROM records_versions WHERE id = ?`),
      countVersions: prepare('SELECT count(*) AS n FROM records_versions WHERE document = ?'),
      deleteVersion: prepare(`DELETE FROM records_versions WHERE id = ? RETURNING ${VERSION_COLUMNS}, length(state) AS bytes`),
      putChild: prepare(`INSERT INTO records_children (child_id, name, pathway_id, pathway_title, stage, rating, next_due, next_due_title, updated_at, rated_on, rating_input)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (child_id) DO UPDATE SET name = excluded.name, pathway_id = excluded.pathway_id, pathway_title = excluded.pathway_title,
          stage = excluded.stage, rating = excluded.rating, next_due = excluded.next_due, next_due_title = excluded.next_due_title,
          updated_at = excluded.updated_at, rated_on = excluded.rated_on, rating_input = excluded.rating_input`),
      child: prepare(`SELECT ${CHILD_COLUMNS} FROM records_children WHERE child_id = ?`),
      children: prepare(`SELECT ${CHILD_COLUMNS} FROM records_children`),
      childrenIn: prepare(`SELECT ${CHILD_COLUMNS} FROM records_children WHERE child_id IN (SELECT value FROM json_each(?))`),
      rateable: prepare(`SELECT ${CHILD_COLUMNS}, rating_input FROM records_children WHERE child_id = ?`),
      childrenToRate: prepare(`SELECT ${CHILD_COLUMNS}, rating_input FROM records_children WHERE child_id > ? ORDER BY child_id LIMIT ?`),
      rerateChild: prepare(`UPDATE records_children SET rating = ?, next_due = ?, next_due_title = ?, rated_on = ?, updated_at = ?
        WHERE child_id = ? AND rating_input = ?`),
      caseloadRatedOn: prepare('SELECT rated_on FROM records_caseload WHERE id = 1'),
      markCaseloadRated: prepare(`INSERT INTO records_caseload (id, rated_on) VALUES (1, ?)
        ON CONFLICT (id) DO UPDATE SET rated_on = max(rated_on, excluded.rated_on)`),
      setting: prepare('SELECT value FROM records_settings WHERE key = ?'),
      addSetting: prepare('INSERT INTO records_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      deleteSetting: prepare('DELETE FROM records_settings WHERE key = ?'),
    };
  }

  addAccount(account: Account): Promise<boolean> {
    return this.#run(() => {
      const a = checked(AccountInput, account, 'addAccount');
      return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        const { changes } = this.#sql.addAccount!.run(a.username, a.name, a.role, a.organisation, a.passwordHash, Number(a.disabled), Number(a.admin), a.createdAt);
        if (changes === 0) return false;
        this.#bumpAccess();
        return true;
      });
    });
  }

  account(username: string): Promise<Account | undefined> {
    return this.#run(() => {
      if (!isUsername(username)) return undefined;
      const row = this.#sql.account!.get(username) as AccountRow | undefined;
      return row && accountOf(row);
    });
  }

  accounts(): Promise<Account[]> {
    return this.#run(() => (this.#sql.accounts!.all() as unknown as AccountRow[]).map(accountOf));
  }

  setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.#run(() => {
      if (typeof disabled !== 'boolean') throw new TypeError('setDisabled: disabled is a boolean');
      return isUsername(username) && this.#changeAccount(this.#sql.setDisabled!, Number(disabled), username);
    });
  }

  setPasswordHash(username: string, hash: string): Promise<boolean> {
    return this.#run(() => {
      checkPasswordHash(hash);
      return isUsername(username) && this.#changeAccount(this.#sql.setPasswordHash!, hash, username);
    });
  }

  grant(grant: Grant): Promise<void> {
    return this.#run(() => {
      const g = checked(GrantInput, grant, 'grant');
      inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        if (this.#sql.account!.get(g.username) === undefined) throw new RangeError(`grant: there is no account "${g.username}"`);
        this.#sql.grant!.run(g.username, g.childId, g.level, Number(g.restricted));
        this.#bumpAccess();
      });
    });
  }

  revoke(username: string, childId: string): Promise<boolean> {
    return this.#run(
      () =>
        isUsername(username) &&
        isChildId(childId) &&
        inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
          if (this.#sql.revoke!.run(username, childId).changes === 0) return false;
          this.#bumpAccess();
          return true;
        }),
    );
  }

  grantFor(username: string, childId: string): Promise<Grant | undefined> {
    return this.#run(() => {
      if (!isUsername(username) || !isChildId(childId)) return undefined;
      const row = this.#sql.grantFor!.get(username, childId) as GrantRow | undefined;
      return row && grantOf(row);
    });
  }

  grantsOf(username: string): Promise<Grant[]> {
    return this.#run(() => (isUsername(username) ? (this.#sql.grantsOf!.all(username) as unknown as GrantRow[]).map(grantOf) : []));
  }

  grantsOn(childId: string): Promise<Grant[]> {
    return this.#run(() => (isChildId(childId) ? (this.#sql.grantsOn!.all(childId) as unknown as GrantRow[]).map(grantOf) : []));
  }

  accessVersion(): Promise<number> {
    return this.#run(() => {
      const row = this.#sql.accessVersion!.get() as { version: number } | undefined;
      if (row === undefined) throw new Error('records: the access version row is missing');
      return row.version;
    });
  }

  appendAudit(entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
    return this.#run(() => {
      const valid = checkNewAuditEntries(entries);
      return valid.length === 0 ? [] : inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => this.#audit.appendInTransaction(valid));
    });
  }

  auditOf(document: string, limit: number, beforeSeq?: number): Promise<AuditEntry[]> {
    return this.#run(() => {
      checkAuditPage(document, limit, beforeSeq);
      return this.#audit.page(document, limit, beforeSeq);
    });
  }

  verifyAudit(anchor?: AuditAnchor): Promise<AuditVerification> {
    return this.#run(() => this.#audit.verify(anchorOf(anchor)));
  }

  auditHead(): Promise<AuditAnchor> {
    return this.#run(() => Promise.resolve(this.#audit.head()));
  }

  addVersion(version: NamedVersion, max?: number): Promise<boolean> {
    return this.#run(() => {
      const v = checked(VersionInput, version, 'addVersion');
      return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        if (max !== undefined && (this.#sql.countVersions!.get(v.document) as { n: number }).n >= max) return false;
        this.#sql.addVersion!.run(v.id, v.document, v.name, v.createdAt, v.createdBy, v.state);
        return true;
      });
    });
  }

  deleteVersion(id: string): Promise<DeletedVersion | undefined> {
    return this.#run(() =>
      inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        const row = this.#sql.deleteVersion!.get(String(id)) as (VersionRow & { bytes: number }) | undefined;
        return row && { ...versionInfoOf(row), bytes: Number(row.bytes) };
      }),
    );
  }

  versionsOf(document: string): Promise<Omit<NamedVersion, 'state'>[]> {
    return this.#run(() => (this.#sql.versionsOf!.all(String(document)) as unknown as VersionRow[]).map(versionInfoOf));
  }

  version(id: string): Promise<NamedVersion | undefined> {
    return this.#run(() => {
      const row = this.#sql.version!.get(String(id)) as VersionRow | undefined;
      return row && versionOf(row);
    });
  }

  putChild(summary: ChildSummary, ratingInput?: string | null): Promise<void> {
    return this.#run(() => {
      const c = checked(ChildSummaryInput, summary, 'putChild');
      const input = checked(RatingInput, ratingInput, 'putChild rating input');
      inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () =>
        this.#sql.putChild!.run(c.childId, c.name, c.pathwayId, c.pathwayTitle, c.stage, c.rating, c.nextDue, c.nextDueTitle, c.updatedAt, c.ratedOn, input),
      );
    });
  }

  child(childId: string): Promise<ChildSummary | undefined> {
    return this.#run(() => {
      if (!isChildId(childId)) return undefined;
      const row = this.#sql.child!.get(childId) as ChildRow | undefined;
      return row && ratedAsOf(childOf(row), this.#caseloadRatedOn());
    });
  }

  children(childIds?: readonly string[]): Promise<ChildSummary[]> {
    return this.#run(() => {
      if (childIds !== undefined && (!Array.isArray(childIds) || !childIds.every((id) => typeof id === 'string'))) {
        throw new TypeError('children: childIds is an array of strings');
      }
      const rows = childIds === undefined ? this.#sql.children!.all() : this.#sql.childrenIn!.all(JSON.stringify(childIds));
      const day = this.#caseloadRatedOn();
      return (rows as unknown as ChildRow[]).map((row) => ratedAsOf(childOf(row), day)).sort(byChildName);
    });
  }

  childrenToRate(after: string | null, limit: number): Promise<RateableChild[]> {
    return this.#run(() => {
      checkRatePage(after, limit);
      const rows = this.#sql.childrenToRate!.all(after ?? '', limit) as unknown as (ChildRow & { rating_input: string | null })[];
      return rows.map((row) => ({ summary: childOf(row), ratingInput: row.rating_input }));
    });
  }

  rateable(childId: string): Promise<RateableChild | undefined> {
    return this.#run(() => {
      if (!isChildId(childId)) return undefined;
      const row = this.#sql.rateable!.get(childId) as (ChildRow & { rating_input: string | null }) | undefined;
      return row && { summary: childOf(row), ratingInput: row.rating_input };
    });
  }

  rerateChildren(changes: readonly RerateChange[]): Promise<boolean[]> {
    return this.#run(() => {
      const all = checked(RerateChanges, changes, 'rerateChildren');
      if (all.length === 0) return [];
      return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () =>
        all.map(({ childId, basedOn, rating: r }) => this.#sql.rerateChild!.run(r.rating, r.nextDue, r.nextDueTitle, r.ratedOn, r.updatedAt, childId, basedOn).changes > 0),
      );
    });
  }

  caseloadRatedOn(): Promise<string | null> {
    return this.#run(() => this.#caseloadRatedOn());
  }

  markCaseloadRated(day: string): Promise<void> {
    return this.#run(() => {
      const d = checked(RatedDay, day, 'markCaseloadRated');
      inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => this.#sql.markCaseloadRated!.run(d));
    });
  }

  #caseloadRatedOn(): string | null {
    const row = this.#sql.caseloadRatedOn!.get() as { rated_on: string } | undefined;
    return row?.rated_on ?? null;
  }

  setting(key: string, create: () => Uint8Array): Promise<Uint8Array> {
    return this.#run(() => {
      checked(SettingKey, key, 'setting key');
      const existing = this.#sql.setting!.get(key) as { value: Uint8Array } | undefined;
      if (existing !== undefined) return existing.value;
      const value = checked(SettingValue, create(), `setting "${key}": create() must return a Uint8Array`);
      return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        this.#sql.addSetting!.run(key, value);
        return (this.#sql.setting!.get(key) as { value: Uint8Array }).value;
      });
    });
  }

  deleteSetting(key: string): Promise<boolean> {
    return this.#run(() => {
      checked(SettingKey, key, 'setting key');
      return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
        const deleted = this.#sql.deleteSetting!.run(key).changes > 0;
        this.#bumpAccess();
        return deleted;
      });
    });
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await Promise.allSettled([...this.#running]);
      this.#db.close();
    })();
    return this.#closed;
  }

  /** Runs a method's body once the records are known to be open; close() waits for it. */
  #run<T>(body: () => T | Promise<T>): Promise<T> {
    const running = settle(() => {
      if (this.#closed !== undefined) throw new Error('records are closed');
      return body();
    });
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running)).catch(() => undefined);
    return running;
  }

  #changeAccount(statement: StatementSync, value: number | string, username: string): boolean {
    return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
      if (statement.run(value, username).changes === 0) return false;
      for (const key of accountSettings(username)) this.#sql.deleteSetting!.run(key);
      this.#bumpAccess();
      return true;
    });
  }

  #bumpAccess(): void {
    if (this.#sql.bumpAccess!.run().changes !== 1) throw new Error('records: the access version row is missing');
  }
}
