/**
 * `<workspace-restricted>`: the confidential part of the child's plan (placement address,
 * carers' confidentiality, prospective adopters' and carers' identifying details), read from its
 * OWN document through `restrictedContext` (`sync/restricted-handle.ts`), never from or into the
 * plan document: nothing here copies a value across. Marked "Confidential" in words on screen
 * and on every printed page (`@media print`). Editable with a grant to edit, otherwise shown as
 * text. The page makes this element only for a person whose grant covers the restricted part.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { RecordView } from '../../../model/record-view.ts';
import { restrictedContext } from '../../sync/restricted-state.ts';
import { colour, space } from '../../ui/tokens.ts';
import { workspaceField } from './workspace-field.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** Said on screen and in print above the restricted details. */
export const CONFIDENTIAL_TEXT = 'Restricted details of the people caring for the child and where the child lives. Do not share with the birth family or copy into the plan, minutes or reports.';

/** `<workspace-restricted>`: the restricted part; see the file's comment. */
export class WorkspaceRestricted extends LitElement {
  static override styles = [
    workspaceStyles,
    css`
      .confidential { border: 4px solid ${colour.red}; padding: ${space.s} ${space.m}; margin: 0 0 ${space.l}; font-weight: 700; max-width: 45rem; }
      .confidential strong { display: block; font-size: 1.25rem; text-transform: uppercase; letter-spacing: 0.05em; color: ${colour.redText}; }
      .adopter { border-top: 2px solid ${colour.border}; padding: ${space.s} 0 0; margin: 0 0 ${space.l}; }
      .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 ${space.l}; }
      .print-mark { display: none; }
      @media (max-width: 60rem) { .grid { grid-template-columns: minmax(0, 1fr); } }
      @media print {
        .print-mark { display: block; position: fixed; top: 0; left: 0; right: 0; text-align: center; font-weight: 700; border-bottom: 2px solid #000; background: #fff; }
        .confidential { border-color: #000; }
        button { display: none; }
      }
    `,
  ];

  readonly #state = new ContextConsumer(this, { context: restrictedContext, subscribe: true });
  #watched: RecordView | undefined;
  readonly #onChange = (): void => this.requestUpdate();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(undefined);
  }

  #watch(record: RecordView | undefined): void {
    if (record?.map === this.#watched?.map) return;
    this.#watched?.map.unobserveDeep(this.#onChange);
    this.#watched = record;
    record?.map.observeDeep(this.#onChange);
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    this.#watch(state?.status === 'ready' ? state.record : undefined);
    return html`
      <p class="print-mark" aria-hidden="true">CONFIDENTIAL</p>
      <h2 tabindex="-1">Confidential details</h2>
      <div class="confidential" role="note"><strong>Confidential</strong>${CONFIDENTIAL_TEXT}</div>
      ${state === undefined || state.status === 'loading'
        ? html`<p class="notice" role="status">Opening the confidential details…</p>`
        : state.status === 'ended' || state.status === 'closed'
          ? html`<p class="notice" role="alert">${state.status === 'ended' ? state.message : 'The confidential details are closed.'}</p>`
          : this.#details(state.record, state.readOnly)}
    `;
  }

  #details(record: RecordView, readOnly: boolean): TemplateResult {
    const base = `restricted/${record.id}`;
    const adopters = record.table('prospectiveAdopters');
    const columns = adopters.spec.fields;
    return html`
      ${readOnly ? html`<p class="notice"><strong>Read only.</strong> You can see these details but not change them.</p>` : nothing}
      ${record.spec.fields.map((f) => workspaceField(f, record, { base, readOnly, quiet: true }))}
      <h3 id="adopters-title">Prospective adopters / carers</h3>
      ${adopters.length === 0 ? html`<p class="empty">None recorded.</p>` : nothing}
      ${adopters.rows().map((row, i) => {
        const name = row.value('name');
        const title = typeof name === 'string' && name ? name : `Person ${i + 1}`;
        return html`<section class="adopter" aria-label=${title}>
          <h4>${title}</h4>
          <div class="grid">${columns.map((c) => workspaceField(c, row, { base: `${base}/prospectiveAdopters`, rowId: row.id, readOnly, quiet: true, label: `${c.label} (${title})` }))}</div>
          ${readOnly ? nothing : html`<button type="button" class="button secondary small" @click=${() => adopters.remove(row.id)}>Remove ${title}</button>`}
        </section>`;
      })}
      ${readOnly ? nothing : html`<button type="button" class="button secondary" @click=${() => adopters.insert({})}>Add a prospective adopter or carer</button>`}
    `;
  }
}

customElements.define('workspace-restricted', WorkspaceRestricted);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-restricted': WorkspaceRestricted;
  }
}
