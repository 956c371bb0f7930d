/**
 * `<workspace-stages>`: the stages of the child's pathway (the pathway template the plan's
 * `pathwayId` names), in the template's order. A stage that another part of the plan records
 * (the pathway's `recordedIn`: the PPM records, a date of the introduction plan) says where,
 * with a link there ("Recorded in the PPM of 3 Nov 2026"), never a date input: one event, one
 * record (DESIGN decision 8). Any other stage lists its records from the stage table (date, who
 * recorded it, from the date's register entry, so the authenticated writer, and a note) and,
 * for a person with edit access, a small form to record it (`Plan.recordStage`, written as the
 * signed-in person). A plan with no pathway chosen lets an editor choose one. Below the stages,
 * the task lists and checklists the pathway uses (`<workspace-assurance>`).
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Plan } from '../../../model/plan.ts';
import type { PathwayTemplate, Stage } from '../../../model/template/pathway.ts';
import { pathwayOf } from '../../../model/timeline/of-plan.ts';
import { formatValue, ukShortMoment } from '../../../model/words.ts';
import { templates as shippedTemplates } from '../../../templates/index.ts';
import { pathOf } from '../../session/routes.ts';
import { isPlainClick } from '../../ui/plain-click.ts';
import { colour, space } from '../../ui/tokens.ts';
import { meetingsByDate } from './workspace-meetings.ts';
import './workspace-assurance.ts';
import { PartContexts } from './workspace-part.ts';
import { workspaceStyles } from './workspace-styles.ts';
import type { WorkspaceTarget } from './workspace-sections.ts';

/** `<workspace-stages>`: the pathway's stages and their records; see the file's comment. */
export class WorkspaceStages extends LitElement {
  static override properties = { childId: { type: String, attribute: 'child-id' }, error: { state: true } };

  static override styles = [
    workspaceStyles,
    css`
      td form { display: flex; flex-wrap: wrap; gap: ${space.s} ${space.m}; align-items: end; margin: ${space.s} 0 0; }
      td form .field { margin: 0; }
      td form textarea { min-height: 2.5rem; width: 18rem; }
      details summary { cursor: pointer; color: ${colour.link}; min-height: 24px; }
      .records { margin: 0; padding-left: ${space.l}; }
      .error { color: ${colour.redText}; font-weight: 700; }
      .stage-title { font-weight: 700; }
      .stage-owner { display: block; color: ${colour.secondary}; font-weight: 400; }
    `,
  ];

  declare childId: string;
  declare error: string | undefined;

  readonly #ctx = new PartContexts(this, ['pathway', 'ppms', 'introduction']);

  constructor() {
    super();
    this.childId = '';
  }

  override render(): TemplateResult {
    const plan = this.#ctx.plan;
    if (!plan) return html`<p class="empty" role="status">No plan is open.</p>`;
    const pathway = pathwayOf(plan, shippedTemplates);
    return html`
      <h2 tabindex="-1">Stages, tasks and checklist</h2>
      ${pathway ? this.#stages(plan, pathway) : this.#choosePathway(plan)}
    `;
  }

  #choosePathway(plan: Plan): TemplateResult {
    const pathways = shippedTemplates.all().filter((t): t is PathwayTemplate => t.kind === 'pathway');
    if (this.#ctx.readOnly) return html`<p class="notice">No pathway has been chosen for this child yet.</p>`;
    return html`<p class="notice">No pathway has been chosen for this child yet. Choose the pathway their plan follows.</p>
      <div class="field"><label for="pathway">Pathway</label>
        <select id="pathway" data-field-path=${`pathway/${plan.pathway.id}/pathwayId`} @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v) plan.pathway.set('pathwayId', v);
        }}>
          <option value="">Choose a pathway</option>
          ${pathways.map((p) => html`<option value=${p.id}>${p.title}</option>`)}
        </select></div>`;
  }

