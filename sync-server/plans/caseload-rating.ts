/**
 * A child's caseload index entry together with its rating input: what the timeline engine needs
 * to rate the plan on another day (the pathway by id and version, the child's facts, the stages,
 * meetings and introduction dates recorded), as JSON. The nightly re-rating evaluates the stored
 * input for the new day instead of reading the plan (about the engine's cost per child, against
 * several times that to read and open a stored Yjs document), and the entry an edit writes is
 * rated the same way, so the two can never disagree.
 *
 * The input is opaque to storage. It is worked out by the model's `timelineInputOf` and carried
 * whole (whatever that gives, less `today`), so a change to what the engine reads changes what
 * is stored; a server start re-reads every plan (`collab/caseload-rerating.ts`), so inputs
 * written by an older release are replaced.
 */
import type * as Y from 'yjs';
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import { timelineInputOf } from '../../model/timeline/of-plan.ts';
import type { TimelineInput } from '../../model/timeline/types.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';
import { MAX_RATING_INPUT, type ChildSummary } from '../storage/records/server-records.ts';
import { planOf, summaryOf } from './child-documents.ts';

/** Version of the stored form below; an input of another version is not used (the plan is read). */
const FORMAT = 1;

/** The rating part of an index entry: what moves with the calendar. */
export interface RatingOfDay {
  readonly rating: ChildSummary['rating'];
  readonly nextDue: string | null;
  readonly nextDueTitle: string | null;
}

/** An index entry and its rating input (null when the plan names no known pathway or is unreadable). */
export interface IndexEntry {
  readonly summary: ChildSummary;
  readonly ratingInput: string | null;
}

/** The engine's input as stored: the pathway by reference, everything else as the model gave it. */
export function storedRatingInput(input: TimelineInput): string {
  const { pathway, today: _today, holidays: _holidays, options: _options, ...recorded } = input;
  return JSON.stringify({ format: FORMAT, pathway: { id: pathway.id, version: pathway.version }, recorded });
}

/**
 * Rates a stored input for `today` (YYYY-MM-DD); undefined when it cannot be used here (another
 * format, a pathway version this server does not have, or anything the engine refuses), and
 * then the plan itself must be read.
 */
export function rateStoredInput(ratingInput: string, today: string, registry: TemplateRegistry = templates): RatingOfDay | undefined {
  try {
    const stored = JSON.parse(ratingInput) as { format?: unknown; pathway?: { id?: unknown; version?: unknown }; recorded?: object };
    if (stored.format !== FORMAT || typeof stored.pathway?.id !== 'string' || typeof stored.pathway.version !== 'string' || typeof stored.recorded !== 'object') return undefined;
    const pathway = registry.get(stored.pathway.id, stored.pathway.version);
    if (pathway?.kind !== 'pathway') return undefined;
    const timeline = evaluateTimeline({ ...(stored.recorded as Omit<TimelineInput, 'pathway' | 'today'>), pathway, today });
    return { rating: timeline.rating, nextDue: timeline.nextDue?.date ?? null, nextDueTitle: timeline.nextDue?.title ?? null };
  } catch {
    return undefined;
  }
}

/**
 * The index entry of a plan document for `today`, rated for that day, and its rating input. The
 * plan is opened and its timeline evaluated once, from the same input that is stored, so the
 * entry an edit writes says what the nightly pass will say of the stored input
 * (`caseload-rating.test.ts` checks the two agree).
 */
export function indexEntryOf(childId: string, doc: Y.Doc, today: string, registry: TemplateRegistry = templates): IndexEntry {
  const plan = planOf(doc, registry);
  const input = plan && timelineInputOf(plan, registry, today);
  const summary: ChildSummary = { ...summaryOf(childId, plan, input && evaluateTimeline(input)), ratedOn: today };
  if (!input) return { summary, ratingInput: null };
  const ratingInput = storedRatingInput(input);
  // Too long to store (pages of decision text): the nightly pass reads this plan instead.
  return { summary, ratingInput: ratingInput.length <= MAX_RATING_INPUT ? ratingInput : null };
}

/** Whether two ratings say the same. */
export function sameRating(a: RatingOfDay, b: RatingOfDay): boolean {
  return a.rating === b.rating && a.nextDue === b.nextDue && a.nextDueTitle === b.nextDueTitle;
}
