/**
 * The open child's plan, shared with every element below the page root through @lit/context:
 * the whole typed `Plan`, its `meta` and the form templates its parts are laid out by (PPM,
 * contingency, introduction), as the model's `openPlan` returns them, and whether the person may
 * change it (`canEdit`). A new screen
 * reads what it needs from here, so adding one needs no change to the sync layer. Elements
 * read the plan from this context only; it is provided by `app/` (from the plan handle of
 * `sync/`) or, in element tests, by `<test-contexts>` of `testing/`.
 */
import { createContext } from '@lit/context';
import type { DocMeta } from '../../model/doc-spec.ts';
import type { Plan } from '../../model/plan.ts';
import type { PlanForms } from '../../model/plan-spec.ts';

/** The open child's plan, with its meta and the forms it was made from (a successful `openPlan` is one). */
export interface OpenPlan {
  readonly plan: Plan;
  readonly meta: DocMeta;
  readonly forms: PlanForms;
  /**
   * Whether the signed-in person may change this plan (their grant on the child is `edit` and the
   * server has not said read-only). Absent means no: deny by default. When false every field is
   * read-only text and the form says so.
   */
  readonly canEdit?: boolean;
  /**
   * Names of the people known on this page by account id (the `by` of register entries): at
   * least the signed-in person; whoever learns more (presence, the history's writers) adds them.
   * A writer not in it is shown by their account id.
   */
  readonly people?: ReadonlyMap<string, string>;
}

/** The open plan; undefined while none is open. */
export const openPlanContext = createContext<OpenPlan | undefined>(Symbol('open-plan'));
