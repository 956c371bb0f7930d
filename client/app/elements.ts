/**
 * Registers every element the pages show, features' elements included. Features never import
 * each other: where one page shows another feature's element (the workspace shows the
 * timeline and the sync status), it uses the element by its tag name and this file registers both. Imported by
 * `<app-root>`; element tests of a page that shows another feature's element import it too.
 */
import '../features/caseload/caseload-list.ts';
import '../features/plan/sync-status.ts';
import '../features/sign-in/sign-in-form.ts';
import '../features/timeline/plan-timeline.ts';
import '../features/workspace/workspace-page.ts';
