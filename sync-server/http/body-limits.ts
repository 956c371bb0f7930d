/**
 * The limits on an HTTP request body, checked before it is parsed (docs/limits.md): a size per
 * route, refused with 413 as soon as the declared length or the bytes received pass it (so a
 * large body is never held or parsed), and a nesting depth, refused with 400 by a scan of the
 * brackets before `JSON.parse` (deeply nested arrays cost the parser, and then zod, far more
 * than their size suggests).
 */

/** Body sizes in bytes, per kind of route. */
export const BODY_LIMITS = {
  /** `POST /api/login`: a username and a password are a few hundred bytes. */
  login: 4 * 1024,
  /** Every other JSON route unless it says otherwise. */
  default: 1024 * 1024,
  /** `POST /api/children/import`: a whole exported plan. */
  import: 5 * 1024 * 1024,
} as const;

/** Deepest nesting of arrays and objects accepted in a JSON body. A plan's export is under 10. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text in `bytes` nests arrays and objects deeper than `max`, by one pass over
 * its brackets outside strings. It does not check the JSON is valid: `JSON.parse` does that after.
 */
export function nestsDeeperThan(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) depth--;
  }
  return false;
}
