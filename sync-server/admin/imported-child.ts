/**
 * A child built in memory from a plan in its plain-JSON form (what `export` writes), ready to be
 * stored by `storeChild` of `../plans/new-children.ts`: the one offline way of storing a child
 * (restricted document, plan, audit entries, caseload entry), shared with `children create` and
 * `children import`. The plan keeps everything the file holds (row ids, writers, conflicts) but
 * its child id; the restricted document is new and empty, because an export holds only the plan
 * (the restricted part has a narrower access list and is never exported: DESIGN decision 2).
 */
import * as Y from 'yjs';
import { liveContext } from '../../model/context.ts';
import { importDoc } from '../../model/doc-json.ts';
import type { DocMeta, DocSpec } from '../../model/doc-spec.ts';
import { openPlan } from '../../model/open-plan.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { validate } from '../../model/validate.ts';
import { planDocumentName, restrictedDocumentName } from '../../model/wire/index.ts';
import { summarise } from '../plans/child-documents.ts';
import { ADMIN_ACTOR, type BuiltChild, type BuiltDocument } from '../plans/new-children.ts';

/** A plan file read as far as its meta (`readPlanJson` of `plan-file.ts`). */
export interface PlanData {
  readonly data: Record<string, unknown>;
  readonly meta: DocMeta;
  readonly spec: DocSpec;
}

export type ImportedChildResult = { ok: true; child: BuiltChild } | { ok: false; problems: string[] };

/**
 * Builds the child of `plan` under `childId` (its own id, or a new one for a copy), with the
 * caseload entry worked out for `today`. Fields that fail the plan's schema, or a plan that does
 * not open or validate, are problems ("path: what is wrong"); nothing is built then.
 */
export function buildImportedChild(plan: PlanData, childId: string, registry: TemplateRegistry, today: string): ImportedChildResult {
  const imported = importDoc({ ...plan.data, meta: { ...plan.meta, childId } }, plan.spec, 'admin');
  if (!imported.ok) return imported;
  const doc = imported.doc;
  const restricted = createRestrictedDoc(childId, plan.meta.templates, liveContext(ADMIN_ACTOR, 'admin'));
  try {
    const opened = openPlan(doc, registry, liveContext(ADMIN_ACTOR, 'admin'));
    if (!opened.ok) return { ok: false, problems: [opened.message] };
    const problems = validate(doc, plan.spec);
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`) };
    const encode = (name: string, part: BuiltDocument['part'], d: Y.Doc): BuiltDocument => ({ name, part, update: Y.encodeStateAsUpdate(d), parts: [...d.share.keys()].sort() });
    const summary = summarise(childId, doc, today, registry);
    return {
      ok: true,
      child: {
        childId,
        name: summary.name,
        documents: [encode(restrictedDocumentName(childId), 'restricted document', restricted), encode(planDocumentName(childId), 'plan', doc)],
        summary,
      },
    };
  } finally {
    doc.destroy();
    restricted.destroy();
  }
}
