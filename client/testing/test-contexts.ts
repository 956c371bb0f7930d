/**
 * `<test-contexts>`: for element tests only, the element that provides what the page root
 * provides in the product: the open plan (`openPlanContext`), how far it has opened
 * (`planLoadContext`), its sync state (`syncStateContext`), the session (`sessionContext`), the
 * people in the plan (`presentPeopleContext`) and who edits which field (`presenceContext`).
 * A test puts the element under test inside it and sets the values; setting one again updates
 * every consumer, as a live page would. {@link openPlanFor} wraps a test's `Plan` with its meta
 * and forms as `openPlan` would. Only tests import `testing/`.
 */
import { ContextProvider } from '@lit/context';
import type { Plan } from '../../model/plan.ts';
import type { PlanForms } from '../../model/plan-spec.ts';
import { openPlanContext, type OpenPlan } from '../binding/open-plan-context.ts';
import { sessionContext, type SessionState } from '../session/session-context.ts';
import { planLoadContext, type PlanLoad } from '../sync/plan-load.ts';
import { restrictedContext, type RestrictedState } from '../sync/restricted-state.ts';
import { syncStateContext, type SyncState } from '../sync/sync-state.ts';
import { presenceContext, type FieldPresence } from '../binding/presence-context.ts';
import { presentPeopleContext } from '../sync/people-context.ts';
import type { PresentPerson } from '../sync/presence.ts';

/** The open plan of a test's `Plan`, with the forms it was made from; read-only unless `canEdit`. */
export function openPlanFor(plan: Plan, forms: PlanForms, canEdit = false): OpenPlan {
  const meta = plan.meta();
  if (!meta) throw new RangeError('the test plan has no meta');
  return { plan, meta, forms, canEdit };
}

/** What a test provides; any part left out is provided as undefined. */
export interface TestContextValues {
  readonly plan?: OpenPlan | undefined;
  readonly load?: PlanLoad | undefined;
  readonly sync?: SyncState | undefined;
  readonly session?: SessionState | undefined;
  readonly people?: readonly PresentPerson[] | undefined;
  readonly presence?: FieldPresence | undefined;
  readonly restricted?: RestrictedState | undefined;
}

/** Provides the page root's contexts to the elements inside it. */
export class TestContexts extends HTMLElement {
  readonly #plan = new ContextProvider(this, { context: openPlanContext, initialValue: undefined });
  readonly #load = new ContextProvider(this, { context: planLoadContext, initialValue: undefined });
  readonly #sync = new ContextProvider(this, { context: syncStateContext, initialValue: undefined });
  readonly #session = new ContextProvider(this, { context: sessionContext, initialValue: undefined });
  readonly #people = new ContextProvider(this, { context: presentPeopleContext, initialValue: undefined });
  readonly #presence = new ContextProvider(this, { context: presenceContext, initialValue: undefined });

  /** The people in the plan now, provided to `presentPeopleContext`. */
  get people(): readonly PresentPerson[] | undefined {
    return this.#people.value;
  }
  set people(value: readonly PresentPerson[] | undefined) {
    this.#people.setValue(value);
  }

  /** Who else edits which field, provided to `presenceContext`. */
  get presence(): FieldPresence | undefined {
    return this.#presence.value;
  }
  set presence(value: FieldPresence | undefined) {
    this.#presence.setValue(value);
  }

  readonly #restricted = new ContextProvider(this, { context: restrictedContext, initialValue: undefined });

  /** The restricted part, provided to `restrictedContext`. */
  get restricted(): RestrictedState | undefined {
    return this.#restricted.value;
  }
  set restricted(value: RestrictedState | undefined) {
    this.#restricted.setValue(value);
  }

  /** The open plan, provided to `openPlanContext`. */
  get plan(): OpenPlan | undefined {
    return this.#plan.value;
  }
  set plan(value: OpenPlan | undefined) {
    this.#plan.setValue(value);
  }

  /** How far the plan has opened, provided to `planLoadContext`. */
  get load(): PlanLoad | undefined {
    return this.#load.value;
  }
  set load(value: PlanLoad | undefined) {
    this.#load.setValue(value);
  }

  /** The sync state, provided to `syncStateContext`. */
  get sync(): SyncState | undefined {
    return this.#sync.value;
  }
  set sync(value: SyncState | undefined) {
    this.#sync.setValue(value);
  }

  /** The session, provided to `sessionContext`. */
  get session(): SessionState | undefined {
    return this.#session.value;
  }
  set session(value: SessionState | undefined) {
    this.#session.setValue(value);
  }
}

customElements.define('test-contexts', TestContexts);

/**
 * Puts `child` inside a new `<test-contexts>` with `values`, appended to the document body;
 * returns the provider (to change values later) once the child has rendered, when it is a Lit element.
 */
export async function provide<T extends HTMLElement>(child: T, values: TestContextValues = {}): Promise<TestContexts> {
  const host = document.createElement('test-contexts');
  host.plan = values.plan;
  host.load = values.load;
  host.sync = values.sync;
  host.session = values.session;
  host.people = values.people;
  host.presence = values.presence;
  host.restricted = values.restricted;
  host.append(child);
  document.body.append(host);
  await (child as T & { updateComplete?: Promise<unknown> }).updateComplete;
  return host;
}

declare global {
  interface HTMLElementTagNameMap {
    'test-contexts': TestContexts;
  }
}
