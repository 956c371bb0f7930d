/**
 * A ReactiveController that gives its host (the page root) a {@link SessionStore} and provides
 * it to every element below through {@link sessionContext}. It takes up the session this tab
 * saved when the host connects, re-renders the host and updates the context on every change,
 * and stops renewing while the host is out of the page.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sessionContext, type SessionState } from './session-context.ts';
import { SessionStore } from './session-store.ts';

/** Gives the page root its {@link SessionStore} and provides it as {@link sessionContext}. */
export class SessionController implements ReactiveController {
  readonly store: SessionStore;
  readonly #host: ReactiveControllerHost;
  readonly #provider: ContextProvider<typeof sessionContext>;
  #stop: (() => void) | undefined;
  #restored = false;

  /** @param store the session store; a browser default (sessionStorage, same-origin API) when omitted */
  constructor(host: ReactiveControllerHost & HTMLElement, store: SessionStore = new SessionStore()) {
    this.#host = host;
    this.store = store;
    this.#provider = new ContextProvider(host, { context: sessionContext, initialValue: this.#state() });
    host.addController(this);
  }

  /** The current snapshot, as provided to the context. */
  get state(): SessionState {
    return this.#provider.value!;
  }

  hostConnected(): void {
    this.#stop = this.store.subscribe(() => {
      this.#provider.setValue(this.#state());
      this.#host.requestUpdate();
    });
    if (!this.#restored) {
      this.#restored = true;
      this.store.restore();
    } else this.store.resume();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.store.stop();
  }

  #state(): SessionState {
    return { session: this.store.session, notice: this.store.notice, store: this.store };
  }
}
