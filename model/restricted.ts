/** Making and reading the restricted part of a child's plan (see restricted-spec.ts). */
import type * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import { blankDocJson, docFromJson } from './create-doc.ts';
import type { TemplateRef } from './doc-spec.ts';
import { RecordView } from './record-view.ts';
import { RESTRICTED_SPEC } from './restricted-spec.ts';

/** Makes the restricted document of a child, every field created. */
export function createRestrictedDoc(childId: string, templates: readonly TemplateRef[], ctx: PlanContext): Y.Doc {
  return docFromJson(blankDocJson(RESTRICTED_SPEC, childId, templates, ctx), RESTRICTED_SPEC, ctx.origin ?? ctx);
}

/** Typed access to the restricted record. */
export function restrictedRecord(doc: Y.Doc, ctx: PlanContext): RecordView {
  const root = RESTRICTED_SPEC.roots[0];
  if (!root) throw new Error('restricted spec has no root');
  return new RecordView(doc.getMap(root.name), root.record, ctx);
}
