/**
 * `<plan-versions>`: the plan's named versions. Save the plan as it is now under a name ("PPM 4
 * Dec 2026, minutes agreed"), list the versions (name, when, by whom as the server recorded
 * it), view what a version holds, compare it with the plan now (which fields changed, from
 * `model/compare-json.ts`), print its minutes (the server's page, fetched with the token and
 * shown in a sandboxed frame to print), and restore it as a new change after saying what that
 * does. Saving and restoring are offered only to a person who may edit (`canEdit`); the server
 * checks again.
 *
 * Set by `<plan-history>`: `api` (the calls), `spec` and `current()` (the plan now, as plain
 * JSON, for comparing), `canEdit`.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { compareDocJson, type Comparison } from '../../../model/compare-json.ts';
import type { DocSpec } from '../../../model/doc-spec.ts';
import type { VersionSummary } from '../../../model/wire/index.ts';
import { ukMoment } from '../../../model/words.ts';
import type { HistoryApi } from './history-api.ts';
import { historyStyles } from './history-styles.ts';

/** What is open below the list: a version viewed, compared, its minutes, or a restore to confirm. */
type Open =
  | { readonly kind: 'view' | 'compare'; readonly version: VersionSummary; readonly comparison: Comparison }
  | { readonly kind: 'minutes'; readonly version: VersionSummary; readonly html: string }
  | { readonly kind: 'confirm-restore'; readonly version: VersionSummary };

/** A person as the history shows them: "Amira Khan (Independent Reviewing Officer, Fictional Council)". */
export function personWords(p: { name: string; role: string | null; organisation: string | null }): string {
  const about = [p.role, p.organisation].filter((t): t is string => !!t).join(', ');
  return about ? `${p.name} (${about})` : p.name;
}

/** `<plan-versions>`: save, list, view, compare, print and restore named versions. */
export class PlanVersions extends LitElement {
  static override properties = {
    canEdit: { type: Boolean, attribute: 'can-edit' },
    versions: { state: true },
    open: { state: true },
    message: { state: true },
    failure: { state: true },
    nameError: { state: true },
    busy: { state: true },
  };

  static override styles = historyStyles;

  declare api: HistoryApi | undefined;
  declare spec: DocSpec | undefined;
  /** The plan now, in plain-JSON form; undefined while no plan is open. */
  declare current: () => Record<string, unknown> | undefined;
  declare canEdit: boolean;
  declare versions: readonly VersionSummary[] | undefined;
  declare open: Open | undefined;
  /** The last thing done, said in the polite status region. */
  declare message: string | undefined;
  declare failure: string | undefined;
  declare nameError: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.api = undefined;
    this.spec = undefined;
    this.current = () => undefined;
    this.canEdit = false;
    this.versions = undefined;
    this.open = undefined;
    this.message = undefined;
    this.failure = undefined;
    this.nameError = undefined;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the list again. */
  async load(): Promise<void> {
    if (!this.api) return;
    const result = await this.api.versions();
    if (result.ok) this.versions = result.value.versions;
    else this.failure = result.message;
  }

  override render(): TemplateResult {
    return html`
      <h2 id="versions-title">Named versions</h2>
      <p class="hint">A named version keeps the plan as it is at a moment, such as the minutes agreed at a meeting. You can look at it, compare it with the plan now, print its minutes, or bring it back.</p>
      <div role="status" aria-live="polite">${this.message ? html`<p class="success">${this.message}</p>` : nothing}</div>
      ${this.failure ? html`<div class="failure" role="alert"><strong>There is a problem</strong>${this.failure}</div>` : nothing}
      ${this.canEdit ? this.#saveForm() : html`<p class="notice">You can read this plan but not change it, so you cannot save or restore versions.</p>`}
      ${this.#list()} ${this.#opened()}
    `;
  }

