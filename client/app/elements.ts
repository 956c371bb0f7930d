/**
 * Registers the elements of the first page (sign-in and the caseload). Imported by `<app-root>`.
 * The elements of a child's plan are in `workspace-elements.ts`, loaded with the plan
 * (`plan-workspace.ts`) so the first page does not carry them. Features never import each
 * other: where one page shows another feature's element it uses the tag name, and these two
 * files register both.
 */
import '../features/caseload/caseload-list.ts';
import '../features/sign-in/sign-in-form.ts';
