/**
 * A child's plan: made from templates in one call, and read and written through typed
 * accessors for each part (child's details, PPM meetings, contingency plan, introduction
 * plan, role matrix, pathway record). No DOM and no server code: it runs in both.
 */
import type * as Y from 'yjs';
import * as z from 'zod';
import type { PlanContext } from './context.ts';
import { blankDocJson, docFromJson, fillRecordJson } from './create-doc.ts';
import { DocMeta, META_ROOT, rootOf, type DocSpec, type TemplateRef } from './doc-spec.ts';
import { IsoDate } from './field-value.ts';
import type { RecordJson } from './record-json.ts';
import { rowSpec } from './record-spec.ts';
import { RecordView, TableView, type RowInput } from './record-view.ts';
import { LEGAL_STATUSES, PROCEEDINGS, ROLES_TABLE } from './core-fields.ts';
import { Jurisdiction } from './template/common.ts';
import type { RoleMatrixTemplate } from './template/role-matrix.ts';

/** What making a plan needs besides its spec. */
export interface NewPlan {
  readonly childId: string;
  /** The templates the plan is made from, recorded in its meta. */
  readonly templates: readonly TemplateRef[];
  /** Initial child's details, e.g. { name, dateOfBirth, jurisdiction, legalStatus }. */
  readonly child?: RowInput;
  /** Pre-fills the role matrix with one row per role of this template. */
  readonly roleMatrix?: RoleMatrixTemplate;
  /** The pathway template the child starts on. */
  readonly pathwayId?: string;
}

/** Makes a new plan document with every field and table created. Throws RangeError for a bad initial value. */
export function createPlanDoc(spec: DocSpec, init: NewPlan, ctx: PlanContext): Y.Doc {
  const json = blankDocJson(spec, init.childId, init.templates, ctx);
  fillRecordJson(json.child as RecordJson, rootOf(spec, 'child').record, init.child ?? {}, ctx);
  if (init.pathwayId) fillRecordJson(json.pathway as RecordJson, rootOf(spec, 'pathway').record, { pathwayId: init.pathwayId }, ctx);
  if (init.roleMatrix) {
    const roles = json.roles as RecordJson;
    roles.roles = init.roleMatrix.roles.map((role) => {
      const row: RecordJson = { id: `role-${role.id}`, role: [], holder: [], organisation: [], responsibilities: '', sharedItems: '' };
      fillRecordJson(
        row,
        rowSpec(ROLES_TABLE),
        {
          role: role.title,
          responsibilities: role.responsibilities.map((r) => `• ${r}`).join('\n'),
          sharedItems: role.sharedItems.map((r) => `• ${r}`).join('\n'),
        },
        ctx,
      );
      return row;
    });
  }
  return docFromJson(json, spec, ctx.origin ?? ctx);
}

/** The child's details the product relies on, typed; a field in conflict shows its current value. */
export interface ChildFacts {
  readonly name?: string;
  readonly dateOfBirth?: string;
  readonly jurisdiction?: Jurisdiction;
  readonly legalStatus?: (typeof LEGAL_STATUSES)[number];
  readonly proceedings?: (typeof PROCEEDINGS)[number];
  readonly multiTrack?: boolean;
  readonly earlyPermanence?: boolean;
}

const Facts = z.object({
  name: z.string().optional(),
  dateOfBirth: IsoDate.optional(),
  jurisdiction: Jurisdiction.optional(),
  legalStatus: z.enum(LEGAL_STATUSES).optional(),
  proceedings: z.enum(PROCEEDINGS).optional(),
  multiTrack: z.boolean().optional(),
  earlyPermanence: z.boolean().optional(),
});

/** Typed access to one child's plan document. Views are live: they read the current document. */
export class Plan {
  readonly doc: Y.Doc;
  readonly spec: DocSpec;
  readonly ctx: PlanContext;

  constructor(doc: Y.Doc, spec: DocSpec, ctx: PlanContext) {
    this.doc = doc;
    this.spec = spec;
    this.ctx = ctx;
  }

  /** The plan's meta, or undefined when the document has none or a malformed one (not yet synced). */
  meta(): DocMeta | undefined {
    const parsed = DocMeta.safeParse(this.doc.getMap(META_ROOT).toJSON());
    return parsed.success ? parsed.data : undefined;
  }

  /** A part that is one record, by root name. */
  record(name: 'child' | 'contingency' | 'introduction' | 'roles' | 'pathway'): RecordView {
    return new RecordView(this.doc.getMap(name), rootOf(this.spec, name).record, this.ctx);
  }

  get child(): RecordView {
    return this.record('child');
  }

  /** The PPM meetings, one record each, in the order they were added. */
  get ppms(): TableView {
    return new TableView(this.doc.getArray('ppms'), rootOf(this.spec, 'ppms').record, this.ctx);
  }

  get contingency(): RecordView {
    return this.record('contingency');
  }

  get introduction(): RecordView {
    return this.record('introduction');
  }

  /** The role/responsibility matrix: one row per role. */
  get roles(): TableView {
    return this.record('roles').table('roles');
  }

  get pathway(): RecordView {
    return this.record('pathway');
  }

  /** The answers to the task list and checklist items (`model/assurance.ts`), one record each. */
  get assurance(): TableView {
    return new TableView(this.doc.getArray('assurance'), rootOf(this.spec, 'assurance').record, this.ctx);
  }

  /** The record of stages reached on the pathway. */
  get stages(): TableView {
    return this.pathway.table('stages');
  }

  /** The typed core facts of the child's details (values outside the core lists are left out). */
  childFacts(): ChildFacts {
    const child = this.child;
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(Facts.shape)) raw[key] = child.value(key) ?? undefined;
    const parsed = Facts.safeParse(raw);
    return parsed.success ? parsed.data : {};
  }

  /**
   * The latest meeting: the latest by date of meeting; among equal or undated ones, the one
   * added last. The one rule for "the latest meeting", shown by the page and printed in the
   * minutes alike. `index` is its position in the order added (from 0), `count` the meetings held.
   */
  latestMeeting(): { meeting: RecordView; index: number; count: number } | undefined {
    const meetings = this.ppms.rows();
    let best: { meeting: RecordView; index: number; date: string } | undefined;
    meetings.forEach((meeting, index) => {
      const value = meeting.spec.fields.some((f) => f.id === 'meetingDate') ? meeting.value('meetingDate') : undefined;
      const date = typeof value === 'string' ? value : '';
      if (!best || date >= best.date) best = { meeting, index, date };
    });
    return best && { meeting: best.meeting, index: best.index, count: meetings.length };
  }

  /** Adds a PPM meeting record with every field created; returns its id. */
  addMeeting(values: RowInput = {}): string {
    return this.ppms.insert(values);
  }

  /** Records that a pathway stage was reached on `date` (YYYY-MM-DD), by the context's actor. */
  recordStage(stage: string, date: string, note = ''): string {
    return this.stages.insert({ stage, date, recordedBy: this.ctx.actor, note });
  }

  /** Runs several writes as one transaction (one update, one undo step). */
  transact(fn: () => void): void {
    this.doc.transact(fn, this.ctx.origin ?? this.ctx);
  }
}
