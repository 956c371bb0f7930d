/**
 * The audit entries of a batch of stored updates, one per writer and kind of write (who, when,
 * which document, which parts, how many bytes), the one rule for every way a plan is stored: the
 * activity extension for live edits and documents made through Hocuspocus, and the admin
 * command line's offline store. The identity is the authenticated user of the connection or
 * the server's own context, never a Yjs client id.
 */
import type { AuditEntry, NewAuditEntry } from '../storage/records/server-records.ts';

/** A stored update with where it came from (a Hocuspocus transaction origin) and the parts it touched. */
export interface AuditedUpdate {
  readonly update: Uint8Array;
  readonly origin: unknown;
  readonly parts: readonly string[];
}

/** The origin of a write made by the server itself as `username` for `action` (a Hocuspocus direct connection's shape). */
export function serverOrigin(username: string, action: AuditEntry['action']): unknown {
  return { source: 'local', context: { username, action } };
}

/** Who an update's origin says wrote it, and what kind of write it was. */
export function writerOf(origin: unknown): { username: string; action: AuditEntry['action'] } {
  const o = origin as { source?: string; connection?: { context?: { user?: { username?: string } } }; context?: { username?: string; action?: AuditEntry['action'] } } | null;
  if (o?.source === 'connection') return { username: o.connection?.context?.user?.username ?? 'unknown', action: 'edit' };
  if (o?.source === 'local') return { username: o.context?.username ?? 'system', action: o.context?.action ?? 'edit' };
  return { username: 'system', action: 'edit' };
}

/** One entry per writer and action of `updates` to `document`, stored at `at`, parts sorted. */
export function auditEntriesOf(document: string, updates: readonly AuditedUpdate[], at: string): NewAuditEntry[] {
  const byWriter = new Map<string, { username: string; action: AuditEntry['action']; parts: Set<string>; bytes: number }>();
  for (const u of updates) {
    const { username, action } = writerOf(u.origin);
    const key = `${username}\0${action}`;
    let writer = byWriter.get(key);
    if (!writer) byWriter.set(key, (writer = { username, action, parts: new Set(), bytes: 0 }));
    for (const part of u.parts) writer.parts.add(part);
    writer.bytes += u.update.length;
  }
  return [...byWriter.values()].map(({ username, action, parts, bytes }) => ({ at, username, document, action, parts: [...parts].sort(), bytes }));
}
