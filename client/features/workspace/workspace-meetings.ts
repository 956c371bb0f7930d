/**
 * `<workspace-meetings>`: every Permanence Planning Meeting of the plan, listed by date (latest
 * first; undated meetings, such as one just started, at the top in the order added, newest
 * first), each a link to `/children/<id>/meetings/<ppmId>`; the chosen meeting (`meeting-id`, or
 * the latest by the model's one rule) is laid out by `<plan-form form-part="ppm">`. A person with
 * edit access can "Start a new meeting": `startNextMeeting` (model/next-meeting.ts) makes the record
 * from the template, and the new meeting opens at once with the focus on its heading.
 *
 * Fires `workspace-navigate` with `{ section: 'meetings', meetingId }` to open a meeting.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Plan } from '../../../model/plan.ts';
import type { RecordView } from '../../../model/record-view.ts';
import { startNextMeeting } from '../../../model/next-meeting.ts';
import { formatValue } from '../../../model/words.ts';
import '../../forms/plan-form.ts';
import { pathOf } from '../../session/routes.ts';
import { isPlainClick } from '../../ui/plain-click.ts';
import { formContents, PartContexts } from './workspace-part.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** A meeting as listed: its record, its place in the order added, its date (or ''). */
export interface ListedMeeting {
  readonly meeting: RecordView;
  readonly index: number;
  readonly date: string;
}

/** The plan's meetings, latest first: by date of meeting, undated first, then the one added last. */
export function meetingsByDate(plan: Plan): ListedMeeting[] {
  const rows = plan.ppms.rows();
  const dated = rows.map((meeting, index) => {
    const v = meeting.spec.fields.some((f) => f.id === 'meetingDate') ? meeting.value('meetingDate') : undefined;
    return { meeting, index, date: typeof v === 'string' ? v : '' };
  });
  return dated.sort((a, b) => (a.date === b.date ? b.index - a.index : a.date === '' ? -1 : b.date === '' ? 1 : a.date < b.date ? 1 : -1));
}

/** What a meeting is called in the list and its heading. */
export function meetingTitle(m: ListedMeeting): string {
  return m.date ? `Meeting of ${formatValue({ kind: 'date' }, m.date)}` : `New meeting (no date yet)`;
}

/** `<workspace-meetings>`: the PPM records; see the file's comment. */
export class WorkspaceMeetings extends LitElement {
  static override properties = {
    childId: { type: String, attribute: 'child-id' },
    meetingId: { type: String, attribute: 'meeting-id' },
  };

  static override styles = [workspaceStyles, css`table.meetings { width: auto; min-width: 30rem; }`];

  declare childId: string;
  /** The meeting to show; the latest when empty. */
  declare meetingId: string;

  readonly #ctx = new PartContexts(this, ['child', 'ppms']);

  constructor() {
    super();
    this.childId = '';
    this.meetingId = '';
  }

  /** Resolves when this element and the form inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const form = this.shadowRoot?.querySelector('plan-form');
    return form ? (await form.updateComplete) && done : done;
  }

  override render(): TemplateResult {
    const plan = this.#ctx.plan;
    if (!plan) return html`<p class="empty" role="status">No plan is open.</p>`;
    const listed = meetingsByDate(plan);
    const latest = plan.latestMeeting();
    const chosen = listed.find((m) => m.meeting.id === this.meetingId) ?? listed.find((m) => m.meeting.id === latest?.meeting.id);
    const type = (m: RecordView): string => {
      const v = m.spec.fields.some((f) => f.id === 'meetingType') ? m.value('meetingType') : undefined;
      return typeof v === 'string' && v ? ` (${v})` : '';
    };
    return html`
      <h2 tabindex="-1">Meetings (PPM records)</h2>
      ${this.#ctx.readOnly
        ? nothing
        : html`<button type="button" class="button" @click=${() => this.#start(plan)}>Start a new meeting</button>`}
      ${listed.length === 0
        ? html`<p class="empty">No meeting has been recorded for this child yet.</p>`
        : html`<table class="meetings">
            <caption>Every meeting, latest first</caption>
            <thead><tr><th scope="col">Meeting</th><th scope="col">Number</th></tr></thead>
            <tbody>
              ${listed.map(
                (m) => html`<tr>
                  <th scope="row"><a href=${pathOf({ page: 'plan', childId: this.childId, section: 'meetings', meetingId: m.meeting.id })}
                    aria-current=${m === chosen ? 'true' : 'false'} @click=${(e: MouseEvent) => this.#open(e, m.meeting.id)}>${meetingTitle(m)}</a>${type(m.meeting)}${m === chosen ? html` <strong>(shown below)</strong>` : nothing}</th>
                  <td>Meeting ${m.index + 1} of ${listed.length}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      ${chosen
        ? html`<article aria-labelledby="meeting-title">
            <h3 id="meeting-title" tabindex="-1" ?data-focus-first=${this.meetingId !== ''}>${meetingTitle(chosen)}</h3>
            ${formContents(this, this.#ctx.open!.forms.ppm.sections)}
            <plan-form form-part="ppm" record-id=${chosen.meeting.id}></plan-form>
          </article>`
        : nothing}
    `;
  }

  #start(plan: Plan): void {
    const id = startNextMeeting(plan).meetingId;
    this.dispatchEvent(new CustomEvent('workspace-navigate', { detail: { section: 'meetings', meetingId: id }, bubbles: true, composed: true }));
  }

  #open(event: MouseEvent, meetingId: string): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('workspace-navigate', { detail: { section: 'meetings', meetingId }, bubbles: true, composed: true }));
  }
}

customElements.define('workspace-meetings', WorkspaceMeetings);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-meetings': WorkspaceMeetings;
  }
}
