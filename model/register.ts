/**
 * A single-valued field that never silently drops a concurrent write (DESIGN decision 4).
 *
 * It is a Y.Map from write id to {value, by, at}. A write deletes every entry its writer has
 * seen and adds one new entry. Two writes made without seeing each other (offline) delete the
 * same old entries and each add their own, so after merging both survive: the field is in
 * conflict. A later write that has seen both deletes both, which clears the conflict.
 * Resolving a conflict is such a write of the chosen value, so two people resolving at once
 * leave a (smaller) conflict rather than losing both values.
 */
import * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import type { RegisterValue } from './field-value.ts';

/** One write of a single-valued field. */
export interface RegisterEntry {
  readonly id: string;
  /** The value written; null when the writer cleared the field. */
  readonly value: RegisterValue;
  /** Who wrote it. */
  readonly by: string;
  /** When, as an ISO 8601 timestamp. */
  readonly at: string;
}

/** What a reader sees of a single-valued field. */
export interface RegisterState {
  /** The value shown: the latest write (by time, then id), or undefined when unset or cleared. */
  readonly value: RegisterValue | undefined;
  /** The entry that supplies `value`, if any. */
  readonly current: RegisterEntry | undefined;
  /** Other concurrent writes whose value differs from `value`; empty when there is no conflict. */
  readonly conflicts: readonly RegisterEntry[];
  /** Every write currently kept, in a fixed order (same on every replica). */
  readonly entries: readonly RegisterEntry[];
}

type StoredEntry = { value: RegisterValue; by: string; at: string };

/** Creates an empty register, or one holding the given entries (for import). */
export function createRegister(entries: readonly RegisterEntry[] = []): Y.Map<StoredEntry> {
  const map = new Y.Map<StoredEntry>();
  for (const e of entries) map.set(e.id, { value: e.value, by: e.by, at: e.at });
  return map;
}

/** Reads the entries of a register in a fixed order: by time, then by id. */
export function registerEntries(map: Y.Map<unknown>): RegisterEntry[] {
  const entries: RegisterEntry[] = [];
  for (const [id, raw] of map.entries()) {
    const e = raw as StoredEntry;
    entries.push({ id, value: e.value, by: e.by, at: e.at });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Reads a register: its value, the entry behind it and any conflicting writes. */
export function readRegister(map: Y.Map<unknown>): RegisterState {
  const entries = registerEntries(map);
  const current = entries.at(-1);
  const value = current?.value ?? undefined;
  const conflicts = entries.filter((e) => e !== current && e.value !== current?.value);
  return { value: value === null ? undefined : value, current, conflicts, entries };
}

/**
 * Writes a value (null to clear), replacing every entry this replica has seen.
 * Must run inside the caller's transaction or makes its own with the context's origin.
 */
export function writeRegister(map: Y.Map<unknown>, value: RegisterValue, ctx: PlanContext): RegisterEntry {
  const entry: RegisterEntry = { id: ctx.newId(), value, by: ctx.actor, at: ctx.now().toISOString() };
  const apply = (): void => {
    for (const key of [...map.keys()]) map.delete(key);
    map.set(entry.id, { value: entry.value, by: entry.by, at: entry.at });
  };
  if (map.doc) map.doc.transact(apply, ctx.origin ?? ctx);
  else apply();
  return entry;
}

/**
 * Resolves a conflict by choosing the entry with id `entryId`: its value is written anew by the
 * resolver. Returns false when no such entry is kept (someone else has already changed it).
 */
export function resolveRegister(map: Y.Map<unknown>, entryId: string, ctx: PlanContext): boolean {
  const chosen = registerEntries(map).find((e) => e.id === entryId);
  if (!chosen) return false;
  writeRegister(map, chosen.value, ctx);
  return true;
}
