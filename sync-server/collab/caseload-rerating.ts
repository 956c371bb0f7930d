/**
 * Ratings move with the calendar, not only with edits: every caseload index entry is re-rated
 * for the new day at local midnight in the server's time zone (`TIME_ZONE`, default
 * Europe/London; `plans/local-day.ts` finds the instant, clock changes included), and when the
 * server starts (a server that was down over midnight catches up then). The activity extension
 * re-rates an entry whenever its plan changes, as before.
 *
 * The nightly pass reads no document: it pages through the index with each entry's stored
 * rating input (`plans/caseload-rating.ts`), evaluates it for the new day and writes only the
 * entries whose rating or next due date changed, in one transaction per page, each a
 * compare-and-set on the input it was computed from (an entry rewritten meanwhile from a newer
 * plan is left alone). It runs on the main thread in slices of at most {@link SLICE_MS}, yielding
 * to the event loop between them: the whole pass is the engine's ~130 µs per child (a quarter of
 * a second for 2,000 children), which is not worth a worker's copy of the templates and inputs,
 * while the slices keep sockets and HTTP answered within a few milliseconds. An entry without
 * a usable input (made offline by the admin line, restored from a backup, a pathway version this
 * release lacks) is re-read from its plan instead. When every entry has been rated, the day is
 * recorded for the whole caseload (`markCaseloadRated`), so entries the pass did not need to
 * write still say "as of" that day.
 *
 * The start-up pass re-reads every plan (from the log, or the live document), not the stored
 * inputs: a new release may rate or read a plan differently, and an index refresh lost to a crash
 * within its window is repaired.
 *
 * Several instances sharing one store each run both passes. Doing so twice is harmless: each
 * computes the same entries from the same shared inputs, the second finds nothing to write, and
 * the compare-and-set keeps a pass from writing over a newer entry; an instance that finds the
 * caseload already rated for the day skips its nightly pass.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { rateStoredInput, sameRating, type RatingOfDay } from '../plans/caseload-rating.ts';
import { dayIn, nextDayStart } from '../plans/local-day.ts';
import type { RateableChild, RerateChange, ServerRecords } from '../storage/records/server-records.ts';

/** Entries read per page of the index (one read, and at most one write transaction, per page). */
export const RERATE_PAGE = 200;
/** Longest the pass keeps the event loop before yielding (ms). */
export const SLICE_MS = 8;
/** Longest the server sleeps before it looks at the day again (ms): a wall clock moved or a machine that slept is noticed within an hour. */
export const MAX_SLEEP_MS = 3_600_000;

/** What a pass did. */
export interface RerateReport {
  readonly day: string;
  /** Entries looked at. */
  readonly entries: number;
  /** Entries whose rating or next due date changed, and were written. */
  readonly changed: number;
  /** Entries re-read from their plan (no usable stored input, or a start-up pass). */
  readonly fromPlans: number;
  /** Entries that could not be re-rated (logged); the caseload day is then not recorded. */
  readonly failed: number;
  readonly ms: number;
}

export interface CaseloadReratingConfig {
  readonly records: ServerRecords;
  /** Re-reads a child's plan and rewrites its entry for `today` (the activity extension's `refreshIndex`); resolves false when it failed. */
  readonly refreshFromPlan: (childId: string, today: string) => Promise<boolean>;
  /** The clock (injected: tests move it). */
  readonly now?: () => Date;
  /** IANA time zone whose midnight is the day's change. */
  readonly timeZone: string;
  readonly say: (message: string, error?: unknown) => void;
}

export class CaseloadRerating {
  readonly #records: ServerRecords;
  readonly #refreshFromPlan: (childId: string, today: string) => Promise<boolean>;
  readonly #now: () => Date;
  readonly #timeZone: string;
  readonly #say: (message: string, error?: unknown) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<RerateReport> = Promise.resolve({ day: '', entries: 0, changed: 0, fromPlans: 0, failed: 0, ms: 0 });
  #ratedDay: string | undefined;
  #stopped = false;

  constructor(config: CaseloadReratingConfig) {
    this.#records = config.records;
    this.#refreshFromPlan = config.refreshFromPlan;
    this.#now = config.now ?? (() => new Date());
    this.#timeZone = config.timeZone;
    this.#say = config.say;
  }

