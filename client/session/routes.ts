/**
 * The client's pages as addresses, so the browser's Back and Forward buttons, bookmarks and
 * "open in new tab" work: `/` is the caseload and `/children/<childId>/<section>` one part of a
 * child's workspace (`/children/<childId>` alone is the child's details), with
 * `/children/<childId>/meetings/<ppmId>` one meeting. The server answers every page address
 * with the client's index page. Pure functions: the `RouteController` in `app/` follows the
 * address, and a feature that links to a page (the caseload's names, the workspace's section
 * list) writes its address with {@link pathOf}. Child ids are checked by the wire contract's
 * rule, the same as the server's; a meeting id by the model's row id length.
 */
import { isChildId } from '../../model/wire/index.ts';

/** The parts of a child's workspace, in the order the section list shows them. */
export const WORKSPACE_SECTIONS = ['details', 'meetings', 'contingency', 'introduction', 'roles', 'stages', 'timeline', 'history', 'restricted'] as const;
export type WorkspaceSection = (typeof WORKSPACE_SECTIONS)[number];

/** A page of the client. */
export type Route =
  | { readonly page: 'caseload' }
  | { readonly page: 'plan'; readonly childId: string; readonly section?: WorkspaceSection; readonly meetingId?: string };

const ROW_ID = /^[A-Za-z0-9_-]{1,100}$/;

function isSection(value: string): value is WorkspaceSection {
  return (WORKSPACE_SECTIONS as readonly string[]).includes(value);
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** The page an address shows; anything not a workspace address is the caseload. */
export function routeOf(pathname: string): Route {
  const m = /^\/children\/([^/]+)(?:\/([a-z]+)(?:\/([^/]+))?)?\/?$/.exec(pathname);
  if (!m) return { page: 'caseload' };
  const id = decoded(m[1]!);
  if (!isChildId(id)) return { page: 'caseload' };
  const section = m[2];
  if (section === undefined) return { page: 'plan', childId: id };
  if (!isSection(section)) return { page: 'caseload' };
  if (m[3] === undefined) return { page: 'plan', childId: id, section };
  const meetingId = decoded(m[3]);
  if (section !== 'meetings' || meetingId === undefined || !ROW_ID.test(meetingId)) return { page: 'caseload' };
  return { page: 'plan', childId: id, section, meetingId };
}

/** The address of a page; the child's details are `/children/<id>` (the workspace's first part). */
export function pathOf(route: Route): string {
  if (route.page !== 'plan') return '/';
  const base = `/children/${encodeURIComponent(route.childId)}`;
  if (!route.section || (route.section === 'details' && !route.meetingId)) return base;
  if (route.section === 'meetings' && route.meetingId) return `${base}/meetings/${encodeURIComponent(route.meetingId)}`;
  return `${base}/${route.section}`;
}
