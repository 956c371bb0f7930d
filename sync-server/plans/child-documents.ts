/**
 * A child's documents as the server makes and reads them, in memory: fields are created once,
 * here, when a child's plan is made from templates (DESIGN decision 5); a plan document opened
 * as a typed plan; its caseload index entry. Storing them is `plans.ts`'s.
 */
import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { liveContext, type PlanContext } from '../../model/context.ts';
import { openPlan } from '../../model/open-plan.ts';
import { createPlanDoc, type Plan } from '../../model/plan.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import { defaultForms, TemplateRegistry } from '../../model/template/registry.ts';
import type { RowInput } from '../../model/record-view.ts';
import { timelineOfPlan } from '../../model/timeline/of-plan.ts';
import type { Timeline } from '../../model/timeline/types.ts';
import { templates } from '../../templates/index.ts';
import type { ChildSummary } from '../storage/records/server-records.ts';

/** A new child id: `c` and 12 characters of base32, e.g. `c7k2m9x4q1rt`. */
export function newChildId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let id = 'c';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

/** What creating a child takes. */
export interface NewChild {
  readonly childId?: string;
  readonly pathwayId: string;
  /** Child's details, e.g. { name, dateOfBirth, jurisdiction, legalStatus, proceedings }. */
  readonly details: RowInput;
  /** Who creates it (username), recorded as the writer of the initial values. */
  readonly by: string;
}

/** Builds a new child's plan and restricted documents; throws RangeError for an unknown pathway or a bad detail. */
export function buildChildDocuments(child: NewChild, registry: TemplateRegistry = templates): { childId: string; plan: Y.Doc; restricted: Y.Doc } {
  const pathway = registry.get(child.pathwayId);
  if (pathway?.kind !== 'pathway') throw new RangeError(`"${child.pathwayId}" is not a pathway template`);
  const childId = child.childId ?? newChildId();
  const forms = defaultForms(registry);
  const spec = planSpec(forms);
  const ctx: PlanContext = liveContext(child.by, 'server');
  const roleMatrix = registry.ofKind('role-matrix')[0];
  const refs = [forms.ppm, forms.contingency, forms.introduction, pathway, ...(roleMatrix ? [roleMatrix] : [])].map((t) => TemplateRegistry.ref(t));
  const plan = createPlanDoc(spec, { childId, templates: refs, child: child.details, roleMatrix, pathwayId: pathway.id }, ctx);
  const restricted = createRestrictedDoc(childId, refs, ctx);
  return { childId, plan, restricted };
}

/** The typed plan of a plan document, with the spec its meta names; undefined for a malformed meta. */
export function planOf(doc: Y.Doc, registry: TemplateRegistry = templates): Plan | undefined {
  const opened = openPlan(doc, registry, liveContext('server', 'server'));
  return opened.ok ? opened.plan : undefined;
}

/** The caseload index entry of a plan: name, pathway, latest stage, rating and next due date. */
export function summarise(childId: string, doc: Y.Doc, today: string, registry: TemplateRegistry = templates): ChildSummary {
  const plan = planOf(doc, registry);
  return summaryOf(childId, plan, plan && timelineOfPlan(plan, registry, today));
}

/** The caseload entry of an opened plan (undefined: unreadable) and its timeline for the day. */
export function summaryOf(childId: string, plan: Plan | undefined, timeline: Timeline | undefined): ChildSummary {
  const updatedAt = new Date().toISOString();
  if (!plan) return { childId, name: '(unreadable plan)', pathwayId: null, pathwayTitle: null, stage: null, rating: null, nextDue: null, nextDueTitle: null, updatedAt };
  const name = plan.child.value('name');
  const stageTitle = latestStageTitle(plan, timeline);
  return {
    childId,
    name: typeof name === 'string' && name !== '' ? name : '(no name recorded)',
    pathwayId: timeline?.pathwayId ?? null,
    pathwayTitle: timeline?.pathwayTitle ?? null,
    stage: stageTitle,
    rating: timeline?.rating ?? null,
    nextDue: timeline?.nextDue?.date ?? null,
    nextDueTitle: timeline?.nextDue?.title ?? null,
    updatedAt,
  };
}

/**
 * The title of the latest stage reached: from the timeline, which reads each stage from its own
 * record (a PPM from the PPM records, an introduction date from the introduction plan); the
 * stage table only when the plan names no known pathway.
 */
function latestStageTitle(plan: Plan, timeline: Timeline | undefined): string | null {
  if (timeline) {
    let best: { title: string; done: string } | undefined;
    for (const s of timeline.stages) if (s.done !== undefined && (!best || s.done >= best.done)) best = { title: s.title, done: s.done };
    return best?.title ?? null;
  }
  const latest = plan.stages
    .rows()
    .map((r) => ({ stage: r.value('stage'), date: r.value('date') }))
    .filter((r): r is { stage: string; date: string } => typeof r.stage === 'string' && typeof r.date === 'string')
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
  return latest?.stage ?? null;
}
