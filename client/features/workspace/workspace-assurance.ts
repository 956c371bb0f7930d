/**
 * `<workspace-assurance>`: the task lists and quality-assurance checklists the child's pathway
 * uses (`assuranceListsFor`: the adoption task list by role of 003 Appendix 7, the CPR checklist
 * of 003 Appendix 8), each item answered Yes / No / Partly / Not applicable with a comment or
 * action required (`writeAnswer`, written as the signed-in person). Each role or section is a
 * disclosure that says how many of its items are answered, in words, so the part stays short;
 * each item is a captioned table row with a labelled choice and comment, or the answer as text
 * for a read-only person. Two first answers made at once are both shown.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { answerOf, assuranceListsFor, writeAnswer, type AssuranceAnswer } from '../../../model/assurance.ts';
import { ASSURANCE_ANSWERS } from '../../../model/core-fields.ts';
import type { Plan } from '../../../model/plan.ts';
import type { ChecklistTemplate } from '../../../model/template/checklist.ts';
import type { TaskListTemplate } from '../../../model/template/task-list.ts';
import { pathwayOf } from '../../../model/timeline/of-plan.ts';
import { citeSource, templates as shippedTemplates } from '../../../templates/index.ts';
import { colour, space } from '../../ui/tokens.ts';
import { PartContexts } from './workspace-part.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** One group of items (a role's tasks, a checklist's section). */
interface Group {
  readonly id: string;
  readonly title: string;
  readonly items: readonly { readonly id: string; readonly text: string; readonly note?: string }[];
}

function groupsOf(list: TaskListTemplate | ChecklistTemplate): Group[] {
  return list.kind === 'task-list'
    ? list.roles.map((r) => ({ id: r.id, title: r.title, items: r.tasks.map((t) => ({ id: t.id, text: t.text, ...(t.when ? { note: t.when } : {}) })) }))
    : list.sections.map((s) => ({ id: s.id, title: s.title, items: s.items.map((i) => ({ id: i.id, text: i.text, ...(i.guidance ? { note: i.guidance } : {}) })) }));
}

/** `<workspace-assurance>`: task lists and checklists; see the file's comment. */
export class WorkspaceAssurance extends LitElement {
  static override styles = [
    workspaceStyles,
    css`
      :host { margin: ${space.xl} 0 0; }
      details.group { border-top: 1px solid ${colour.border}; padding: ${space.s} 0; }
      details.group > summary { cursor: pointer; font-weight: 700; color: ${colour.link}; min-height: 24px; }
      details.group > summary .count { color: ${colour.secondary}; font-weight: 400; }
      td select { min-width: 9rem; }
      td textarea { min-height: 2.5rem; }
      .item-note { display: block; color: ${colour.secondary}; font-size: 0.875rem; }
      .also { color: ${colour.redText}; font-size: 0.875rem; }
      col.item { width: 50%; }
    `,
  ];

  readonly #ctx = new PartContexts(this, ['assurance', 'pathway']);

  override render(): TemplateResult {
    const plan = this.#ctx.plan;
    const pathway = plan ? pathwayOf(plan, shippedTemplates) : undefined;
    if (!plan || !pathway) return html``;
    const lists = assuranceListsFor(pathway, shippedTemplates);
    if (lists.length === 0) return html`<p class="hint">The child's pathway uses no task list or checklist.</p>`;
    return html`${lists.map((list) => this.#list(plan, list))}`;
  }

  #list(plan: Plan, list: TaskListTemplate | ChecklistTemplate): TemplateResult {
    return html`<section aria-labelledby=${`list-${list.id}`}>
      <h3 id=${`list-${list.id}`}>${list.title}</h3>
      <p class="hint">Source: ${citeSource(list.source)}. Answer each item Yes, No, Partly or Not applicable, with a comment or the action required.</p>
      ${groupsOf(list).map((g) => this.#group(plan, list.id, g))}
    </section>`;
  }

  #group(plan: Plan, list: string, group: Group): TemplateResult {
    const answered = group.items.filter((i) => answerOf(plan, list, `${group.id}/${i.id}`).record?.value('answer') !== undefined).length;
    return html`<details class="group">
      <summary>${group.title} <span class="count">(${answered} of ${group.items.length} answered)</span></summary>
      <table>
        <caption class="visually-hidden">${group.title}</caption>
        <colgroup><col class="item" /><col /><col /></colgroup>
        <thead><tr><th scope="col">Item</th><th scope="col">Answer</th><th scope="col">Comment or action required</th></tr></thead>
        <tbody>${group.items.map((item) => this.#item(plan, list, group, item))}</tbody>
      </table>
    </details>`;
  }

  #item(plan: Plan, list: string, group: Group, item: Group['items'][number]): TemplateResult {
    const key = `${group.id}/${item.id}`;
    const { record, others } = answerOf(plan, list, key);
    const answer = record?.value('answer');
    const comment = record?.text('comment').toString() ?? '';
    const id = `${list}-${group.id}-${item.id}`;
    const also = others.length > 0
      ? html`<span class="also" role="note">Also answered at the same time: ${others.map((o) => `“${String(o.value('answer') ?? 'no answer')}” by ${o.get('list').current?.by ?? 'someone'}`).join(', ')}</span>`
      : nothing;
    const head = html`<th scope="row" id=${`${id}-text`}>${item.text}${item.note ? html`<span class="item-note">${item.note}</span>` : nothing}</th>`;
    if (this.#ctx.readOnly) {
      return html`<tr>${head}<td>${answer === undefined ? html`<span class="empty">Not answered</span>` : String(answer)}${also}</td><td>${comment || html`<span class="empty">None</span>`}</td></tr>`;
    }
    return html`<tr>
      ${head}
      <td><label class="visually-hidden" for=${`${id}-answer`}>Answer</label>
        <select id=${`${id}-answer`} aria-describedby=${`${id}-text`} data-field-path=${`assurance/${list}/${key}/answer`}
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            writeAnswer(plan, list, key, { answer: v === '' ? null : (v as AssuranceAnswer) });
          }}>
          <option value="" ?selected=${answer === undefined}>Not answered</option>
          ${ASSURANCE_ANSWERS.map((a) => html`<option value=${a} ?selected=${answer === a}>${a}</option>`)}
        </select>${also}</td>
      <td><label class="visually-hidden" for=${`${id}-comment`}>Comment or action required</label>
        <textarea id=${`${id}-comment`} rows="1" aria-describedby=${`${id}-text`} data-field-path=${`assurance/${list}/${key}/comment`} .value=${comment}
          @change=${(e: Event) => writeAnswer(plan, list, key, { comment: (e.target as HTMLTextAreaElement).value })}></textarea></td>
    </tr>`;
  }
}

customElements.define('workspace-assurance', WorkspaceAssurance);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-assurance': WorkspaceAssurance;
  }
}
