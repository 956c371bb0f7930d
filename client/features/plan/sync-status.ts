/**
 * `<sync-status>`: where the open plan's changes are, in words and by shape as well as colour:
 * "Saved on this device" (not sent yet), "Sent" (waiting for the server), "Stored on the server"
 * (acknowledged: on the server's disk), "Offline: changes kept on this device" with how many, or
 * "Access ended" with the reason; and what to do when something is wrong (no copy on this
 * device, offline). The headline sits in a polite live region, so a screen reader hears each
 * change of phase without losing its place; counts are beside it, not in it, so typing offline
 * is not announced keystroke by keystroke. Read-only access is said beside it.
 *
 * Shows the state from {@link syncStateContext} (provided by the page root, or by
 * `<test-contexts>` in element tests); nothing while there is none.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, svg, type TemplateResult } from 'lit';
import { READ_ONLY_TEXT, syncStateContext, syncWords, type SyncPhase } from '../../sync/sync-state.ts';
import { colour } from '../../ui/tokens.ts';

const white = colour.white.cssText;

/** Tone (colour class) and shape of each phase, so none is told by colour alone. */
const LOOK: Readonly<Record<SyncPhase, { tone: string; icon: TemplateResult }>> = {
  connecting: { tone: 'neutral', icon: svg`<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="2.6 2"/>` },
  connected: { tone: 'neutral', icon: svg`<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>` },
  saving: { tone: 'neutral', icon: svg`<path d="M8 2.5a5.5 5.5 0 1 1-5.5 5.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>` },
  saved: { tone: 'green', icon: svg`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="m4.6 8.2 2.3 2.3 4.5-4.6" fill="none" stroke=${white} stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>` },
  offline: { tone: 'amber', icon: svg`<path d="M2.5 2.5 13.5 13.5M13.5 2.5 2.5 13.5" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/>` },
  'access-ended': { tone: 'red', icon: svg`<rect x="1.5" y="1.5" width="13" height="13" fill="currentColor"/><path d="M4.5 8h7" stroke=${white} stroke-width="2.4" stroke-linecap="round"/>` },
};

/** `<sync-status>`: the open plan's sync state from the context, in a polite live region. */
export class SyncStatus extends LitElement {
  static override styles = css`
    :host { display: block; color: ${colour.text}; }
    .status { display: inline-flex; align-items: center; gap: 0.4rem; margin: 0; padding: 0.2rem 0.6rem; border: 2px solid currentColor; border-radius: 1rem; font-weight: 700; }
    .status.neutral { color: ${colour.secondary}; }
    .status.green { color: ${colour.green}; }
    .status.amber { color: ${colour.amberStatus}; }
    .status.red { color: ${colour.red}; }
    .status > span { color: ${colour.text}; }
    svg { flex: none; }
    /* On paper the sync status says nothing; read-only access still prints. */
    @media print { [role='status'], .advice { display: none; } }
    .detail, .read-only, .advice { margin: 0.4rem 0 0; max-width: 40rem; }
    .advice { color: ${colour.text}; }
    .read-only { border-left: 5px solid ${colour.secondary}; padding-left: 0.5rem; }
    .refused { border-left: 5px solid ${colour.red}; padding-left: 0.5rem; margin-top: 0.4rem; max-width: 40rem; }
    .refused p { margin: 0.2rem 0; }
  `;

  readonly #context = new ContextConsumer(this, { context: syncStateContext, subscribe: true });

  override render(): TemplateResult {
    const state = this.#context.value;
    const look = state ? LOOK[state.phase] : undefined;
    const words = state ? syncWords(state) : undefined;
    const ended = state?.phase === 'access-ended';
    // The live region is always rendered, so the first status is announced as a change.
    return html`
      <div role="status" aria-live="polite" aria-atomic="true">
        ${state && look
          ? html`<p class="status ${look.tone}" data-phase=${state.phase}>
                <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${look.icon}</svg>
                <span>${words?.headline}</span>
              </p>
              ${ended && words?.advice ? html`<p class="detail">${words.advice}</p>` : nothing}`
          : nothing}
      </div>
      ${!ended && words?.advice ? html`<p class="advice">${words.advice}</p>` : nothing}
      ${!ended && state?.refused
        ? html`<div class="refused" role="alert">
            <p><strong>The server did not store your last change.</strong> ${state.refused}</p>
            <p>Your other changes are safe. Undo or change what you last wrote, and the plan is stored again.</p>
          </div>`
        : nothing}
      ${state?.readOnly && state.phase !== 'access-ended' ? html`<p class="read-only">${READ_ONLY_TEXT}</p>` : nothing}
    `;
  }
}

customElements.define('sync-status', SyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'sync-status': SyncStatus;
  }
}
