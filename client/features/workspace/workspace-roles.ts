/**
 * `<workspace-roles>`: the role/responsibility matrix of the child's plan (the `roles` table,
 * one row per role, pre-filled from the role matrix template when the plan was made): for each
 * role, who holds it for this child and their organisation, what the role is responsible for
 * and the items it shares or follows up with others (folded in a disclosure, so the matrix stays
 * short). Each role is a headed group of labelled controls writing through the model
 * (`workspace-field.ts`), read-only as text for a person without edit access; an in-page
 * contents list leads to each role.
 */
import { css, html, LitElement, type TemplateResult } from 'lit';
import { colour, space } from '../../ui/tokens.ts';
import { PartContexts, contentsList } from './workspace-part.ts';
import { workspaceField } from './workspace-field.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** `<workspace-roles>`: the role matrix; see the file's comment. */
export class WorkspaceRoles extends LitElement {
  static override styles = [
    workspaceStyles,
    css`
      .role { border-top: 2px solid ${colour.border}; padding: ${space.s} 0 0; margin: 0 0 ${space.m}; }
      .role h3 { margin: 0 0 ${space.s}; }
      .role .field { margin: 0 0 ${space.s}; }
      .role details { margin: 0 0 ${space.s}; }
      .role summary { cursor: pointer; color: ${colour.link}; min-height: 24px; }
      .role textarea { min-height: 10rem; }
      .contents ul { columns: 2; column-gap: ${space.xl}; }
      .who { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 ${space.l}; }
      .what { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 ${space.l}; }
      @media (max-width: 60rem) { .who, .what { grid-template-columns: minmax(0, 1fr); } }
    `,
  ];

  readonly #ctx = new PartContexts(this, ['roles']);

  override render(): TemplateResult {
    const plan = this.#ctx.plan;
    if (!plan) return html`<p class="empty" role="status">No plan is open.</p>`;
    const roles = plan.roles.rows();
    const recordId = plan.record('roles').id;
    const readOnly = this.#ctx.readOnly;
    const col = (id: string) => plan.roles.spec.fields.find((f) => f.id === id)!;
    const titleOf = (i: number): string => {
      const v = roles[i]!.value('role');
      return typeof v === 'string' && v ? v : `Role ${i + 1}`;
    };
    return html`
      <h2 tabindex="-1">Roles and responsibilities</h2>
      <p class="hint">Who holds each role for this child, and what each role is responsible for.</p>
      ${roles.length === 0 ? html`<p class="empty">This plan has no roles recorded.</p>` : contentsList(this, roles.map((r, i) => ({ id: `role-${r.id}`, title: titleOf(i) })), 'Roles')}
      ${roles.map((row, i) => {
        const place = (label: string) => ({ base: `roles/${recordId}/roles`, rowId: row.id, readOnly, label, context: titleOf(i) });
        return html`<section class="role" aria-labelledby=${`role-${row.id}`}>
          <h3 id=${`role-${row.id}`}>${titleOf(i)}</h3>
          <div class="who">
            ${workspaceField(col('holder'), row, place('Held by'))}
            ${workspaceField(col('organisation'), row, place('Organisation'))}
          </div>
          <details>
            <summary>Responsibilities and shared or follow-up items<span class="visually-hidden">: ${titleOf(i)}</span></summary>
            <div class="what">
              ${workspaceField(col('responsibilities'), row, place('Responsible for'))}
              ${workspaceField(col('sharedItems'), row, place('Shared or follow-up items'))}
            </div>
          </details>
        </section>`;
      })}
    `;
  }
}

customElements.define('workspace-roles', WorkspaceRoles);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-roles': WorkspaceRoles;
  }
}
