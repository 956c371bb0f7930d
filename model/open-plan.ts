/**
 * Opening a child's plan document: read its meta, find the templates it was made from, and wrap
 * it in a typed {@link Plan}. The one place that does so, for the client's plan handle, the
 * server's HTTP routes, the admin commands and the update checks alike.
 */
import type * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import { DocMeta, META_ROOT } from './doc-spec.ts';
import { Plan } from './plan.ts';
import { planSpec, type PlanForms } from './plan-spec.ts';
import type { TemplateRegistry } from './template/registry.ts';

/** A plan opened: the typed plan, its meta and the form templates its parts are laid out by. */
export interface OpenedPlan {
  readonly ok: true;
  readonly plan: Plan;
  readonly meta: DocMeta;
  readonly forms: PlanForms;
}

/**
 * Why a document could not be opened as a plan: `no-meta` while its meta has not arrived or is
 * malformed (a client waits for the first sync); `unknown-templates` when it names templates
 * this registry does not hold (made by a newer version of the product).
 */
export interface UnopenedPlan {
  readonly ok: false;
  readonly reason: 'no-meta' | 'unknown-templates';
  readonly message: string;
}

/** Opens a plan document with the templates of `registry`; writes go through `ctx`. Never throws. */
export function openPlan(doc: Y.Doc, registry: TemplateRegistry, ctx: PlanContext): OpenedPlan | UnopenedPlan {
  const meta = DocMeta.safeParse(doc.getMap(META_ROOT).toJSON());
  if (!meta.success) return { ok: false, reason: 'no-meta', message: 'The document has no readable plan information (meta).' };
  try {
    const forms = registry.formsFor(meta.data);
    return { ok: true, plan: new Plan(doc, planSpec(forms), ctx), meta: meta.data, forms };
  } catch (error) {
    return { ok: false, reason: 'unknown-templates', message: error instanceof Error ? error.message : String(error) };
  }
}
