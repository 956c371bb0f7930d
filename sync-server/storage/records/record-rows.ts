/**
 * Turning table rows into records, for both backends and their backups. The tables have the
 * same columns on SQLite and PostgreSQL; only the value types differ (SQLite: booleans as 0/1,
 * audit parts as JSON text, BLOBs as Uint8Array; PostgreSQL: booleans, bigints as strings,
 * parts as jsonb, bytea as Buffer), and each mapper accepts both.
 */
import type { Account, AuditEntry, ChildSummary, Grant, NamedVersion } from './server-records.ts';

type Integer = number | string;
type Flag = number | boolean;

export interface AccountRow {
  username: string;
  name: string;
  role: string;
  organisation: string;
  password_hash: string;
  disabled: Flag;
  admin: Flag;
  created_at: string;
}

export interface GrantRow {
  username: string;
  child_id: string;
  level: string;
  restricted: Flag;
}

/** The columns of `records_audit`, in table order. */
export { AUDIT_COLUMNS } from '../db/audit-append.ts';

export interface AuditRow {
  seq: Integer;
  at: string;
  username: string;
  document: string;
  parts: string | string[];
  bytes: Integer;
  action: string;
  prev_hash: string;
  hash: string;
}

export interface VersionRow {
  id: string;
  document: string;
  name: string;
  created_at: string;
  created_by: string;
  state?: Uint8Array;
}

export interface ChildRow {
  child_id: string;
  name: string;
  pathway_id: string | null;
  pathway_title: string | null;
  stage: string | null;
  rating: string | null;
  next_due: string | null;
  next_due_title: string | null;
  updated_at: string;
  /** Absent before records schema 2 (and in backups of it). */
  rated_on?: string | null;
}

export interface SettingRow {
  key: string;
  value: Uint8Array;
}

/** A plain Uint8Array over the same memory (a bytea arrives as a Buffer). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function accountOf(row: AccountRow): Account {
  return {
    username: row.username,
    name: row.name,
    role: row.role,
    organisation: row.organisation,
    passwordHash: row.password_hash,
    disabled: Boolean(row.disabled),
    admin: Boolean(row.admin),
    createdAt: row.created_at,
  };
}

export function grantOf(row: GrantRow): Grant {
  return { username: row.username, childId: row.child_id, level: row.level as Grant['level'], restricted: Boolean(row.restricted) };
}

export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    username: row.username,
    document: row.document,
    parts: typeof row.parts === 'string' ? (JSON.parse(row.parts) as string[]) : row.parts,
    bytes: Number(row.bytes),
    action: row.action as AuditEntry['action'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A version without its state (the listing). */
export function versionInfoOf(row: VersionRow): Omit<NamedVersion, 'state'> {
  return { id: row.id, document: row.document, name: row.name, createdAt: row.created_at, createdBy: row.created_by };
}

/** A version with its state; throws when the row was read without it. */
export function versionOf(row: VersionRow): NamedVersion {
  if (row.state === undefined) throw new Error(`version "${row.id}" was read without its state`);
  return { ...versionInfoOf(row), state: plainBytes(row.state) };
}

export function childOf(row: ChildRow): ChildSummary {
  return {
    childId: row.child_id,
    name: row.name,
    pathwayId: row.pathway_id,
    pathwayTitle: row.pathway_title,
    stage: row.stage,
    rating: row.rating as ChildSummary['rating'],
    nextDue: row.next_due,
    nextDueTitle: row.next_due_title,
    updatedAt: row.updated_at,
    ratedOn: row.rated_on ?? null,
  };
}

/** The columns of an index entry, without its rating input (which only the re-rating pass reads). */
export const CHILD_COLUMNS = 'child_id, name, pathway_id, pathway_title, stage, rating, next_due, next_due_title, updated_at, rated_on';

/**
 * An entry as the records answer it: its rated day is the later of its own and the caseload's
 * (`caseloadRatedOn`), once it has been rated at all.
 */
export function ratedAsOf(summary: ChildSummary, caseloadRatedOn: string | null): ChildSummary {
  const own = summary.ratedOn ?? null;
  if (own === null || caseloadRatedOn === null || caseloadRatedOn <= own) return summary;
  return { ...summary, ratedOn: caseloadRatedOn };
}
