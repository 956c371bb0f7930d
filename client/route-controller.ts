/**
 * The client's pages as addresses, so the browser's Back and Forward buttons, bookmarks and
 * "open in new tab" work: `/` is the caseload and `/children/<childId>` a child's plan. The
 * server answers every page address with the client's index page. `RouteController` is a
 * ReactiveController that follows the address (history API) and re-renders its host.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A page of the client. */
export type Route = { readonly page: 'caseload' } | { readonly page: 'plan'; readonly childId: string };

/** Child ids as the server allows them (1 to 64 letters, digits, `-` or `_`). */
const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;

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
    if (CHILD_ID.test(id)) return { page: 'plan', childId: id };
  }
  return { page: 'caseload' };
}

/** The address of a page. */
export function pathOf(route: Route): string {
  return route.page === 'plan' ? `/children/${encodeURIComponent(route.childId)}` : '/';
}

/**
 * Whether a click is a plain left click, which the client handles itself; a click with another
 * button or a modifier key is left to the browser (to open a new tab or window).
 */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export class RouteController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #route: Route;
  readonly #onPop = (): void => {
    this.#route = routeOf(location.pathname);
    this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    this.#route = routeOf(location.pathname);
    host.addController(this);
  }

  /** The page shown now. */
  get route(): Route {
    return this.#route;
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPop);
    this.#onPop();
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPop);
  }

  /** Shows another page, adding it to the history (or replacing the current entry). */
  navigate(route: Route, replace = false): void {
    const path = pathOf(route);
    if (path !== location.pathname) {
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
    }
    this.#route = route;
    this.#host.requestUpdate();
  }
}
