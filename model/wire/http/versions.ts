/**
 * Named versions of a child's plan: `POST /api/children/:id/versions` ({@link NewVersionBody},
 * answered 201 by {@link CreatedVersionReply}), `GET .../versions` ({@link VersionsReply}),
 * `GET .../versions/:vid` ({@link VersionReply}), `POST .../versions/:vid/restore`
 * ({@link RestoreReply}). `GET .../versions/:vid/minutes` answers HTML, not JSON.
 */
import * as z from 'zod';
import { Person } from './history.ts';

/** Control characters and lone surrogates: a version name is one line of well-formed text. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const NAME_IT = 'name the version, e.g. "PPM 2026-11-03, minutes agreed"';

/** A name of 1 to 200 characters on one line. */
export const NewVersionBody = z
  .object({
    name: z
      .string({ error: NAME_IT })
      .trim()
      .min(1, NAME_IT)
      .max(200, 'a version name is at most 200 characters')
      .refine((s) => !CONTROL.test(s), 'a version name is one line of text without control characters'),
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

/** A version with its plan in plain-JSON form (what an export holds). */
export const VersionReply = z.object({ version: VersionSummary, plan: z.record(z.string(), z.unknown()) });
export type VersionReply = z.infer<typeof VersionReply>;

/** A restore done: whether the plan changed, the bytes of the change, and words for a person. */
export const RestoreReply = z.object({ restored: VersionSummary, changed: z.boolean(), bytes: z.number().int().min(0), message: z.string() });
export type RestoreReply = z.infer<typeof RestoreReply>;
