/**
 * Sign-in limits (docs/limits.md, "Sign-in limits"). An attempt is counted before its password
 * is checked, so thirty wrong passwords sent at once for one account are thirty attempts of
 * which at most {@link LOGIN_LIMITS}.perAccount reach the (slow) password check; the rest are
 * answered 429 at once. Two limits, counted separately:
 *
 * - per account (the username as typed, whether or not it exists, from any address): a few
 *   attempts in a long window, so guessing one person's password is slow wherever it comes from;
 *   a successful sign-in clears the count;
 * - per address (`TRUST_PROXY` says which, `client-address.ts`): more attempts in a short window,
 *   so one address cannot try many accounts quickly, while people behind a shared address are
 *   locked out for a short while at most. A successful sign-in gives its attempt back.
 *
 * A correct password from an address over its limit is refused until the short window ends;
 * then it signs in, provided its account is not itself over its limit.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Attempts per account in `accountWindowSeconds`. */
  readonly perAccount: number;
  readonly accountWindowSeconds: number;
  /** Attempts per address in `addressWindowSeconds`. */
  readonly perAddress: number;
  readonly addressWindowSeconds: number;
}

/** 5 attempts per account in 15 minutes; 30 per address in a minute. */
export const LOGIN_LIMITS: LoginLimits = { perAccount: 5, accountWindowSeconds: 15 * 60, perAddress: 30, addressWindowSeconds: 60 };

/** A counted attempt that may go on to the password check, or a refusal with when to try again. */
export type LoginAttempt = { readonly ok: true; succeeded(): Promise<void> } | { readonly ok: false; readonly retryAfterSeconds: number };

export class LoginLimiter {
  readonly #perAccount: RateLimiterMemory;
  readonly #perAddress: RateLimiterMemory;

  constructor(limits: Partial<LoginLimits> = {}) {
    const l = { ...LOGIN_LIMITS, ...limits };
    this.#perAccount = new RateLimiterMemory({ points: l.perAccount, duration: l.accountWindowSeconds });
    this.#perAddress = new RateLimiterMemory({ points: l.perAddress, duration: l.addressWindowSeconds });
  }

  /** Counts an attempt for `username` from `address` (address first: a refused address spends none of the account's). */
  async begin(username: string, address: string): Promise<LoginAttempt> {
    const addressRefused = await refusal(this.#perAddress.consume(address));
    if (addressRefused !== undefined) return { ok: false, retryAfterSeconds: addressRefused };
    const accountRefused = await refusal(this.#perAccount.consume(username));
    if (accountRefused !== undefined) return { ok: false, retryAfterSeconds: accountRefused };
    return {
      ok: true,
      succeeded: async () => {
        await Promise.all([this.#perAccount.delete(username), this.#perAddress.reward(address, 1)]);
      },
    };
  }
}

/** Seconds to wait when `consumed` was refused, else undefined. */
async function refusal(consumed: Promise<RateLimiterRes>): Promise<number | undefined> {
  try {
    await consumed;
    return undefined;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
