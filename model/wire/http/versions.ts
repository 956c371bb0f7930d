/**
 * Named versions of a child's plan: `POST /api/children/:id/versions` ({@link NewVersionBody},
 * answered 201 by {@link CreatedVersionReply}), `GET .../versions` ({@link VersionsReply}),
 * `GET .../versions/:vid` ({@link VersionReply}), `POST .../versions/:vid/restore`
 * ({@link RestoreReply}), `DELETE .../versions/:vid` (administrators only, {@link DeletedVersionReply}).
 * `GET .../versions/:vid/minutes` answers HTML, not JSON.
 */
import * as z from 'zod';
import { hasControlCharacters } from '../limits.ts';
import { Person } from './history.ts';

/** Control characters (`../limits.ts`) and lone surrogates: a version name is one line of well-formed text. */
const SURROGATE = /\p{Cs}/u;
const NAME_IT = 'name the version, e.g. "PPM 2026-11-03, minutes agreed"';

/** A name of 1 to 200 characters on one line. */
export const NewVersionBody = z
  .object({
    name: z
      .string({ error: NAME_IT })
      .trim()
      .min(1, NAME_IT)
      .max(200, 'a version name is at most 200 characters')
      .refine((s) => !hasControlCharacters(s) && !SURROGATE.test(s), 'a version name is one line of text without control characters'),
  })
  .strict();
export type NewVersionBody = z.infer<typeof NewVersionBody>;

/** A version as the API shows it: without its state, the creator as a person. */
export const VersionSummary = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), createdBy: Person });
export type VersionSummary = z.infer<typeof VersionSummary>;

export const CreatedVersionReply = z.object({ version: VersionSummary });
export type CreatedVersionReply = z.infer<typeof CreatedVersionReply>;

/** The versions of a plan, newest first. */
export const VersionsReply = z.object({ versions: z.array(VersionSummary) });
export type VersionsReply = z.infer<typeof VersionsReply>;

/**
 * A version with its plan in plain-JSON form (what an export holds), and, only for a person
 * whose grant covers the restricted part, the restricted document as it was then (absent for
 * everyone else, and for versions saved before restricted documents were versioned).
 */
export const VersionReply = z.object({ version: VersionSummary, plan: z.record(z.string(), z.unknown()), restricted: z.record(z.string(), z.unknown()).optional() });
export type VersionReply = z.infer<typeof VersionReply>;

/** The answer to an administrator deleting a version: what it was and the bytes freed; the audit names who. */
export const DeletedVersionReply = z.object({
  deleted: z.object({ id: z.string(), name: z.string(), createdAt: z.string(), createdBy: z.string(), bytes: z.number().int().min(0) }),
  message: z.string(),
});
export type DeletedVersionReply = z.infer<typeof DeletedVersionReply>;

/**
 * A restore done: whether the plan changed, the bytes of the change, and words for a person;
 * `restricted` says whether the restricted document was restored too (only for a person whose
 * grant covers it, and when the version holds it) and whether it changed.
 */
export const RestoreReply = z.object({
  restored: VersionSummary,
  changed: z.boolean(),
  bytes: z.number().int().min(0),
  message: z.string(),
  restricted: z.object({ changed: z.boolean(), bytes: z.number().int().min(0) }).optional(),
});
export type RestoreReply = z.infer<typeof RestoreReply>;