  #saveForm(): TemplateResult {
    return html`<form class="panel" novalidate @submit=${(e: Event) => this.#save(e)}>
      <div class="field ${this.nameError ? 'error' : ''}">
        <label for="version-name">Name of the version</label>
        <p class="hint" id="version-name-hint">For example, "PPM 4 Dec 2026, minutes agreed"</p>
        ${this.nameError ? html`<p class="error-message" id="version-name-error"><span class="visually-hidden">Error:</span> ${this.nameError}</p>` : nothing}
        <input
          type="text"
          id="version-name"
          name="name"
          maxlength="200"
          autocomplete="off"
          aria-describedby=${this.nameError ? 'version-name-hint version-name-error' : 'version-name-hint'}
          aria-invalid=${this.nameError ? 'true' : 'false'}
        />
      </div>
      <button type="submit" class="primary" ?disabled=${this.busy}>Save a version</button>
    </form>`;
  }

  #list(): TemplateResult {
    const versions = this.versions;
    if (!versions) return html`<p class="empty">Loading the versions…</p>`;
    if (versions.length === 0) return html`<p class="empty">No version has been saved yet.</p>`;
    return html`<table>
      <caption>Saved versions, newest first</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Saved</th><th scope="col">By</th><th scope="col"><span class="visually-hidden">What you can do</span></th></tr></thead>
      <tbody>
        ${versions.map(
          (v) => html`<tr data-version=${v.id}>
            <th scope="row">${v.name}</th>
            <td>${ukMoment(v.createdAt)}</td>
            <td>${personWords(v.createdBy)}</td>
            <td>
              <div class="actions">
              <button type="button" @click=${() => this.#show(v, 'view')}>View<span class="visually-hidden"> ${v.name}</span></button>
              <button type="button" @click=${() => this.#show(v, 'compare')}>Compare with now<span class="visually-hidden">: ${v.name}</span></button>
              <button type="button" @click=${() => this.#minutes(v)}>Minutes<span class="visually-hidden"> of ${v.name}</span></button>
              ${this.canEdit ? html`<button type="button" class="warning" @click=${() => this.#confirmRestore(v)}>Restore<span class="visually-hidden"> ${v.name}</span></button>` : nothing}
              </div>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #opened(): TemplateResult | typeof nothing {
    const open = this.open;
    if (!open) return nothing;
    const close = html`<button type="button" class="no-print" @click=${() => (this.open = undefined)}>Close</button>`;
    switch (open.kind) {
      case 'confirm-restore':
        return html`<section class="panel" aria-labelledby="restore-title">
          <h3 id="restore-title" tabindex="-1">Restore "${open.version.name}"?</h3>
          <p>The plan will be made as it was in this version, as a new change by you. Nothing is lost: the history keeps every change, and you can restore another version afterwards. Everyone with the plan open sees the change at once.</p>
          <div class="actions">
            <button type="button" class="warning" ?disabled=${this.busy} @click=${() => this.#restore(open.version)}>Restore this version</button>
            <button type="button" @click=${() => (this.open = undefined)}>Cancel</button>
          </div>
        </section>`;
      case 'minutes':
        return html`<section class="panel" aria-labelledby="minutes-title">
          <h3 id="minutes-title" tabindex="-1">Minutes of "${open.version.name}"</h3>
          <div class="actions"><button type="button" class="primary" @click=${() => this.#printMinutes()}>Print these minutes</button>${close}</div>
          <iframe title="Minutes of ${open.version.name}" sandbox="allow-same-origin allow-modals" .srcdoc=${open.html} class="minutes-frame"></iframe>
        </section>`;
      case 'view':
      case 'compare':
        return this.#comparison(open, close);
    }
  }

  #comparison(open: Extract<Open, { kind: 'view' | 'compare' }>, close: TemplateResult): TemplateResult {
    const { changes, truncated } = open.comparison;
    const viewing = open.kind === 'view';
    const title = viewing ? `What "${open.version.name}" holds` : `"${open.version.name}" compared with the plan now`;
    return html`<section class="panel" aria-labelledby="compare-title">
      <h3 id="compare-title" tabindex="-1">${title}</h3>
      <div class="actions">${close}</div>
      ${changes.length === 0
        ? html`<p>${viewing ? 'Nothing was recorded in this version.' : 'No field differs: the plan now is as it was in this version.'}</p>`
        : html`<table>
            <caption>${viewing ? `Every field recorded in this version (${changes.length})` : `Fields that differ (${changes.length})`}</caption>
            <thead><tr><th scope="col">Field</th>${viewing ? html`<th scope="col">In the version</th>` : html`<th scope="col">In the version</th><th scope="col">Now</th>`}</tr></thead>
            <tbody>
              ${changes.map(
                (c) => html`<tr data-path=${c.path}>
                  <th scope="row">${c.label}${viewing ? nothing : html`<span class="meta change-kind">${c.kind === 'added' ? 'Added since' : c.kind === 'removed' ? 'Removed since' : 'Changed'}</span>`}</th>
                  ${viewing ? html`<td>${c.after}</td>` : html`<td>${c.before ?? '—'}</td><td>${c.after ?? '—'}</td>`}
                </tr>`,
              )}
            </tbody>
          </table>`}
      ${truncated ? html`<p class="notice">Only the first ${changes.length} are listed.</p>` : nothing}
    </section>`;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) this.renderRoot.querySelector<HTMLElement>('section.panel h3')?.focus();
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#version-name')!;
    const name = input.value.trim();
    this.message = undefined;
    this.failure = undefined;
    if (name === '') {
      this.nameError = 'Enter a name for the version, for example "PPM 4 Dec 2026, minutes agreed"';
      input.focus();
      return;
    }
    if (!this.api) return;
    this.nameError = undefined;
    this.busy = true;
    const result = await this.api.save(name);
    this.busy = false;
    if (!result.ok) {
      this.nameError = result.status === 400 ? result.message : undefined;
      this.failure = result.status === 400 ? undefined : result.message;
      return;
    }
    input.value = '';
    this.message = `Version "${result.value.version.name}" saved.`;
    await this.load();
  }

  async #show(version: VersionSummary, kind: 'view' | 'compare'): Promise<void> {
    if (!this.api || !this.spec) return;
    this.failure = undefined;
    const result = await this.api.version(version.id);
    if (!result.ok) {
      this.failure = result.message;
      return;
    }
    const now = this.current();
    if (kind === 'compare' && !now) {
      this.failure = 'The plan is not open yet, so it cannot be compared. Wait for it to load and try again.';
      return;
    }
    const comparison = kind === 'view' ? compareDocJson(this.spec, {}, result.value.plan) : compareDocJson(this.spec, result.value.plan, now!);
    this.open = { kind, version, comparison };
  }

  async #minutes(version: VersionSummary): Promise<void> {
    if (!this.api) return;
    this.failure = undefined;
    const result = await this.api.minutes(version.id);
    if (result.ok) this.open = { kind: 'minutes', version, html: result.value };
    else this.failure = result.message;
  }

  #printMinutes(): void {
    this.renderRoot.querySelector('iframe')?.contentWindow?.print();
  }

  #confirmRestore(version: VersionSummary): void {
    this.message = undefined;
    this.failure = undefined;
    this.open = { kind: 'confirm-restore', version };
  }

  async #restore(version: VersionSummary): Promise<void> {
    if (!this.api) return;
    this.busy = true;
    const result = await this.api.restore(version.id);
    this.busy = false;
    if (!result.ok) {
      this.failure = result.message;
      return;
    }
    this.open = undefined;
    this.message = result.value.message;
    this.dispatchEvent(new CustomEvent('version-restored', { bubbles: true, composed: true, detail: { id: version.id } }));
  }
}

customElements.define('plan-versions', PlanVersions);

declare global {
  interface HTMLElementTagNameMap {
    'plan-versions': PlanVersions;
  }
}
