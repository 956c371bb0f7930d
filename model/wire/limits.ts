/**
 * The limits on everything a person can grow in a plan (DESIGN decision 6), in one place: the
 * model's validation, the server's update checks, the HTTP bodies and the admin import all read
 * them from here, and the client can show them. `docs/limits.md` ("Plan size") says why each
 * default is what it is. The server may lower or raise the ones marked *configurable* (see
 * `sync-server/config.ts`); the others are part of the document format and fixed.
 *
 * Also the one rule for control characters: text a person writes never holds C0 or C1 control
 * characters or DEL, except newline and tab in multi-line text. A NUL in a name once passed
 * validation and broke the caseload index on every store.
 *
 * Imports nothing (model/wire imports only zod).
 */

/** The limits of a plan, with their defaults. */
export const PLAN_LIMITS = {
  /** Largest encoded size of one document (`Y.encodeStateAsUpdate`), in bytes. Configurable (`PLAN_MAX_BYTES`). */
  planBytes: 8 * 1024 * 1024,
  /** Longest text field (a narrative: a reason, a view, a note), in characters. */
  textChars: 100_000,
  /** Most rows in one table (people involved, decisions, stages, ...) and most PPM meetings. */
  rowsPerTable: 2_000,
  /** Most named versions of one child's plan. Configurable (`VERSIONS_PER_CHILD`). */
  versionsPerChild: 200,
  /** Most children one person may create or import in an hour. Configurable (`CHILDREN_PER_HOUR`). */
  childrenPerHour: 60,
} as const;

export type PlanLimits = { readonly [K in keyof typeof PLAN_LIMITS]: number };

/** Any control character: C0 (U+0000 to U+001F), DEL (U+007F) and C1 (U+0080 to U+009F). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** A control character other than newline and tab. */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/**
 * Whether `text` holds a control character it may not: any at all in single-line text (a name,
 * a choice, a writer's name), any but newline (U+000A) and tab (U+0009) when `multiLine`.
 */
export function hasControlCharacters(text: string, multiLine = false): boolean {
  return (multiLine ? CONTROL_BUT_LINES : CONTROL).test(text);
}

/** Full-match pattern of single-line text without control characters (for zod `.regex`, so JSON Schemas show it). */
// eslint-disable-next-line no-control-regex
export const ONE_LINE_TEXT = /^[^\u0000-\u001f\u007f-\u009f]*$/u;
/** Full-match pattern of multi-line text: no control characters but newline and tab. */
// eslint-disable-next-line no-control-regex
export const MULTI_LINE_TEXT = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/u;

/** The first forbidden control character of `text` as `U+0000`, or undefined when there is none. */
export function firstControlCharacter(text: string, multiLine = false): string | undefined {
  const found = (multiLine ? CONTROL_BUT_LINES : CONTROL).exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** The message for text refused for a control character, naming it. */
export function controlCharacterMessage(text: string, multiLine = false): string {
  const which = firstControlCharacter(text, multiLine) ?? 'a control character';
  return `contains the control character ${which}; only ${multiLine ? 'printable characters, new lines and tabs' : 'printable characters'} are allowed`;
}
