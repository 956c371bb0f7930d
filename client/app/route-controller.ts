/**
 * `RouteController`: a ReactiveController that follows the page's address (history API: Back,
 * Forward, bookmarks, new tabs) and re-renders its host, the page root. The addresses
 * themselves are `session/routes.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pathOf, routeOf, type Route } from '../session/routes.ts';

/** Follows `location.pathname` as a {@link Route}; `navigate` changes it. */
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
