/**
 * `<plan-history>`: the open plan's history in the page. Who changed which part when, from the
 * server's audit log (`GET /api/children/:id/history`: the identity the server authenticated
 * for each change, never a Yjs client id), newest first, a page at a time; the named versions
 * (`<plan-versions>`: save, list, view, compare with now, print minutes, restore); printing the
 * plan; and the child's calendar (`<calendar-feed>`).
 *
 * Reads the open plan (`openPlanContext`: the child, and the plan now for comparing), the
 * session (`sessionContext`: the token for each call) and the sync state (`syncStateContext`:
 * read-only access hides saving and restoring). `fetchFn` replaces `fetch` in tests.
 */
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { exportDoc } from '../../../model/doc-json.ts';
import type { HistoryEntry } from '../../../model/wire/index.ts';
import { ukMoment } from '../../../model/words.ts';
import { openPlanContext } from '../../binding/open-plan-context.ts';
import { sessionContext } from '../../session/session-context.ts';
import { syncStateContext } from '../../sync/sync-state.ts';
import { HistoryApi } from './history-api.ts';
import { historyStyles } from './history-styles.ts';
import { personWords } from './plan-versions.ts';
import './calendar-feed.ts';
import './plan-versions.ts';

/** How each kind of change is said. */
const ACTION_WORDS: Readonly<Record<HistoryEntry['action'], string>> = {
  edit: 'Changed',
  create: 'Made the plan',
  import: 'Imported the plan',
  restore: 'Restored a version',
  'delete-version': 'Deleted a version',
};

/** Entries asked for per page. */
export const HISTORY_PAGE = 50;

/** `<plan-history>`: history, versions, print and calendar of the open plan; see the file's comment. */
export class PlanHistory extends LitElement {
  static override properties = {
    entries: { state: true },
    next: { state: true },
    failure: { state: true },
  };

  static override styles = historyStyles;

  /** Replaces `fetch` (tests). */
  declare fetchFn: typeof fetch | undefined;
  declare entries: readonly HistoryEntry[] | undefined;
  declare next: number | null;
  declare failure: string | undefined;

  readonly #plan = new ContextConsumer(this, { context: openPlanContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  readonly #sync = new ContextConsumer(this, { context: syncStateContext, subscribe: true });
  #api: { childId: string; api: HistoryApi } | undefined;

  constructor() {
    super();
    this.fetchFn = undefined;
    this.entries = undefined;
    this.next = null;
    this.failure = undefined;
  }

  /** The calls for the open child, made again when the child changes. */
  #calls(): HistoryApi | undefined {
    const childId = this.#plan.value?.meta.childId;
    if (!childId) return undefined;
    if (this.#api?.childId !== childId) {
      this.#api = { childId, api: new HistoryApi(childId, () => this.#session.value?.store.token(), this.fetchFn) };
      this.entries = undefined;
      void this.#loadHistory();
    }
    return this.#api.api;
  }

  async #loadHistory(before?: number): Promise<void> {
    const api = this.#api?.api;
    if (!api) return;
    const result = await api.history(before, HISTORY_PAGE);
    if (api !== this.#api?.api) return;
    if (!result.ok) {
      this.failure = result.message;
      return;
    }
    this.failure = undefined;
    this.entries = before === undefined ? result.value.entries : [...(this.entries ?? []), ...result.value.entries];
    this.next = result.value.next;
  }

  protected override willUpdate(): void {
    this.#calls();
  }

  override render(): TemplateResult {
    const open = this.#plan.value;
    const api = this.#api?.childId === open?.meta.childId ? this.#api?.api : undefined;
    if (!open || !api) return html`<p class="empty">No plan is open.</p>`;
    const canEdit = this.#sync.value ? !this.#sync.value.readOnly : false;
    return html`
      <div class="actions no-print">
        <button type="button" @click=${() => window.print()}>Print the plan</button>
      </div>
      <plan-versions
        .api=${api}
        .spec=${open.plan.spec}
        .current=${() => exportDoc(open.plan.doc, open.plan.spec) as unknown as Record<string, unknown>}
        ?can-edit=${canEdit}
        @version-restored=${() => void this.#loadHistory()}
      ></plan-versions>
      ${this.#changes()}
      <calendar-feed .api=${api} child-id=${open.meta.childId}></calendar-feed>
    `;
  }

  #changes(): TemplateResult {
    const entries = this.entries;
    return html`
      <h2 id="changes-title">Changes</h2>
      <p class="hint">Who changed which part of the plan, and when, as the server recorded it. Newest first.</p>
      ${this.failure ? html`<div class="failure" role="alert"><strong>The history could not be loaded</strong>${this.failure}</div>` : nothing}
      ${!entries
        ? this.failure
          ? nothing
          : html`<p class="empty">Loading the history…</p>`
        : entries.length === 0
          ? html`<p class="empty">No change has been recorded yet.</p>`
          : html`<table aria-labelledby="changes-title">
              <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
              <tbody>
                ${entries.map(
                  (e) => html`<tr data-seq=${e.seq}>
                    <td>${ukMoment(e.at)}</td>
                    <td>${personWords(e.user)}</td>
                    <td>
                      ${ACTION_WORDS[e.action]}${e.document === 'restricted' ? ' (restricted details)' : ''}${e.parts.length > 0 ? ': ' : ''}${e.parts.map((p) => p.label).join(', ')}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${this.next !== null
              ? html`<button type="button" class="no-print" @click=${() => void this.#loadHistory(this.next ?? undefined)}>Show older changes</button>`
              : nothing}`}
    `;
  }
}

customElements.define('plan-history', PlanHistory);

declare global {
  interface HTMLElementTagNameMap {
    'plan-history': PlanHistory;
  }
}
