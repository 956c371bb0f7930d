/**
 * The audit chain head in the service log, once at start and then at each day's change in the
 * server's time zone (like the caseload's re-rating, `caseload-rerating.ts`, and with the same
 * clock): a line `audit: chain head on <day>: <seq>:<hash>`. A log shipped off the machine (or
 * a copy of the line kept anywhere else) is then an external anchor of the hash chain: whoever
 * rewrites the whole chain cannot make it match a head logged before
 * (`npm run admin -- audit verify --head <seq>:<hash>`). Failures are logged and retried at the
 * next day's change.
 */
import { headText } from '../plans/audit-head-text.ts';
import { dayIn, nextDayStart } from '../plans/local-day.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';

/** Longest single sleep (ms): a timer far ahead is re-armed, so a clock moved by hand is noticed within the hour. */
const MAX_SLEEP_MS = 3_600_000;

export interface AuditHeadLogConfig {
  readonly records: Pick<ServerRecords, 'auditHead'>;
  readonly now: () => Date;
  readonly timeZone: string;
  readonly say: (message: string, error?: unknown) => void;
}

export class AuditHeadLog {
  readonly #config: AuditHeadLogConfig;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loggedDay: string | undefined;
  #stopped = true;

  constructor(config: AuditHeadLogConfig) {
    this.#config = config;
  }

  /** Logs the head now and at every later day's change until {@link stop}. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.logHead();
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Logs the chain head for today (the server's day); resolves false when it could not be read (logged). */
  async logHead(): Promise<boolean> {
    const day = dayIn(this.#config.now(), this.#config.timeZone);
    try {
      const head = await this.#config.records.auditHead();
      this.#config.say(`audit: chain head on ${day}: ${headText(head)}`);
      this.#loggedDay = day;
      return true;
    } catch (error) {
      this.#config.say(`audit: could not read the chain head on ${day}`, error);
      return false;
    }
  }

  /** Looks at the day: when it changed since the head was last logged, logs it; resolves whether it logged. */
  async tick(): Promise<boolean> {
    if (dayIn(this.#config.now(), this.#config.timeZone) === this.#loggedDay) return false;
    return this.logHead();
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = this.#config.now();
    const wait = Math.max(0, Math.min(nextDayStart(now, this.#config.timeZone).getTime() - now.getTime(), MAX_SLEEP_MS));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.tick().finally(() => this.#schedule());
    }, wait);
    this.#timer.unref();
  }
}
