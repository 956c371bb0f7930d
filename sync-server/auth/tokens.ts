/**
 * Session tokens: short-lived JWTs signed with HS256 by the server's own secret (jose). A token
 * names the user (`sub`) and carries no access rights: access is looked up in server storage
 * on every connection and re-checked while it lasts, so revoking takes effect without waiting
 * for tokens to expire. Verification accepts HS256 only, so `alg: none` and tokens signed with
 * any other key or algorithm are refused.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

/** How long a token lasts. The client renews it before then with `POST /api/token`. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
const ISSUER = 'permanence-board';
const AUDIENCE = 'permanence-board';

export interface TokenClaims {
  /** The username. */
  readonly sub: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Issues a token for `username`, valid for `lifetimeSeconds`. */
export async function issueToken(secret: Uint8Array, username: string, lifetimeSeconds = TOKEN_LIFETIME_SECONDS, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(username)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(secret);
}

/** Verifies a token: signature (HS256 with `secret`), issuer, audience and expiry. Never throws. */
export async function verifyToken(secret: Uint8Array, token: unknown, now = Date.now()): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp'],
    });
    return { ok: true, claims: { sub: payload.sub!, exp: payload.exp! } };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
