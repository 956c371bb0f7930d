/**
 * The client's pages as addresses, so the browser's Back and Forward buttons, bookmarks and
 * "open in new tab" work: `/` is the caseload and `/children/<childId>` a child's plan. The
 * server answers every page address with the client's index page. Pure functions: the
 * `RouteController` in `app/` follows the address, and a feature that links to a page (the
 * caseload's names) writes its address with {@link pathOf}. Child ids are checked by the wire
 * contract's rule, the same as the server's.
 */
import { isChildId } from '../../model/wire/index.ts';

/** A page of the client. */
export type Route = { readonly page: 'caseload' } | { readonly page: 'plan'; readonly childId: string };

/** The page an address shows; anything not a plan's address is the caseload. */
export function routeOf(pathname: string): Route {
  const m = /^\/children\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return { page: 'caseload' };
    }
    if (isChildId(id)) return { page: 'plan', childId: id };
  }
  return { page: 'caseload' };
}

/** The address of a page. */
export function pathOf(route: Route): string {
  return route.page === 'plan' ? `/children/${encodeURIComponent(route.childId)}` : '/';
}