  /** Today in the server's time zone, YYYY-MM-DD. */
  today(): string {
    return dayIn(this.#now(), this.#timeZone);
  }

  /** Runs the start-up pass (every plan re-read) in the background and schedules the nightly ones. */
  start(): Promise<RerateReport> {
    this.#stopped = false;
    const first = this.rateAll(this.today(), { fromPlans: true });
    void first.finally(() => this.#schedule());
    return first;
  }

  /** Stops scheduling; waits for a pass under way to finish its page. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running.catch(() => undefined);
  }

  /**
   * Re-rates every entry for `day` (YYYY-MM-DD) after any pass under way; `fromPlans` re-reads
   * each plan instead of using stored inputs. Never rejects: failures are logged and counted.
   */
  rateAll(day: string, options: { fromPlans?: boolean } = {}): Promise<RerateReport> {
    this.#running = this.#running.catch(() => undefined).then(() => this.#pass(day, options.fromPlans ?? false));
    return this.#running;
  }

  /** Looks at the day: when it changed since the last pass, re-rates (unless another instance already did). */
  async tick(): Promise<RerateReport | undefined> {
    const day = this.today();
    if (day === this.#ratedDay) return undefined;
    const done = await this.#records.caseloadRatedOn().catch(() => null);
    if (done !== null && done >= day) {
      this.#ratedDay = day;
      return undefined;
    }
    return this.rateAll(day);
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = this.#now();
    const wait = Math.max(0, Math.min(nextDayStart(now, this.#timeZone).getTime() - now.getTime(), MAX_SLEEP_MS));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.tick()
        .catch((error: unknown) => this.#say('caseload re-rating: the nightly pass failed', error))
        .finally(() => this.#schedule());
    }, wait);
    this.#timer.unref();
  }

  async #pass(day: string, fromPlans: boolean): Promise<RerateReport> {
    const t0 = performance.now();
    let entries = 0;
    let changed = 0;
    let planned = 0;
    let failed = 0;
    let sliceStart = performance.now();
    let after: string | null = null;
    const updatedAt = this.#now().toISOString();
    for (;;) {
      if (this.#stopped) {
        failed++;
        break;
      }
      let page: RateableChild[];
      try {
        page = await this.#records.childrenToRate(after, RERATE_PAGE);
      } catch (error) {
        this.#say(`caseload re-rating: could not read the index for ${day}`, error);
        failed++;
        break;
      }
      if (page.length === 0) break;
      after = page.at(-1)!.summary.childId;
      const changes: RerateChange[] = [];
      const fromPlan: string[] = [];
      for (const { summary, ratingInput } of page) {
        entries++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
        const rated: RatingOfDay | undefined = !fromPlans && ratingInput !== null ? rateStoredInput(ratingInput, day) : undefined;
        if (!rated) {
          fromPlan.push(summary.childId);
          continue;
        }
        if (sameRating(rated, summary)) continue;
        changes.push({ childId: summary.childId, basedOn: ratingInput!, rating: { ...rated, ratedOn: day, updatedAt } });
      }
      try {
        const made = await this.#records.rerateChildren(changes);
        changed += made.filter(Boolean).length;
      } catch (error) {
        if (changes.length > 1 && error instanceof TypeError) {
          // One entry the records refuse must not keep the rest of its page stale: write them one by one.
          for (const change of changes) {
            try {
              changed += (await this.#records.rerateChildren([change])).filter(Boolean).length;
            } catch (one) {
              this.#say(`caseload re-rating: could not write the re-rated entry of ${change.childId} for ${day}`, one);
              failed++;
            }
          }
        } else {
          this.#say(`caseload re-rating: could not write ${changes.length} re-rated entries for ${day}`, error);
          failed += changes.length;
        }
      }
      for (const childId of fromPlan) {
        planned++;
        if (!(await this.#refreshFromPlan(childId, day))) failed++;
        sliceStart = performance.now();
      }
    }
    if (failed === 0) {
      try {
        await this.#records.markCaseloadRated(day);
        this.#ratedDay = day;
      } catch (error) {
        this.#say(`caseload re-rating: could not record that the caseload was re-rated for ${day}`, error);
        failed++;
      }
    }
    const report: RerateReport = { day, entries, changed, fromPlans: planned, failed, ms: performance.now() - t0 };
    this.#say(
      `caseload re-rating: ${entries} entries rated for ${day} in ${report.ms.toFixed(0)} ms (${changed} changed, ${planned} read from their plans${failed > 0 ? `, ${failed} failed` : ''})`,
    );
    return report;
  }
}
