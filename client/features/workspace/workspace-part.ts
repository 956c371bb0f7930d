/**
 * What every part of the workspace shares: the open plan and whether the person may change it
 * (from the contexts: read only unless the sync state says the grant is edit, so nothing looks
 * editable before the server has said), re-rendering on changes to the parts it reads, and the
 * in-page contents list of a long part (links that move to a heading inside the shadow tree,
 * where a `#fragment` cannot reach).
 */
import { ContextConsumer } from '@lit/context';
import { html, type LitElement, type TemplateResult } from 'lit';
import type { Plan } from '../../../model/plan.ts';
import { DocChangesController } from '../../binding/doc-changes-controller.ts';
import { openPlanContext, type OpenPlan } from '../../binding/open-plan-context.ts';
import { syncStateContext } from '../../sync/sync-state.ts';

/** The contexts of one part element. */
export class PartContexts {
  readonly #plan: ContextConsumer<typeof openPlanContext, LitElement>;
  readonly #sync: ContextConsumer<typeof syncStateContext, LitElement>;

  /** @param parts the plan's roots whose changes re-render the host (all when omitted) */
  constructor(host: LitElement, parts?: readonly string[]) {
    this.#plan = new ContextConsumer(host, { context: openPlanContext, subscribe: true });
    this.#sync = new ContextConsumer(host, { context: syncStateContext, subscribe: true });
    new DocChangesController(host, () => this.#plan.value?.plan, parts);
  }

  get open(): OpenPlan | undefined {
    return this.#plan.value;
  }

  get plan(): Plan | undefined {
    return this.#plan.value?.plan;
  }

  /** Whether the person may only read: true unless the sync state says they may edit. */
  get readOnly(): boolean {
    return this.#sync.value?.readOnly ?? true;
  }
}

/** One entry of an in-page contents list: the id of a heading in the same shadow root. */
export interface ContentsEntry {
  readonly id: string;
  readonly title: string;
}

/**
 * An in-page contents list whose links scroll to and focus their heading: by default a heading
 * of `host`'s own shadow root; `find` looks elsewhere (inside the `<plan-form>` of the part).
 */
export function contentsList(host: LitElement, entries: readonly ContentsEntry[], title = 'On this page', find?: (id: string) => HTMLElement | null | undefined): TemplateResult {
  const go = (e: MouseEvent, id: string): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const target = find ? find(id) : host.shadowRoot?.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };
  return html`<nav class="contents" aria-label=${title}>
    <h3>${title}</h3>
    <ul>${entries.map((e) => html`<li><a href=${`#${e.id}`} @click=${(ev: MouseEvent) => go(ev, e.id)}>${e.title}</a></li>`)}</ul>
  </nav>`;
}

/** The contents of a part laid out by `<plan-form>`: one entry per section of its template, found inside the form. */
export function formContents(host: LitElement, sections: readonly { readonly id: string; readonly title: string }[]): TemplateResult {
  return contentsList(
    host,
    sections.map((s) => ({ id: `section-${s.id}`, title: s.title })),
    'On this page',
    (id) => host.shadowRoot?.querySelector('plan-form')?.shadowRoot?.getElementById(id),
  );
}
