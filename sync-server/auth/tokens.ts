/**
 * Session tokens: short-lived JWTs signed with HS256 by the server's own secret (jose). A token
 * names the user (`sub`) and carries no access rights: access is looked up in server storage
 * on every connection and re-checked while it lasts, so revoking takes effect without waiting
 * for tokens to expire. Verification accepts HS256 only, so `alg: none` and tokens signed with
 * any other key or algorithm are refused.
 *
 * A session ends (docs/limits.md, "Sessions"):
 * - after {@link TOKEN_LIFETIME_SECONDS} without renewal;
 * - {@link SESSION_LIFETIME_SECONDS} after sign-in whatever the renewals: a token carries its
 *   sign-in time (`auth_time`), a renewal copies it, and no token expires after it;
 * - when the account's session generation (`gen`, `storage/records/account-settings.ts`)
 *   changes: sign out everywhere, password change, disable. The caller compares `gen` with the
 *   stored one; this module only carries it.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

/** How long a token lasts. The client renews it before then with `POST /api/token`. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
/** How long a session lasts from sign-in, renewals included: 12 hours (a working day and then some). */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;
const ISSUER = 'permanence-board';
const AUDIENCE = 'permanence-board';

export interface TokenClaims {
  /** The username. */
  readonly sub: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  /** When the person signed in (with their password), seconds since the epoch. */
  readonly authTime: number;
  /** The account's session generation when the token was issued (base64url). */
  readonly gen: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** What a token is issued with, besides the username. */
export interface TokenOptions {
  /** The account's session generation (base64url); default '' (no account: refused by every check). */
  readonly gen?: string;
  /** Sign-in time, seconds since the epoch; default now (a new sign-in). A renewal passes the old token's. */
  readonly authTime?: number;
  /** Default {@link TOKEN_LIFETIME_SECONDS}. */
  readonly lifetimeSeconds?: number;
  /** Default `Date.now()`. */
  readonly now?: number;
  /** Default {@link SESSION_LIFETIME_SECONDS}. */
  readonly sessionSeconds?: number;
}

/** When a token issued with `options` expires, seconds since the epoch: never past the session's end. */
export function tokenExpiry(options: TokenOptions = {}): number {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const authTime = options.authTime ?? iat;
  return Math.min(iat + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS), authTime + (options.sessionSeconds ?? SESSION_LIFETIME_SECONDS));
}

/** Issues a token for `username`; its expiry is {@link tokenExpiry}. */
export async function issueToken(secret: Uint8Array, username: string, options: TokenOptions = {}): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({ auth_time: options.authTime ?? iat, gen: options.gen ?? '' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(username)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(tokenExpiry({ ...options, now: iat * 1000 }))
    .sign(secret);
}

/** Verifies a token: signature (HS256 with `secret`), issuer, audience, expiry and the session claims. Never throws. */
export async function verifyToken(secret: Uint8Array, token: unknown, now = Date.now()): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp', 'auth_time', 'gen'],
    });
    const authTime = payload.auth_time;
    const gen = payload.gen;
    if (typeof authTime !== 'number' || !Number.isInteger(authTime) || typeof gen !== 'string') return { ok: false, reason: 'invalid' };
    // A token minted with a longer expiry than its session allows is not one this server made.
    if (payload.exp! > authTime + SESSION_LIFETIME_SECONDS) return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { sub: payload.sub!, exp: payload.exp!, authTime, gen } };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
