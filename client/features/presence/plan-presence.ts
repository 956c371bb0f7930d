/**
 * `<plan-presence>`: who is in this plan now, as the server authenticated them: how many, and
 * for each their mark (initials on a colour, never colour alone), name, role and organisation,
 * "(you)" for the person looking, "can only read" for a read-only grant, and the part of the
 * plan they are editing. Reads `presentPeopleContext` (provided by the page root, or by
 * `<test-contexts>`); nothing while no plan is open. Lists at most `MAX_PEOPLE` and says how
 * many more.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { presentPeopleContext } from '../../sync/people-context.ts';
import { MAX_PEOPLE, type FieldAt, type PresentPerson } from '../../sync/presence.ts';
import { personMark, personMarkStyles } from '../../ui/person-mark.ts';
import { colour } from '../../ui/tokens.ts';

/** The parts of the plan a field path starts with (the plan's roots, as `data-field-path` names them), in words. */
const PART_WORDS: Readonly<Record<string, string>> = {
  child: "the child's details",
  ppms: 'a PPM record',
  contingency: 'the contingency plan',
  introduction: 'the introduction plan',
  roles: 'the role matrix',
  pathway: 'the pathway stages',
  assurance: 'the task list and checklist',
};

/** Where someone is editing, in words: "editing a PPM record". */
export function editingWords(editing: readonly FieldAt[]): string | undefined {
  const parts = [...new Set(editing.map((f) => PART_WORDS[f.path.split('/')[0] ?? ''] ?? 'the plan'))];
  return parts.length === 0 ? undefined : `editing ${parts.join(' and ')}`;
}

/** `<plan-presence>`: the people in the open plan now; see the file's comment. */
export class PlanPresenceElement extends LitElement {
  static override styles = [
    css`
      :host { display: block; color: ${colour.text}; }
      .title { margin: 0 0 0.4rem; font-weight: 700; font-size: 1.1rem; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.45rem; }
      li { display: flex; align-items: flex-start; gap: 0.5rem; }
      .who { display: flex; flex-direction: column; line-height: 1.3; }
      .name { font-weight: 700; }
      .meta, .doing { color: ${colour.secondary}; font-size: 0.95rem; }
      .doing { color: ${colour.text}; }
      .more { margin: 0.4rem 0 0; color: ${colour.secondary}; }
      /* Who was looking when it was printed says nothing about the plan. */
      @media print { :host { display: none; } }
    `,
    personMarkStyles,
  ];

  readonly #people = new ContextConsumer(this, { context: presentPeopleContext, subscribe: true });

  override render(): TemplateResult | typeof nothing {
    const people = this.#people.value;
    if (!people) return nothing;
    const shown = people.slice(0, MAX_PEOPLE);
    const count = people.length;
    return html`<section aria-labelledby="presence-title">
      <p class="title" id="presence-title">In this plan now: ${count} ${count === 1 ? 'person' : 'people'}</p>
      <ul aria-labelledby="presence-title">
        ${shown.map((p) => this.#person(p))}
      </ul>
      ${count > shown.length ? html`<p class="more">and ${count - shown.length} more</p>` : nothing}
    </section>`;
  }

  #person(p: PresentPerson): TemplateResult {
    const meta = [p.role, p.organisation].filter((t) => t !== '').join(', ');
    const doing = editingWords(p.editing);
    return html`<li data-username=${p.username}>
      ${personMark(p.initials, p.colour)}
      <span class="who">
        <span class="name">${p.name}${p.self ? ' (you)' : ''}</span>
        ${meta ? html`<span class="meta">${meta}</span>` : nothing}
        ${p.readOnly ? html`<span class="meta">can only read</span>` : nothing}
        ${doing ? html`<span class="doing">${doing}</span>` : nothing}
      </span>
    </li>`;
  }
}

customElements.define('plan-presence', PlanPresenceElement);

declare global {
  interface HTMLElementTagNameMap {
    'plan-presence': PlanPresenceElement;
  }
}
