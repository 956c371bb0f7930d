/**
 * How many times each person may do something in the last hour (a sliding window): creating
 * or importing a child is limited to `PLAN_LIMITS.childrenPerHour` per person, so one account
 * cannot fill the board or the disk (`docs/limits.md`, "Plan size"). Counted in this process's
 * memory: a restart forgets it, and with several instances each counts its own.
 *
 * Memory is bounded: at most `perHour` times per person, and a person whose last time is over an
 * hour old is forgotten at the next `take`.
 */

const HOUR_MS = 60 * 60 * 1000;

export class HourlyAllowance {
  readonly #perHour: number;
  readonly #now: () => number;
  /** Per person, the times (ms) of the uses in the last hour, oldest first. */
  readonly #uses = new Map<string, number[]>();

  /** `perHour` uses per person per hour; `now` is the clock in ms (tests move it). */
  constructor(perHour: number, now: () => number = Date.now) {
    if (!Number.isInteger(perHour) || perHour < 1) throw new RangeError(`an hourly allowance is a whole number of at least 1, not ${perHour}`);
    this.#perHour = perHour;
    this.#now = now;
  }

  /** The allowance per hour. */
  get perHour(): number {
    return this.#perHour;
  }

  /**
   * Counts one use by `who` and resolves true, or counts nothing and answers false when `who`
   * has used the whole allowance in the last hour.
   */
  take(who: string): boolean {
    const now = this.#now();
    this.#forgetBefore(now - HOUR_MS);
    const uses = this.#uses.get(who) ?? [];
    if (uses.length >= this.#perHour) return false;
    uses.push(now);
    this.#uses.set(who, uses);
    return true;
  }

  /** Gives back the use `take` just counted for `who` (the thing was not done after all). */
  giveBack(who: string): void {
    const uses = this.#uses.get(who);
    uses?.pop();
    if (uses?.length === 0) this.#uses.delete(who);
  }

  /** Minutes until `who` may act again (at least 1), for the refusal's message. */
  minutesUntilFree(who: string): number {
    const oldest = this.#uses.get(who)?.[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + HOUR_MS - this.#now()) / 60_000));
  }

  #forgetBefore(since: number): void {
    for (const [who, uses] of this.#uses) {
      while (uses.length > 0 && uses[0]! <= since) uses.shift();
      if (uses.length === 0) this.#uses.delete(who);
    }
  }
}
