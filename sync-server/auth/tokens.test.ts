import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { issueToken, SESSION_LIFETIME_SECONDS, verifyToken } from './tokens.ts';

const secret = randomBytes(32);
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

describe('tokens', () => {
  it('round-trips a username and refuses an expired token', async () => {
    const token = await issueToken(secret, 'asha', { lifetimeSeconds: 60, now: Date.parse('2026-11-23T10:00:00Z'), gen: 'g1' });
    expect(await verifyToken(secret, token, Date.parse('2026-11-23T10:00:30Z'))).toMatchObject({ ok: true, claims: { sub: 'asha', gen: 'g1', authTime: Date.parse('2026-11-23T10:00:00Z') / 1000 } });
    expect(await verifyToken(secret, token, Date.parse('2026-11-23T10:02:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('never lets a renewal carry a session past its lifetime from sign-in', async () => {
    const signIn = Date.parse('2026-11-23T08:00:00Z');
    const lastRenewal = signIn + SESSION_LIFETIME_SECONDS * 1000 - 5 * 60_000;
    const token = await issueToken(secret, 'asha', { authTime: signIn / 1000, now: lastRenewal, gen: 'g' });
    const check = await verifyToken(secret, token, lastRenewal + 60_000);
    expect(check).toMatchObject({ ok: true, claims: { exp: signIn / 1000 + SESSION_LIFETIME_SECONDS } });
    expect(await verifyToken(secret, token, signIn + SESSION_LIFETIME_SECONDS * 1000 + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a forged signature, another key, alg none, and junk', async () => {
    const token = await issueToken(secret, 'asha');
    const [h, p] = token.split('.');
    expect((await verifyToken(randomBytes(32), token)).ok).toBe(false);
    expect((await verifyToken(secret, `${h}.${p}.${b64url('forged')}`)).ok).toBe(false);
    const none = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
    expect(await verifyToken(secret, none)).toEqual({ ok: false, reason: 'invalid' });
    const tampered = `${h}.${b64url(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' }))}.${token.split('.')[2]}`;
    expect((await verifyToken(secret, tampered)).ok).toBe(false);
    for (const junk of [undefined, '', 'a.b.c', 42, 'x'.repeat(5000)]) expect((await verifyToken(secret, junk)).ok).toBe(false);
  });
});

describe('passwords', () => {
  const cheap = { N: 1024, r: 8, p: 1 };
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', cheap);
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
  });

  it('treats malformed stored hashes as no match', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$aa$bb', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$c2FsdA==$c2hvcnQ=']) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
});