  #stages(plan: Plan, pathway: PathwayTemplate): TemplateResult {
    return html`
      <h3 id="stages-title">${pathway.title}</h3>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <table aria-labelledby="stages-title">
        <thead><tr><th scope="col">Stage</th><th scope="col">Record</th></tr></thead>
        <tbody>${pathway.stages.map((s) => html`<tr><th scope="row"><span class="stage-title">${s.title}</span>${s.owner ? html`<span class="stage-owner">Led by ${s.owner}</span>` : nothing}</th><td>${this.#record(plan, s)}</td></tr>`)}</tbody>
      </table>
      <workspace-assurance></workspace-assurance>
    `;
  }

  #record(plan: Plan, stage: Stage): TemplateResult {
    const r = stage.recordedIn;
    if (r?.part === 'ppms') {
      const dated = meetingsByDate(plan).filter((m) => m.date !== '').reverse();
      const meetings = r.meetings === 'first' ? dated.slice(0, 1) : dated.slice(1);
      if (meetings.length === 0) return html`Recorded in the ${this.#link({ section: 'meetings' }, 'PPM records')}: ${r.meetings === 'first' ? 'no meeting dated yet' : 'no later meeting dated yet'}.`;
      return html`Recorded in ${meetings.map((m, i) => html`${i > 0 ? ', ' : ''}${this.#link({ section: 'meetings', meetingId: m.meeting.id }, `the PPM of ${formatValue({ kind: 'date' }, m.date)}`)}`)}.`;
    }
    if (r?.part === 'introduction') {
      const field = plan.introduction.spec.fields.find((f) => f.id === r.field);
      if (field) {
        const v = plan.introduction.value(r.field);
        return html`Recorded in ${this.#link({ section: 'introduction' }, 'the introduction plan')} (${field.label}: ${v === undefined ? 'not recorded yet' : formatValue(field, v)}).`;
      }
    }
    const rows = plan.stages.rows().filter((row) => row.value('stage') === stage.id);
    const records = rows.map((row) => {
      const date = row.get('date');
      const note = row.text('note').toString();
      return html`<li>${date.value ? html`<time datetime=${String(date.value)}>${formatValue({ kind: 'date' }, date.value)}</time>` : 'No date'}${date.current ? html`, recorded by ${date.current.by} (${ukShortMoment(date.current.at)})` : nothing}${note ? html`: ${note}` : nothing}</li>`;
    });
    return html`
      ${rows.length === 0 ? html`<span class="empty">Not recorded</span>` : html`<ul class="records">${records}</ul>`}
      ${this.#ctx.readOnly
        ? nothing
        : html`<details><summary>Record ${rows.length === 0 ? 'this stage' : 'again'}<span class="visually-hidden">: ${stage.title}</span></summary>
            <form @submit=${(e: SubmitEvent) => this.#submit(e, plan, stage)}>
              <div class="field"><label for=${`date-${stage.id}`}>Date reached</label><input id=${`date-${stage.id}`} name="date" type="date" required /></div>
              <div class="field"><label for=${`note-${stage.id}`}>Note</label><textarea id=${`note-${stage.id}`} name="note" rows="1"></textarea></div>
              <button type="submit" class="button small">Record<span class="visually-hidden"> ${stage.title}</span></button>
            </form>
          </details>`}
    `;
  }

  #submit(event: SubmitEvent, plan: Plan, stage: Stage): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string): string => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    const date = text('date');
    try {
      plan.recordStage(stage.id, date, text('note'));
      this.error = undefined;
      form.reset();
      form.closest('details')?.removeAttribute('open');
    } catch (error) {
      this.error = `${stage.title}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #link(target: WorkspaceTarget, text: string): TemplateResult {
    const go = (e: MouseEvent): void => {
      if (!isPlainClick(e)) return;
      e.preventDefault();
      this.dispatchEvent(new CustomEvent('workspace-navigate', { detail: target, bubbles: true, composed: true }));
    };
    return html`<a href=${pathOf({ page: 'plan', childId: this.childId, ...target })} @click=${go}>${text}</a>`;
  }
}

customElements.define('workspace-stages', WorkspaceStages);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-stages': WorkspaceStages;
  }
}
