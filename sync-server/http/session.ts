/**
 * Signing in over HTTP: `POST /api/login` checks a password (scrypt) and returns a short-lived
 * token; `POST /api/token` renews a token that is still valid; every other API call names its
 * user with `Authorization: Bearer <token>`. Failed logins are rate-limited per username and
 * address and per address (rate-limiter-flexible), with the same answer whether or not the
 * username exists.
 */
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { verifyAgainstNothing, verifyPassword } from '../auth/password.ts';
import { issueToken, TOKEN_LIFETIME_SECONDS, verifyToken } from '../auth/tokens.ts';
import type { Account, ServerRecords } from '../storage/records/server-records.ts';
import { LoginBody, type MeReply, type SessionReply, type SessionUser } from '../../model/wire/index.ts';
import { BODY_LIMITS } from './body-limits.ts';
import { HttpError, readJson, type Router } from './router.ts';

/** Failed attempts allowed per username and address, and per address, in 15 minutes. */
export const LOGIN_LIMITS = { perUser: 5, perAddress: 50, windowSeconds: 15 * 60 } as const;

/** The public view of an account. */
export function publicAccount(a: Account): SessionUser {
  return { username: a.username, name: a.name, role: a.role, organisation: a.organisation, admin: a.admin } satisfies SessionUser;
}

export class Sessions {
  readonly #records: ServerRecords;
  readonly #secret: Uint8Array;
  readonly #perUser = new RateLimiterMemory({ points: LOGIN_LIMITS.perUser, duration: LOGIN_LIMITS.windowSeconds });
  readonly #perAddress = new RateLimiterMemory({ points: LOGIN_LIMITS.perAddress, duration: LOGIN_LIMITS.windowSeconds });

  constructor(records: ServerRecords, secret: Uint8Array) {
    this.#records = records;
    this.#secret = secret;
  }

  /** The enabled account a request's bearer token names; 401 otherwise. */
  async user(req: IncomingMessage): Promise<Account> {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new HttpError(401, 'unauthorized', 'Sign in first: send "Authorization: Bearer <token>" from POST /api/login.', { 'www-authenticate': 'Bearer' });
    const check = await verifyToken(this.#secret, m[1]);
    if (!check.ok) {
      throw new HttpError(401, check.reason === 'expired' ? 'token-expired' : 'unauthorized', check.reason === 'expired' ? 'Your session has expired: sign in again.' : 'The token is not valid: sign in again.', { 'www-authenticate': 'Bearer' });
    }
    const account = await this.#records.account(check.claims.sub);
    if (!account || account.disabled) throw new HttpError(401, 'unauthorized', 'This account cannot sign in. Ask your administrator.');
    return account;
  }

  routes(router: Router): void {
    router.on('POST', '/api/login', async ({ req }) => {
      const body = await readJson(req, LoginBody, BODY_LIMITS.login);
      const address = req.socket.remoteAddress ?? 'unknown';
      const userKey = `${body.username}\0${address}`;
      await this.#limit(userKey, address);
      const account = await this.#records.account(body.username);
      const ok = account && !account.disabled ? await verifyPassword(body.password, account.passwordHash) : await verifyAgainstNothing(body.password);
      if (!ok || !account) {
        await Promise.allSettled([this.#perUser.consume(userKey), this.#perAddress.consume(address)]);
        throw new HttpError(401, 'bad-credentials', 'The username or password is not right.');
      }
      await this.#perUser.delete(userKey);
      return this.#issue(account);
    });
    router.on('POST', '/api/token', async ({ req }) => this.#issue(await this.user(req)));
    router.on('GET', '/api/me', async ({ req }) => {
      const account = await this.user(req);
      return { ...publicAccount(account), grants: await this.#records.grantsOf(account.username) } satisfies MeReply;
    });
  }

  async #limit(userKey: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([this.#perUser.get(userKey), this.#perAddress.get(address)]);
    const blocked = [user, addr].filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0);
    if (blocked.length > 0) {
      const seconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
      throw new HttpError(429, 'too-many-attempts', `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, { 'retry-after': String(seconds) });
    }
  }

  async #issue(account: Account): Promise<SessionReply> {
    const now = Date.now();
    const token = await issueToken(this.#secret, account.username, TOKEN_LIFETIME_SECONDS, now);
    return { token, expiresAt: new Date(now + TOKEN_LIFETIME_SECONDS * 1000).toISOString(), user: publicAccount(account) };
  }
}
