/**
 * A ReactiveController of the page root that shares the open plan's presence: it follows the
 * plan handle it is given ({@link PresenceController.follow}), provides the people in the plan
 * (`presentPeopleContext`) and who else edits which field (`presenceContext`), and tells the
 * others which field this person edits. Fields say so with bubbling, composed events:
 * `field-focus` and `field-blur` with `detail: { path, rowId }` (`path` as the field's
 * `data-field-path`); they reach the root through every shadow root, so no element between
 * needs to know. Only focus and blur write presence, never a keystroke.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { presenceContext, type FieldPresence } from '../binding/presence-context.ts';
import { presentPeopleContext } from '../sync/people-context.ts';
import type { PlanHandle } from '../sync/plan-handle.ts';
import { fieldPresenceOf, PlanPresence, type FieldAt, type PresentPerson, type Self } from '../sync/presence.ts';

/** The detail of `field-focus` and `field-blur`. */
export interface FieldEventDetail {
  readonly path: string;
  readonly rowId?: string | undefined;
}

/** Provides the open plan's presence and sends this person's field; see the file's comment. */
export class PresenceController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #self: () => Self | undefined;
  readonly #people: ContextProvider<typeof presentPeopleContext>;
  readonly #fields: ContextProvider<typeof presenceContext>;
  #handle: PlanHandle | undefined;
  #presence: PlanPresence | undefined;
  #shown = '';

  readonly #onFocus = (event: Event): void => {
    const field = fieldDetail(event);
    if (field) this.#presence?.focus(field);
  };

  readonly #onBlur = (event: Event): void => {
    this.#presence?.blur(fieldDetail(event));
  };

  /** @param self the signed-in person, with their access to the open plan */
  constructor(host: ReactiveControllerHost & HTMLElement, self: () => Self | undefined) {
    this.#host = host;
    this.#self = self;
    this.#people = new ContextProvider(host, { context: presentPeopleContext, initialValue: undefined });
    this.#fields = new ContextProvider(host, { context: presenceContext, initialValue: undefined });
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('field-focus', this.#onFocus);
    this.#host.addEventListener('field-blur', this.#onBlur);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('field-focus', this.#onFocus);
    this.#host.removeEventListener('field-blur', this.#onBlur);
    this.follow(undefined);
  }

  /** Follows the presence of `handle`'s plan (undefined: no plan is open, nobody is shown). */
  follow(handle: PlanHandle | undefined): void {
    if (handle === this.#handle) return;
    this.#presence?.destroy();
    this.#presence = undefined;
    this.#handle = handle;
    const awareness = handle?.provider.awareness;
    if (handle && awareness) {
      this.#presence = new PlanPresence(awareness, () => {
        const self = this.#self();
        return self && { ...self, readOnly: handle.state.readOnly };
      });
      this.#presence.subscribe(() => this.#publish());
    }
    this.#publish();
  }

  #publish(): void {
    const people: readonly PresentPerson[] | undefined = this.#presence?.people();
    const fields: FieldPresence | undefined = people && fieldPresenceOf(people);
    // Awareness changes on every heartbeat of every client: provide only what says something new.
    const shown = JSON.stringify(people ?? null);
    if (shown === this.#shown) return;
    this.#shown = shown;
    this.#people.setValue(people);
    this.#fields.setValue(fields);
  }
}

/** The field an event names, when its detail is one. */
function fieldDetail(event: Event): FieldAt | undefined {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'object' || detail === null) return undefined;
  const { path, rowId } = detail as { path?: unknown; rowId?: unknown };
  if (typeof path !== 'string') return undefined;
  return typeof rowId === 'string' && rowId !== '' ? { path, rowId } : { path };
}
