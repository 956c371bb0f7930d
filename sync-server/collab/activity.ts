/**
 * Records what happens to documents once it is durable: a refreshed caseload index entry for a
 * child's plan, rated for the server's today (`caseload-rerating.ts` re-rates every entry when
 * the day changes). Failures are logged and retried; they never lose the document itself, which
 * is already stored. (The audit entries are not written here: the durable storage extension
 * appends them with their updates, in the same transaction, `durable-documents.ts` `auditOf`.)
 *
 * Kept off the path of edits: a child's index entry is recomputed at
 * most every {@link INDEX_WINDOW_MS} from the live document (no copy) and written only when it
 * changed, so typing in a plan costs no index write at all, except in a PPM decision's text
 * (part of the rating input, for the next due date's title): at most one write per window.
 *
 * A Hocuspocus extension of its own: it subscribes to the durable storage extension's stored
 * batches ({@link StoredEvents.onStored}) when Hocuspocus is configured with it, and
 * unsubscribes when Hocuspocus is destroyed.
 */
import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import { parseDocumentName, planDocumentName } from '../../model/wire/index.ts';
import type { DurableUpdate, StoredEvents } from './durable-documents.ts';
import { indexEntryOf } from '../plans/caseload-rating.ts';
import { readDocument } from '../plans/plan-host.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import type { ChildSummary, ServerRecords } from '../storage/records/server-records.ts';

/** A child's index entry is recomputed this long after the first change not yet indexed (ms). */
export const INDEX_WINDOW_MS = 300;

/** What the activity extension works with. */
export interface ActivityConfig {
  readonly records: ServerRecords;
  readonly log: DocumentLog;
  /** The durable storage extension, whose stored batches are audited and indexed. */
  readonly stored: StoredEvents;
  /** Today in the server's time zone, YYYY-MM-DD (the injected clock): the day an entry is rated for. */
  readonly today: () => string;
  readonly say: (message: string, error?: unknown) => void;
}

export class Activity implements Extension {
  readonly extensionName = 'activity';
  readonly #records: ServerRecords;
  readonly #log: DocumentLog;
  readonly #stored: StoredEvents;
  readonly #say: (message: string, error?: unknown) => void;
  readonly #today: () => string;
  #hocuspocus: Hocuspocus | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #index = new Map<string, ReturnType<typeof setTimeout>>();
  /** Children whose index entry fails to refresh, with the failure last reported and how many since. */
  readonly #failing = new Map<string, { message: string; count: number }>();

  constructor(config: ActivityConfig) {
    this.#records = config.records;
    this.#log = config.log;
    this.#stored = config.stored;
    this.#say = config.say;
    this.#today = config.today;
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#hocuspocus = instance;
    this.#unsubscribe ??= this.#stored.onStored((name, updates) => this.onStored(name, updates));
    await Promise.resolve();
  }

  async onDestroy(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await Promise.resolve();
  }

  /** Schedules the index entry of the child of `document`, a batch of which was just stored. */
  onStored(document: string, _updates: readonly DurableUpdate[]): void {
    const name = parseDocumentName(document);
    if (name?.kind === 'plan') this.#scheduleIndex(name.childId);
  }

  /** Waits for pending index writes (for shutdown and tests). */
  async settle(): Promise<void> {
    for (const [childId, timer] of this.#index) {
      clearTimeout(timer);
      this.#index.delete(childId);
      await this.refreshIndex(childId);
    }
  }

  /**
   * Recomputes a child's caseload index entry from its plan (the live document when the server
   * has it loaded, read only; else the stored one), rated for `today` (the server's today when
   * omitted), with its rating input (`plans/caseload-rating.ts`), and writes it when anything
   * but its time changed, its input changed, or it was rated for an earlier day: `updatedAt` is
   * when a field a person sees last changed. Resolves false when it failed.
   *
   * A failure is logged once per child and cause, with its stack; the same failure again (on
   * every store of a plan that cannot be indexed) is only counted, and the recovery is logged
   * with the count. Each child is refreshed on its own, so one that fails never holds up another.
   */
  async refreshIndex(childId: string, today: string = this.#today()): Promise<boolean> {
    const document = planDocumentName(childId);
    try {
      const hocuspocus = this.#hocuspocus;
      if (!hocuspocus) throw new Error('the activity extension is not configured with a Hocuspocus instance yet');
      const live = hocuspocus.documents.get(document);
      const doc = live ?? (await readDocument(hocuspocus, this.#log, document));
      if (!doc) return true;
      let entry;
      try {
        entry = indexEntryOf(childId, doc, today);
      } finally {
        if (!live) doc.destroy();
      }
      const stored = await this.#records.rateable(childId);
      if (stored && sameSummary(stored.summary, entry.summary)) {
        if (stored.ratingInput !== entry.ratingInput || (stored.summary.ratedOn ?? '') < today) {
          // Nothing a person sees changed: keep when it last changed.
          await this.#records.putChild({ ...entry.summary, updatedAt: stored.summary.updatedAt }, entry.ratingInput);
        }
        this.#recovered(childId);
        return true;
      }
      await this.#records.putChild(entry.summary, entry.ratingInput);
      this.#recovered(childId);
      return true;
    } catch (error) {
      this.#failed(childId, error);
      return false;
    }
  }

  /** Reports a child's index failure the first time it happens with this message. */
  #failed(childId: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const known = this.#failing.get(childId);
    if (known?.message === message) {
      known.count++;
      return;
    }
    this.#failing.set(childId, { message, count: 1 });
    this.#say(`activity: could not refresh the caseload index for ${childId} (reported once; the same failure again is only counted)`, error);
  }

  #recovered(childId: string): void {
    const known = this.#failing.get(childId);
    if (!known) return;
    this.#failing.delete(childId);
    this.#say(`activity: the caseload index for ${childId} is refreshed again, after ${known.count} failed ${known.count === 1 ? 'try' : 'tries'}`);
  }

  /** Refreshes a child's index entry {@link INDEX_WINDOW_MS} after the first change not yet indexed: never starved by a steady stream of edits. */
  #scheduleIndex(childId: string): void {
    if (this.#index.has(childId)) return;
    const timer = setTimeout(() => {
      this.#index.delete(childId);
      void this.refreshIndex(childId);
    }, INDEX_WINDOW_MS);
    timer.unref();
    this.#index.set(childId, timer);
  }
}

/** Whether two index entries say the same, whenever they were computed and for whichever day. */
function sameSummary(a: ChildSummary, b: ChildSummary): boolean {
  return (Object.keys(b) as (keyof ChildSummary)[]).every((key) => key === 'updatedAt' || key === 'ratedOn' || a[key] === b[key]);
}
