/**
 * Records what happens to documents once it is durable: an audit entry per writer per stored
 * batch (who, when, which document, which parts, how many bytes; the identity is the
 * authenticated user of the connection, never a Yjs client id), and a refreshed caseload index
 * entry for a child's plan (debounced). Failures are logged and retried; they never lose the
 * document itself, which is already stored.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { parseDocumentName } from '../collab/document-names.ts';
import type { DurableUpdate } from '../collab/durable-documents.ts';
import { localToday, readDocument, summarise } from '../children/child-documents.ts';
import type { DocumentLog } from '../storage/document-log.ts';
import type { AuditEntry, NewAuditEntry, ServerRecords } from './server-records.ts';

/** Who an update's origin says wrote it, and what kind of write it was. */
export function writerOf(origin: unknown): { username: string; action: AuditEntry['action'] } {
  const o = origin as { source?: string; connection?: { context?: { user?: { username?: string } } }; context?: { username?: string; action?: AuditEntry['action'] } } | null;
  if (o?.source === 'connection') return { username: o.connection?.context?.user?.username ?? 'unknown', action: 'edit' };
  if (o?.source === 'local') return { username: o.context?.username ?? 'system', action: o.context?.action ?? 'edit' };
  return { username: 'system', action: 'edit' };
}

export class Activity {
  readonly #records: ServerRecords;
  readonly #log: DocumentLog;
  readonly #hocuspocus: () => Hocuspocus;
  readonly #say: (message: string, error?: unknown) => void;
  readonly #audit: NewAuditEntry[] = [];
  readonly #index = new Map<string, ReturnType<typeof setTimeout>>();
  #writing: Promise<void> | undefined;

  constructor(records: ServerRecords, log: DocumentLog, hocuspocus: () => Hocuspocus, say: (message: string, error?: unknown) => void) {
    this.#records = records;
    this.#log = log;
    this.#hocuspocus = hocuspocus;
    this.#say = say;
  }

  /** Called by the durable storage extension after a batch of `document` is stored. */
  onDurable(document: string, updates: readonly DurableUpdate[]): void {
    const at = new Date().toISOString();
    const byWriter = new Map<string, NewAuditEntry>();
    for (const u of updates) {
      const { username, action } = writerOf(u.origin);
      const key = `${username}\0${action}`;
      const prior = byWriter.get(key);
      const parts = new Set([...(prior?.parts ?? []), ...u.parts]);
      byWriter.set(key, { at, username, document, action, parts: [...parts].sort(), bytes: (prior?.bytes ?? 0) + u.update.length });
    }
    this.#audit.push(...byWriter.values());
    // Not now: a synchronous SQLite commit here would delay the acknowledgements just released.
    setImmediate(() => void this.#writeAudit());
    const name = parseDocumentName(document);
    if (name?.kind === 'plan') this.#scheduleIndex(name.childId, document);
  }

  /** Waits for pending audit and index writes (for shutdown and tests). */
  async settle(): Promise<void> {
    for (const [childId, timer] of this.#index) {
      clearTimeout(timer);
      this.#index.delete(childId);
      await this.refreshIndex(childId, `child:${childId}`);
    }
    while (this.#writing || this.#audit.length > 0) await (this.#writing ?? this.#writeAudit());
  }

  /** Recomputes a child's caseload index entry from its plan. */
  async refreshIndex(childId: string, document: string): Promise<void> {
    try {
      const doc = await readDocument(this.#hocuspocus(), this.#log, document);
      if (!doc) return;
      await this.#records.putChild(summarise(childId, doc, localToday()));
      doc.destroy();
    } catch (error) {
      this.#say(`activity: could not refresh the caseload index for ${childId}`, error);
    }
  }

  /** Refreshes a child's index entry 300 ms after the first change not yet indexed (at most ~3 a second, never starved by a steady stream of edits). */
  #scheduleIndex(childId: string, document: string): void {
    if (this.#index.has(childId)) return;
    const timer = setTimeout(() => {
      this.#index.delete(childId);
      void this.refreshIndex(childId, document);
    }, 300);
    timer.unref();
    this.#index.set(childId, timer);
  }

  async #writeAudit(): Promise<void> {
    if (this.#writing) return this.#writing;
    this.#writing = (async () => {
      while (this.#audit.length > 0) {
        const batch = this.#audit.slice(0, 500);
        try {
          await this.#records.appendAudit(batch);
          this.#audit.splice(0, batch.length);
        } catch (error) {
          if (error instanceof TypeError) {
            // A malformed entry would block the queue for ever: log the batch and drop it.
            this.#say(`activity: audit entries refused as malformed and dropped: ${JSON.stringify(batch)}`, error);
            this.#audit.splice(0, batch.length);
            continue;
          }
          this.#say(`activity: audit append of ${batch.length} entries failed; retrying`, error);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })().finally(() => {
      this.#writing = undefined;
    });
    return this.#writing;
  }
}
