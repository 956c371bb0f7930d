/**
 * What opening a child's plan needs beyond the first page, in one module that the first page
 * loads with `import()` (esbuild splits it into its own chunk): the plan repo (yjs, the
 * Hocuspocus provider, IndexedDB), the shipped templates, and the workspace's elements. The
 * sign-in page and the caseload never load it; opening a plan loads it once.
 */
import { templates } from '../../templates/index.ts';
import { PlanRepo } from '../sync/plan-repo.ts';
import './workspace-elements.ts';

/** A repo on the server that served the page, with the shipped templates. */
export function defaultPlanRepo(): PlanRepo {
  return new PlanRepo({ templates });
}
