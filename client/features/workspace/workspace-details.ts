/**
 * `<workspace-details>`: the child's details, laid out by the forms' own child-scope sections
 * (the PPM's "Child / young person's details", the contingency plan's primary plan, ...; a field
 * shared by several forms is shown once, where it first appears), then the details the product
 * relies on that no section places (jurisdiction, court proceedings, tracks). Each field is a
 * labelled control writing through the model (`workspace-field.ts`), or its value as text for a
 * read-only person. With an in-page contents list.
 */
import { html, LitElement, type TemplateResult } from 'lit';
import type { FieldSpec } from '../../../model/template/form.ts';
import { PartContexts, contentsList } from './workspace-part.ts';
import { workspaceField } from './workspace-field.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** `<workspace-details>`: the child's details; see the file's comment. */
export class WorkspaceDetails extends LitElement {
  static override styles = workspaceStyles;

  readonly #ctx = new PartContexts(this, ['child']);

  override render(): TemplateResult {
    const open = this.#ctx.open;
    if (!open) return html`<p class="empty" role="status">No plan is open.</p>`;
    const child = open.plan.child;
    const seen = new Set<string>();
    const groups: { id: string; title: string; fields: FieldSpec[] }[] = [];
    for (const form of [open.forms.ppm, open.forms.contingency, open.forms.introduction]) {
      for (const section of form.sections.filter((s) => s.scope === 'child')) {
        const fields = section.fields.filter((f) => !seen.has(f.id) && child.spec.fields.some((c) => c.id === f.id));
        fields.forEach((f) => seen.add(f.id));
        if (fields.length > 0) groups.push({ id: `details-${section.id}`, title: section.title, fields });
      }
    }
    const rest = child.spec.fields.filter((f) => !seen.has(f.id));
    if (rest.length > 0) groups.push({ id: 'details-core', title: 'Planning details', fields: rest });
    const base = `child/${child.id}`;
    const readOnly = this.#ctx.readOnly;
    return html`
      <h2 tabindex="-1">Child's details</h2>
      ${groups.length > 1 ? contentsList(this, groups) : ''}
      ${groups.map(
        (g) => html`<section aria-labelledby=${g.id}>
          <h3 id=${g.id}>${g.title}</h3>
          ${g.fields.map((f) => workspaceField(f, child, { base, readOnly }))}
        </section>`,
      )}
    `;
  }
}

customElements.define('workspace-details', WorkspaceDetails);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-details': WorkspaceDetails;
  }
}
