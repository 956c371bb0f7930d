/**
 * Signing in over HTTP: `POST /api/login` checks a password (scrypt) and returns a short-lived
 * token; `POST /api/token` renews a token that is still valid (never past the session's
 * lifetime from sign-in); `POST /api/session/sign-out-everywhere` ends every session of the
 * account; every other API call names its user with `Authorization: Bearer <token>`, whose
 * account must be enabled and whose session generation must be the account's current one
 * (`../storage/records/account-settings.ts`).
 *
 * Sign-in limits (`LoginLimiter`, docs/limits.md "Sign-in limits"): an attempt is counted before
 * its password is checked, per account and per address separately, with the same answer whether
 * or not the username exists.
 */
import type { IncomingMessage } from 'node:http';
import { verifyAgainstNothing, verifyPassword } from '../auth/password.ts';
import { sessionGeneration } from '../auth/session-generation.ts';
import { issueToken, tokenExpiry, verifyToken, type TokenClaims } from '../auth/tokens.ts';
import { sessionSetting } from '../storage/records/account-settings.ts';
import type { Account, ServerRecords } from '../storage/records/server-records.ts';
import { LoginBody, type MeReply, type SessionReply, type SessionUser, type SignOutReply } from '../../model/wire/index.ts';
import { clientAddress } from './client-address.ts';
import { LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { BODY_LIMITS } from './body-limits.ts';
import { HttpError, readJson, type Router } from './router.ts';

export { LOGIN_LIMITS } from './login-limiter.ts';

/** The public view of an account. */
export function publicAccount(a: Account): SessionUser {
  return { username: a.username, name: a.name, role: a.role, organisation: a.organisation, admin: a.admin } satisfies SessionUser;
}

export interface SessionOptions {
  /** How many reverse proxies of your own are in front (`TRUST_PROXY`); 0 ignores X-Forwarded-For. */
  readonly trustedProxies?: number;
  /** Sign-in limits instead of {@link LOGIN_LIMITS} (tests shorten the windows). */
  readonly limits?: Partial<LoginLimits>;
}

export class Sessions {
  readonly #records: ServerRecords;
  readonly #secret: Uint8Array;
  readonly #trustedProxies: number;
  readonly #limiter: LoginLimiter;

  constructor(records: ServerRecords, secret: Uint8Array, options: SessionOptions = {}) {
    this.#records = records;
    this.#secret = secret;
    this.#trustedProxies = options.trustedProxies ?? 0;
    this.#limiter = new LoginLimiter(options.limits);
  }

  /** The address `req` comes from, as every per-address limit counts it (`TRUST_PROXY`). */
  address(req: IncomingMessage): string {
    return clientAddress(req, this.#trustedProxies);
  }

  /** The enabled account a request's bearer token names, in a session that has not ended; 401 otherwise. */
  async user(req: IncomingMessage): Promise<Account> {
    return (await this.#session(req)).account;
  }

  routes(router: Router): void {
    router.on('POST', '/api/login', async ({ req }) => {
      const body = await readJson(req, LoginBody, BODY_LIMITS.login);
      const attempt = await this.#limiter.begin(body.username, this.address(req));
      if (!attempt.ok) {
        throw new HttpError(429, 'too-many-attempts', `Too many failed sign-in attempts. Try again in ${Math.ceil(attempt.retryAfterSeconds / 60)} minute(s).`, { 'retry-after': String(attempt.retryAfterSeconds) });
      }
      const account = await this.#records.account(body.username);
      const ok = account && !account.disabled ? await verifyPassword(body.password, account.passwordHash) : await verifyAgainstNothing(body.password);
      if (!ok || !account) throw new HttpError(401, 'bad-credentials', 'The username or password is not right.');
      await attempt.succeeded();
      return this.#issue(account);
    });
    router.on('POST', '/api/token', async ({ req }) => {
      const { account, claims } = await this.#session(req);
      return this.#issue(account, claims);
    });
    router.on('GET', '/api/me', async ({ req }) => {
      const account = await this.user(req);
      return { ...publicAccount(account), grants: await this.#records.grantsOf(account.username) } satisfies MeReply;
    });
    router.on('POST', '/api/session/sign-out-everywhere', async ({ req }) => {
      const { account } = await this.#session(req);
      await this.#records.deleteSetting(sessionSetting(account.username));
      return { signedOut: true, message: 'Every session of this account has ended, on every device, this one included: sign in again.' } satisfies SignOutReply;
    });
  }

  async #session(req: IncomingMessage): Promise<{ account: Account; claims: TokenClaims }> {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new HttpError(401, 'unauthorized', 'Sign in first: send "Authorization: Bearer <token>" from POST /api/login.', { 'www-authenticate': 'Bearer' });
    const check = await verifyToken(this.#secret, m[1]);
    if (!check.ok) {
      throw new HttpError(401, check.reason === 'expired' ? 'token-expired' : 'unauthorized', check.reason === 'expired' ? 'Your session has expired: sign in again.' : 'The token is not valid: sign in again.', { 'www-authenticate': 'Bearer' });
    }
    const account = await this.#records.account(check.claims.sub);
    if (!account || account.disabled) throw new HttpError(401, 'unauthorized', 'This account cannot sign in. Ask your administrator.');
    if (check.claims.gen !== (await sessionGeneration(this.#records, account.username))) {
      throw new HttpError(401, 'unauthorized', 'This session has ended (signed out everywhere, or the password or account changed): sign in again.', { 'www-authenticate': 'Bearer' });
    }
    return { account, claims: check.claims };
  }

  /** A token for `account`: a new session, or the renewal of `renewing` (same sign-in time and generation). */
  async #issue(account: Account, renewing?: TokenClaims): Promise<SessionReply> {
    const now = Date.now();
    const options = { now, gen: renewing?.gen ?? (await sessionGeneration(this.#records, account.username)), authTime: renewing?.authTime };
    const token = await issueToken(this.#secret, account.username, options);
    return { token, expiresAt: new Date(tokenExpiry(options) * 1000).toISOString(), user: publicAccount(account) };
  }
}
