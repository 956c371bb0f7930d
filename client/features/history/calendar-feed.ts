/**
 * `<calendar-feed>`: the child's dates in a calendar. Subscribe: the address of the child's
 * feed with this person's feed key (from `GET /api/me/calendar-url`), in a read-only field with
 * a Copy button; or download the `.ics` file once. Says that the address works without signing
 * in, so it is as private as a password. Set `api` and `childId` (by `<plan-history>`).
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CalendarUrlReply } from '../../../model/wire/index.ts';
import type { HistoryApi } from './history-api.ts';
import { historyStyles } from './history-styles.ts';

/** `<calendar-feed>`: subscribe to or download the child's calendar. */
export class CalendarFeed extends LitElement {
  static override properties = {
    childId: { type: String, attribute: 'child-id' },
    feed: { state: true },
    failure: { state: true },
    copied: { state: true },
  };

  static override styles = historyStyles;

  declare api: HistoryApi | undefined;
  declare childId: string;
  declare feed: CalendarUrlReply | undefined;
  declare failure: string | undefined;
  declare copied: string | undefined;

  constructor() {
    super();
    this.api = undefined;
    this.childId = '';
    this.feed = undefined;
    this.failure = undefined;
    this.copied = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    if (!this.api) return;
    const result = await this.api.calendar();
    if (result.ok) this.feed = result.value;
    else this.failure = result.message;
  }

  /** The child's feed address, or undefined until known. */
  get address(): string | undefined {
    return this.feed && this.childId ? this.feed.childUrl.replace('{childId}', encodeURIComponent(this.childId)) : undefined;
  }

  override render(): TemplateResult {
    const address = this.address;
    return html`
      <h2>The child's calendar</h2>
      ${this.failure ? html`<div class="failure" role="alert"><strong>The calendar address could not be loaded</strong>${this.failure}</div>` : nothing}
      ${address
        ? html`<p>Subscribe in Outlook or Google Calendar to see this child's meetings, reviews and due dates, kept up to date. The address works without signing in: keep it as private as a password, and do not send it by email.</p>
            <div class="field no-print">
              <label for="feed-address">Address of this child's calendar</label>
              <input type="text" id="feed-address" readonly .value=${address} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            </div>
            <div class="actions no-print">
              <button type="button" class="primary" @click=${() => void this.#copy(address)}>Copy the address</button>
              <a href=${address} download="child-calendar.ics">Download the calendar (.ics)</a>
            </div>
            <div role="status" aria-live="polite">${this.copied ? html`<p class="success">${this.copied}</p>` : nothing}</div>`
        : this.failure
          ? nothing
          : html`<p class="empty">Loading the calendar address…</p>`}
    `;
  }

  async #copy(address: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(address);
      this.copied = 'Address copied. Paste it into your calendar as a new subscription ("From URL" or "From internet").';
    } catch {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#feed-address');
      input?.focus();
      input?.select();
      this.copied = 'This browser did not let the page copy. The address is selected: press Ctrl+C to copy it.';
    }
  }
}

customElements.define('calendar-feed', CalendarFeed);

declare global {
  interface HTMLElementTagNameMap {
    'calendar-feed': CalendarFeed;
  }
}
