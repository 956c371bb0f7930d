/**
 * Registers the elements of a child's plan (the workspace and the features it shows by tag name).
 * Not imported by the first page: `plan-workspace.ts` loads it with the plan, in a chunk of its
 * own, so the sign-in page and the caseload do not wait for the plan's code. Element tests of a
 * page that shows another feature's element import it (or `elements.ts`, which loads both).
 */
import '../features/workspace/workspace-page.ts';
import '../features/plan/sync-status.ts';
import '../features/timeline/plan-timeline.ts';
import '../features/presence/plan-presence.ts';
import '../binding/field-presence.ts';
import '../features/history/plan-history.ts';
