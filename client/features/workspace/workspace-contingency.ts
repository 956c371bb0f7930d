/**
 * `<workspace-contingency>`: the contingency plan (primary plan, parallel plans with triggers,
 * owners and review dates, crisis planning) laid out by `<plan-form form-part="contingency">`,
 * with the options comparison of the contingency plan template beside it (002's "Identifying
 * the right Permanence Plan" and the options of 003): each permanence option, what it is, when
 * it tends to fit, and its source; the options the child's pathway leads to are marked, in
 * words, and listed first.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { pathwayOf } from '../../../model/timeline/of-plan.ts';
import { citeSource, templates as shippedTemplates } from '../../../templates/index.ts';
import '../../forms/plan-form.ts';
import { formContents, PartContexts } from './workspace-part.ts';
import { workspaceStyles } from './workspace-styles.ts';
import { colour, space } from '../../ui/tokens.ts';

/** `<workspace-contingency>`: the contingency plan and the options comparison; see the file's comment. */
export class WorkspaceContingency extends LitElement {
  static override styles = [
    workspaceStyles,
    css`
      aside details { border-bottom: 1px solid ${colour.border}; padding: ${space.s} 0; }
      aside summary { cursor: pointer; color: ${colour.link}; font-weight: 700; min-height: 24px; }
      aside ul { padding-left: ${space.l}; margin: ${space.s} 0; }
      aside .source { font-size: 0.875rem; color: ${colour.secondary}; }
    `,
  ];

  readonly #ctx = new PartContexts(this, ['contingency', 'pathway']);

  override render(): TemplateResult {
    const open = this.#ctx.open;
    if (!open) return html`<p class="empty" role="status">No plan is open.</p>`;
    const options = open.forms.contingency.options ?? [];
    const onPathway = new Set(pathwayOf(open.plan, shippedTemplates)?.options ?? []);
    const ordered = [...options.filter((o) => onPathway.has(o.id)), ...options.filter((o) => !onPathway.has(o.id))];
    return html`
      <h2 tabindex="-1">Contingency plan</h2>
      <div class="beside">
        <div>${formContents(this, open.forms.contingency.sections)}<plan-form form-part="contingency"></plan-form></div>
        ${ordered.length === 0
          ? nothing
          : html`<aside aria-labelledby="options-title">
              <h3 id="options-title">Permanence options compared</h3>
              <p class="hint">To help choose the primary and parallel plans: what each option is and when it tends to fit.</p>
              ${ordered.map(
                (o) => html`<details>
                  <summary>${o.label}${onPathway.has(o.id) ? html` <span class="tag done">On this child's pathway</span>` : nothing}</summary>
                  <p>${o.description}</p>
                  ${o.suitableWhen.length > 0 ? html`<p><strong>Tends to fit when:</strong></p><ul>${o.suitableWhen.map((s) => html`<li>${s}</li>`)}</ul>` : nothing}
                  <p class="source">Source: ${citeSource(o.source)}</p>
                </details>`,
              )}
            </aside>`}
      </div>
    `;
  }
}

customElements.define('workspace-contingency', WorkspaceContingency);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-contingency': WorkspaceContingency;
  }
}
