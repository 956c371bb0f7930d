/**
 * `<app-root>`: the top-level element of the client, mounted by `index.html` inside `<main>`.
 * It provides the open plan to the elements below through @lit/context: the PPM record and,
 * below it, the child's pathway timeline. Until the sync server exists it opens a fictional
 * demo plan held in memory.
 */
import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { demoPlan } from './demo-plan.ts';
import { openPlanContext, type OpenPlan } from './plan-context.ts';
import './ppm-record-view.ts';
import './plan-timeline.ts';

export class AppRoot extends LitElement {
  static override properties = {
    heading: { type: String },
  };

  static override styles = css`
    :host { display: block; max-width: 72rem; }
    h1 { font-size: 2rem; margin: 0 0 0.5rem; }
    .notice { border-left: 5px solid #1d70b8; background: #f0f4f8; padding: 0.5rem 0.75rem; margin: 0 0 1.5rem; }
  `;

  /** The page heading; one `h1` per page. */
  declare heading: string;

  /** The plan shared with every element below. */
  readonly #provider = new ContextProvider(this, { context: openPlanContext, initialValue: undefined as OpenPlan | undefined });

  constructor() {
    super();
    this.heading = 'Permanence planning board';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provider.setValue(demoPlan());
  }

  override render() {
    return html`
      <h1>${this.heading}</h1>
      <p class="notice">
        Demonstration: a fictional child's plan held in this browser only. The shared board, editing and
        sync arrive with the sync server.
      </p>
      <ppm-record-view></ppm-record-view>
      <plan-timeline></plan-timeline>
    `;
  }
}

customElements.define('app-root', AppRoot);

declare global {
  interface HTMLElementTagNameMap {
    'app-root': AppRoot;
  }
}
