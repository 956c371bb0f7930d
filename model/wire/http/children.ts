/**
 * The caseload and a child's plan as a whole: `GET /api/children` ({@link ChildrenReply}),
 * `POST /api/children` ({@link NewChildBody}, answered by {@link CreatedChildReply}),
 * `GET /api/children/:id` ({@link ChildReply}), `POST /api/children/import` (an exported
 * plan, answered by {@link CreatedChildReply}).
 */
import * as z from 'zod';
import { controlCharacterMessage, hasControlCharacters } from '../limits.ts';

export const Rating = z.enum(['red', 'amber', 'green']);
export type Rating = z.infer<typeof Rating>;

/** Where a child's plan stands, as the caseload index holds it. */
export const ChildSummary = z.object({
  childId: z.string().min(1),
  name: z.string(),
  pathwayId: z.string().nullable(),
  pathwayTitle: z.string().nullable(),
  /** Title of the latest stage recorded. */
  stage: z.string().nullable(),
  rating: Rating.nullable(),
  /** YYYY-MM-DD. */
  nextDue: z.string().nullable(),
  nextDueTitle: z.string().nullable(),
  /** When this entry last changed (ISO 8601). */
  updatedAt: z.string(),
  /**
   * The day (YYYY-MM-DD, in the server's time zone) the rating and next due date hold for: the
   * caseload is re-rated every day at midnight and on every change of the plan, so this is
   * normally today. Null until the server has rated the entry (made offline, or just restored);
   * absent from servers before it was added.
   */
  ratedOn: z.iso.date().nullable().optional(),
});
export type ChildSummary = z.infer<typeof ChildSummary>;

/** One row of a caseload: a child the user may see, with the access they hold. */
export const CaseloadChild = ChildSummary.extend({
  access: z.enum(['read', 'edit']),
  restricted: z.boolean(),
});
export type CaseloadChild = z.infer<typeof CaseloadChild>;

export const ChildrenReply = z.object({ children: z.array(CaseloadChild) });
export type ChildrenReply = z.infer<typeof ChildrenReply>;

/** `GET /api/children/:id`. */
export const ChildReply = CaseloadChild;
export type ChildReply = CaseloadChild;

export const Jurisdiction = z.enum(['England', 'Wales', 'Scotland', 'Northern Ireland']);

/** In Unicode mode \p{Cs} matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;

/** One line of well-formed text of at most `max` characters, without control characters (`../limits.ts`). */
function oneLine(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !hasControlCharacters(s), { error: (issue) => controlCharacterMessage(String(issue.input)) })
    .refine((s) => !LONE_SURROGATE.test(s), 'contains half of a character (a lone surrogate); send well-formed text');
}

/** `POST /api/children`: a new child made from the templates of a pathway. No field holds a control character. */
export const NewChildBody = z
  .object({
    name: oneLine(200).trim().min(1),
    pathwayId: oneLine(100).min(1),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').optional(),
    jurisdiction: Jurisdiction.optional(),
    legalStatus: oneLine(200).optional(),
    proceedings: oneLine(200).optional(),
    multiTrack: z.boolean().optional(),
    earlyPermanence: z.boolean().optional(),
    /** True to create the child although one with the same name and date of birth is known (else 409 likely-duplicate). */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict();
export type NewChildBody = z.infer<typeof NewChildBody>;

/** The answer to creating or importing a child (201). */
export const CreatedChildReply = z.object({ childId: z.string(), document: z.string(), summary: ChildSummary.optional() });
export type CreatedChildReply = z.infer<typeof CreatedChildReply>;
