/**
 * Is a new password strong enough? A small, dependency-free check for `users add` and
 * `users password` (docs/limits.md, "Sign-in limits"): at least {@link MIN_PASSWORD_LENGTH}
 * characters, not one of the most common passwords or a common stem padded with digits and
 * symbols (`common-passwords.txt`), not the username or name, not a character or short group
 * repeated, not a run of consecutive characters (abcd..., 9876...). It is a stand-in for a real
 * strength estimator: `@zxcvbn-ts/core` with its English dictionary should replace it.
 */
import { readFileSync } from 'node:fs';

/** Fewest characters (Unicode code points) of a password: a passphrase of a few words. */
export const MIN_PASSWORD_LENGTH = 12;
/** Fewest different characters. */
const MIN_DISTINCT = 5;

let common: ReadonlySet<string> | undefined;

/** The bundled list, lowercase (read once). */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('#')),
  );
  return common;
}

/** Who the password is for: it must not be made of their own username or name. */
export interface PasswordOwner {
  readonly username?: string;
  readonly name?: string;
}

/** Why `password` is too weak, in words a person can act on; undefined when it will do. */
export function passwordWeakness(password: string, owner: PasswordOwner = {}): string | undefined {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `the password is too short: use at least ${MIN_PASSWORD_LENGTH} characters, for example three or four unrelated words`;
  const lower = password.normalize('NFKC').toLowerCase();
  const letters = lower.replace(/[\s\p{P}\p{S}\d]+/gu, '');
  const stem = lower.replace(/^[\s\p{P}\p{S}\d]+|[\s\p{P}\p{S}\d]+$/gu, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.replace(/\s+/g, '')) || list.has(stem) || list.has(letters) || list.has(lower.replace(/[^\p{L}\p{N}]+/gu, ''))) {
    return 'the password is one of the most common passwords (or one with digits or symbols added): choose three or four unrelated words instead';
  }
  for (const own of [owner.username, owner.name, ...(owner.name ?? '').split(/\s+/)]) {
    const o = own?.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (o && o.length >= 3 && (stem === o || letters === o || stem.replace(/[^\p{L}\p{N}]+/gu, '') === o)) return 'the password is made of the username or name: choose something others cannot guess';
  }
  if (new Set(chars).size < MIN_DISTINCT) return `the password repeats too few characters: use at least ${MIN_DISTINCT} different ones`;
  if (isRepeatedGroup(chars)) return 'the password is one short group of characters repeated: choose three or four unrelated words instead';
  if (isRun(chars)) return 'the password is a run of consecutive characters (like abcdef or 987654): choose three or four unrelated words instead';
  return undefined;
}

/** Whether the characters are a group of at most 4 repeated (abcabcabcabc). */
function isRepeatedGroup(chars: readonly string[]): boolean {
  for (let size = 1; size <= 4; size++) {
    if (chars.every((c, i) => c === chars[i % size])) return true;
  }
  return false;
}

/** Whether most steps between neighbours are +1 or -1 in code point (abcd, 4321, with at most two breaks). */
function isRun(chars: readonly string[]): boolean {
  const points = chars.map((c) => c.toLowerCase().codePointAt(0)!);
  let breaks = 0;
  for (let i = 1; i < points.length; i++) {
    const step = points[i]! - points[i - 1]!;
    // 9 → 0 continues a run of digits (1234567890).
    const wraps = points[i - 1] === 57 && points[i] === 48;
    if (Math.abs(step) !== 1 && !wraps) breaks++;
  }
  return breaks <= 2;
}
