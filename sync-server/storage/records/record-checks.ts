/**
 * Input checks of the server records, as zod schemas (DESIGN Conventions: zod at every
 * boundary). Write methods run their input through these and reject malformed input with a
 * TypeError (a programmer error, never a storage failure); backups are read through the same
 * schemas. Text is stored exactly as given on both backends, so it must be well-formed
 * Unicode (PostgreSQL stores UTF-8) without NUL (PostgreSQL text cannot hold one): otherwise a
 * hash over an audit entry could differ after a round trip through the other backend.
 */
import { z } from 'zod';
import { CHILD_ID } from '../../../model/wire/index.ts';
import { MAX_AUDIT_PAGE, MAX_RATE_PAGE, MAX_RATING_INPUT, USERNAME, type NewAuditEntry } from './server-records.ts';

/** In Unicode mode \p{Cs} matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE_OR_NUL = /[\p{Cs}\0]/u;

/** A string of `min` to `max` UTF-16 units that every backend stores unchanged. */
export function storedText(min: number, max: number): z.ZodString {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !LONE_SURROGATE_OR_NUL.test(s), 'must be well-formed Unicode without NUL');
}

const username = z.string().regex(USERNAME, 'a username is 2 to 64 of a-z 0-9 . _ - starting with a letter or digit');
const childId = z.string().regex(CHILD_ID, 'a child id is 1 to 64 letters, digits, - or _');
const isoTime = z.iso.datetime({ offset: true });
const optionalText = storedText(0, 500).nullable();

export const AccountInput = z.object({
  username,
  name: storedText(1, 200),
  role: storedText(0, 200),
  organisation: storedText(0, 200),
  passwordHash: storedText(1, 1024),
  disabled: z.boolean(),
  admin: z.boolean(),
  createdAt: isoTime,
});

export const GrantInput = z.object({
  username,
  childId,
  level: z.enum(['read', 'edit']),
  restricted: z.boolean(),
});

export const AUDIT_ACTIONS = ['edit', 'create', 'restore', 'import', 'delete-version'] as const;

export const NewAuditEntryInput = z.object({
  at: isoTime,
  username,
  document: storedText(1, 512),
  parts: z.array(storedText(1, 256)).max(256),
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  action: z.enum(AUDIT_ACTIONS),
});

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256');

/**
 * A stored audit entry as a backup holds it. Deliberately lenient about the content (any
 * stored text), strict about the shape: a backup carries the entries as they were, tampering
 * included, so `verifyAudit` after a restore still finds a changed, missing or reordered entry.
 * (The chain head is rebuilt from the restored entries, so a log already cut short at its end
 * before the backup is not reported.)
 */
export const StoredAuditEntry = z.object({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  at: storedText(0, 100),
  username: storedText(0, 512),
  document: storedText(0, 512),
  parts: z.array(storedText(0, 256)),
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  action: z.enum(AUDIT_ACTIONS),
  prevHash: z.union([z.literal(''), hash]),
  hash,
});

const bytes = z.instanceof(Uint8Array);

export const VersionInput = z.object({
  id: storedText(1, 128),
  document: storedText(1, 512),
  name: storedText(1, 200),
  createdAt: isoTime,
  createdBy: username,
  state: bytes,
});

export const ChildSummaryInput = z.object({
  childId,
  name: storedText(1, 500),
  pathwayId: optionalText,
  pathwayTitle: optionalText,
  stage: optionalText,
  rating: z.enum(['red', 'amber', 'green']).nullable(),
  nextDue: z.iso.date().nullable(),
  nextDueTitle: optionalText,
  updatedAt: isoTime,
  ratedOn: z.iso.date().nullable().default(null),
});

/** A rating input: opaque JSON text, well-formed (JSON.stringify never writes a lone surrogate or a raw NUL). */
export const RatingInput = storedText(2, MAX_RATING_INPUT).nullable().default(null);

export const ReratingInput = z.object({
  rating: z.enum(['red', 'amber', 'green']).nullable(),
  nextDue: z.iso.date().nullable(),
  nextDueTitle: optionalText,
  ratedOn: z.iso.date(),
  updatedAt: isoTime,
});

export const RerateChanges = z
  .array(z.object({ childId, basedOn: z.string().min(1), rating: ReratingInput }))
  .max(MAX_RATE_PAGE, `at most ${MAX_RATE_PAGE} changes at once`);

export const RatedDay = z.iso.date();

/** Checks a {@link ServerRecords.childrenToRate} page request; throws RangeError. */
export function checkRatePage(after: unknown, limit: unknown): void {
  if (after !== null && typeof after !== 'string') throw new RangeError('childrenToRate: after is a child id or null');
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_RATE_PAGE) throw new RangeError(`childrenToRate: limit is 1 to ${MAX_RATE_PAGE}`);
}

export const SettingKey = storedText(1, 128);
export const SettingValue = bytes;

/** Runs `value` through `schema`; throws a TypeError naming `what` and every problem. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new TypeError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}`);
}

/** Whether `value` is a string that can name an account (lookups of anything else find nothing). */
export function isUsername(value: unknown): value is string {
  return typeof value === 'string' && USERNAME.test(value);
}

/** Whether `value` is a string that can be a child id. */
export function isChildId(value: unknown): value is string {
  return typeof value === 'string' && CHILD_ID.test(value);
}

/** The checked entries of an `appendAudit` call; throws a TypeError, for the whole batch, at the first bad one. */
export function checkNewAuditEntries(entries: readonly NewAuditEntry[]): NewAuditEntry[] {
  if (!Array.isArray(entries)) throw new TypeError('appendAudit: entries is an array');
  return entries.map((entry, i) => checked(NewAuditEntryInput, entry, `appendAudit: entry ${i}`));
}

/** Throws a RangeError unless `limit` and `beforeSeq` are acceptable for `auditOf`. */
export function checkAuditPage(document: string, limit: number, beforeSeq: number | undefined): void {
  if (typeof document !== 'string') throw new TypeError('auditOf: document is a string');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) throw new RangeError(`auditOf: limit is an integer from 1 to ${MAX_AUDIT_PAGE}`);
  if (beforeSeq !== undefined && (!Number.isSafeInteger(beforeSeq) || beforeSeq < 1)) throw new RangeError('auditOf: beforeSeq is a positive integer');
}

/** Throws a TypeError unless `hash` can be stored as a password hash. */
export function checkPasswordHash(hash: string): void {
  checked(AccountInput.shape.passwordHash, hash, 'password hash');
}

/** A chain head to verify against: seq a whole number, hash 64 hex digits (or seq 0 and ''). */
const AuditAnchorInput = z.union([
  z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits') }),
  z.object({ seq: z.literal(0), hash: z.literal('') }),
]);

/** `anchor` checked (a TypeError for a malformed one), or undefined when none is given. */
export function anchorOf(anchor: unknown): { seq: number; hash: string } | undefined {
  return anchor === undefined ? undefined : checked(AuditAnchorInput, anchor, 'verifyAudit anchor');
}
