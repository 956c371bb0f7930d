/**
 * `<plan-timeline>`: one child's pathway timeline, as the timeline engine works it out: the
 * overall red/amber/green rating with its reasons, every stage on a time axis with its due and
 * actual dates, today, what is overdue or recorded twice, and the findings with the rule and
 * source clause behind each. Status is told by words and shape as well as colour, and the axis
 * has an accessible form: a table whose cells say in text what the graphic lane shows.
 *
 * Takes a ready `timeline` when one is set (tests, a board that already evaluated it). Else it
 * evaluates the open plan from {@link openPlanContext} (its only way in) with `timelineOfPlan`
 * for `today`, and evaluates it again whenever a part of the shared document it reads
 * (`TIMELINE_PARTS`) changes, locally or from another person.
 */
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { REGION_NAMES } from '../../../model/calendar/bank-holidays.ts';
import { addMonths, formatDay, localToday, tryParseDay } from '../../../model/calendar/day.ts';
import type { Plan } from '../../../model/plan.ts';
import type { TemplateRegistry } from '../../../model/template/registry.ts';
import { TIMELINE_PARTS, timelineOfPlan } from '../../../model/timeline/of-plan.ts';
import type { Timeline } from '../../../model/timeline/types.ts';
import { templates as shippedTemplates } from '../../../templates/index.ts';
import { DocChangesController } from '../../binding/doc-changes-controller.ts';
import { openPlanContext } from '../../binding/open-plan-context.ts';
import { timeAxis, type TimeAxis } from './timeline-axis.ts';
import { findingsTemplate } from './timeline-findings.ts';
import { ukShortDate } from '../../../model/words.ts';
import { RATING_LOOK } from '../../ui/rating-look.ts';
import { shapeIcon } from '../../ui/shapes.ts';
import { styleProps } from '../../ui/style-props.ts';
import { STATUS_LOOK } from './timeline-marks.ts';
import { rowTemplate, time, timelineRows, type RowGroup, type TimelineRow } from './timeline-rows.ts';
import { timelineStyles } from './timeline-styles.ts';

/** What the element shows in place of a timeline, and why. */
type Outcome = { timeline: Timeline } | { message: string };

const GROUP_TITLE: Readonly<Record<RowGroup, string | undefined>> = {
  stages: undefined,
  introduction: 'Introduction plan checks',
  actions: 'Decisions and actions from Permanence Planning Meetings',
};

/** Reasons shown beside the rating; the rest are in the findings list. */
const MAX_REASONS = 3;

/** `<plan-timeline>`: the open plan's pathway timeline (or a ready `timeline`); see the file's comment. */
export class PlanTimeline extends LitElement {
  static override properties = {
    timeline: { attribute: false },
    templates: { attribute: false },
    today: { type: String },
    notApplicableShown: { state: true },
    rulesShown: { state: true },
    axisZoomed: { state: true },
  };

  static override styles = timelineStyles;

  /** A timeline to show as it is; when unset, the element evaluates the plan itself. */
  declare timeline: Timeline | undefined;
  /** Where the plan's pathway template is found; the shipped templates by default. */
  declare templates: TemplateRegistry;
  /** The day to evaluate for, YYYY-MM-DD; today's date on this device by default. */
  declare today: string;
  /** Whether stages that do not apply to this child are listed. */
  declare notApplicableShown: boolean;
  /** Whether every row shows the rule and source clause behind its date. */
  declare rulesShown: boolean;
  /** Whether the axis shows only the months around today rather than the whole pathway. */
  declare axisZoomed: boolean;

  readonly #context = new ContextConsumer(this, { context: openPlanContext, subscribe: true });
  /** The last evaluation, reused until the document, the plan, the templates or today change. */
  #cache: { plan: Plan; templates: TemplateRegistry; today: string; outcome: Outcome } | undefined;

  constructor() {
    super();
    this.today = localToday();
    this.templates = shippedTemplates;
    this.notApplicableShown = false;
    this.rulesShown = false;
    this.axisZoomed = false;
    // A change to a part of the document the timeline reads drops the cached evaluation; other
    // updates (the toggles) re-render without re-evaluating.
    new DocChangesController(
      this,
      () => (this.timeline ? undefined : this.#plan()),
      TIMELINE_PARTS,
      () => {
        this.#cache = undefined;
        this.requestUpdate();
      },
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The document was not watched while this element was out of the page: evaluate afresh.
    this.#cache = undefined;
    this.requestUpdate();
  }

  #plan(): Plan | undefined {
    return this.#context.value?.plan;
  }

  /** The timeline to show: the `timeline` property, or the open plan evaluated for `today`. */
  #outcome(): Outcome {
    if (this.timeline) return { timeline: this.timeline };
    const plan = this.#plan();
    if (!plan) return { message: 'No plan is open.' };
    const c = this.#cache;
    if (c && c.plan === plan && c.templates === this.templates && c.today === this.today) return c.outcome;
    let outcome: Outcome;
    try {
      const timeline = timelineOfPlan(plan, this.templates, this.today);
      outcome = timeline
        ? { timeline }
        : { message: 'This plan does not name a pathway the board knows, so there is no timeline to show. Choose the child’s pathway first.' };
    } catch (error) {
      console.error('plan-timeline: timelineOfPlan failed', error);
      outcome = { message: `The timeline could not be worked out: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.#cache = { plan, templates: this.templates, today: this.today, outcome };
    return outcome;
  }

  override render(): TemplateResult {
    const outcome = this.#outcome();
    if (!('timeline' in outcome)) return html`<p class="empty" role="status">${outcome.message}</p>`;
    const t = outcome.timeline;
    const rows = timelineRows(t);
    const hidden = rows.filter((r) => r.status === 'not-applicable');
    const shown = this.notApplicableShown ? rows : rows.filter((r) => r.status !== 'not-applicable');
    const axis = timeAxis(axisDates(t, shown), t.today, this.axisZoomed ? { window: zoomWindow(t.today) } : {});
    const name = this.timeline ? undefined : this.#plan()?.child.value('name');
    return html`
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline: ${t.pathwayTitle}</h2>
        <dl class="facts">
          ${typeof name === 'string' && name ? html`<div><dt>Child:</dt> <dd>${name}</dd></div>` : nothing}
          <div><dt>Today:</dt> <dd>${time(t.today)}</dd></div>
          <div><dt>Pathway started:</dt> <dd>${t.start ? time(t.start) : html`<span class="empty">Not recorded</span>`}</dd></div>
          <div><dt>Next due:</dt> <dd>${t.nextDue ? html`${t.nextDue.title}, ${time(t.nextDue.date)}` : html`<span class="empty">Nothing</span>`}</dd></div>
          <div><dt>Working days leave out:</dt> <dd>bank holidays in ${REGION_NAMES[t.region]}</dd></div>
        </dl>
        ${this.#rating(t)}
        <h3 id="stages-title">Stages</h3>
        <div class="controls">
          ${hidden.length > 0
            ? this.#toggle('not-applicable-toggle', this.notApplicableShown, `Show stages that do not apply (${hidden.length})`, () => {
                this.notApplicableShown = !this.notApplicableShown;
              })
            : nothing}
          ${this.#toggle('rules-toggle', this.rulesShown, 'Show the rule behind each date', () => {
            this.rulesShown = !this.rulesShown;
          })}
          ${this.#toggle('zoom-toggle', this.axisZoomed, `Zoom the time axis to ${ZOOM.back} months back and ${ZOOM.ahead} ahead`, () => {
            this.axisZoomed = !this.axisZoomed;
          })}
        </div>
        ${this.#key()}
        ${this.#table(shown, axis, t.today)}
        <h3 id="findings-title">Findings (${t.findings.length})</h3>
        ${findingsTemplate(t.findings)}
      </section>
    `;
  }

  #rating(t: Timeline): TemplateResult {
    const look = RATING_LOOK[t.rating];
    return html`<div class="rating sev-${t.rating}">
      <p class="rating-line">
        <span class="rating-icon">${shapeIcon(look.shape, look.tone)}</span>
        <strong>Overall rating: ${look.label}</strong> <span>(${look.meaning})</span>
      </p>
      ${t.reasons.length > 0
        ? html`<ul class="reasons">${t.reasons.slice(0, MAX_REASONS).map((r) => html`<li>${r}</li>`)}</ul>
            ${t.reasons.length > MAX_REASONS
              ? html`<p class="more">and ${t.reasons.length - MAX_REASONS} more, listed under Findings below.</p>`
              : nothing}`
        : nothing}
    </div>`;
  }

  #toggle(id: string, pressed: boolean, label: string, flip: () => void): TemplateResult {
    return html`<button type="button" id=${id} class="toggle" aria-pressed=${pressed ? 'true' : 'false'} @click=${flip}>
      <span class="box" aria-hidden="true">${pressed ? '✓' : ''}</span>${label}
    </button>`;
  }

  /** The key to the graphic lane (shapes and what they mean). */
  #key(): TemplateResult {
    const item = (icon: TemplateResult, text: string): TemplateResult => html`<li>${icon} ${text}</li>`;
    return html`<div class="key" aria-hidden="true">
      <span class="key-title">Key to the time axis:</span>
      <ul>
        ${item(shapeIcon('circle', 'neutral'), 'due date')}
        ${item(shapeIcon(STATUS_LOOK['done-on-time'].shape, 'green'), 'done on time')}
        ${item(shapeIcon(STATUS_LOOK['done-late'].shape, 'amber'), 'done late')}
        ${item(shapeIcon(STATUS_LOOK['done-early'].shape, 'red'), 'done too early')}
        ${item(shapeIcon(STATUS_LOOK['due-soon'].shape, 'amber'), 'due soon')}
        ${item(shapeIcon(STATUS_LOOK.overdue.shape, 'red'), 'overdue')}
        ${item(shapeIcon(STATUS_LOOK.missed.shape, 'red'), 'missed')}
        ${item(shapeIcon('double', 'red'), 'conflicting dates')}
        ${item(shapeIcon('bracket', 'neutral'), 'not before')}
        ${item(html`<span class="today-swatch"></span>`, 'today')}
        ${this.axisZoomed ? item(shapeIcon('beyond', 'neutral'), 'more dates off the axis') : nothing}
      </ul>
    </div>`;
  }

  #table(rows: readonly TimelineRow[], axis: TimeAxis, today: string): TemplateResult {
    const groups = (Object.keys(GROUP_TITLE) as RowGroup[]).map((g) => ({ group: g, rows: rows.filter((r) => r.group === g) }));
    const todayAt = axis.position(today) ?? 0;
    return html`<table class="timeline">
      <caption>
        Each stage with its status, the date it is due by and the date it was done, on a time axis from
        ${time(axis.start)} to ${time(axis.end)}
      </caption>
      <colgroup><col class="c-stage" /><col class="c-status" /><col class="c-due" /><col class="c-done" /><col class="c-track" /></colgroup>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">Status</th>
          <th scope="col">Due by</th>
          <th scope="col">Done</th>
          <th class="track track-head" aria-hidden="true">
            <div class="lane">
              ${axis.ticks.map(
                (tick) => html`<span class="tick" ${styleProps({ left: `${tick.position}%` })}>${tick.label}${tick.year ? html`<br />${tick.year}` : nothing}</span>`,
              )}
              <span class="today-flag ${todayAt > 85 ? 'flag-left' : ''}" ${styleProps({ left: `${todayAt}%` })}>Today ${ukShortDate(today)}</span>
              <span class="today-line" ${styleProps({ left: `${todayAt}%` })}></span>
            </div>
          </th>
        </tr>
      </thead>
      ${groups.map(({ group, rows: list }) =>
        list.length === 0
          ? nothing
          : html`<tbody class="group-${group}">
              ${GROUP_TITLE[group] ? html`<tr class="group-row"><th colspan="5" scope="colgroup">${GROUP_TITLE[group]}</th></tr>` : nothing}
              ${list.map((r) => rowTemplate(r, axis, today, this.rulesShown))}
            </tbody>`,
      )}
    </table>`;
  }
}

/** How far the zoomed axis reaches either side of today, in months. */
const ZOOM = { back: 3, ahead: 6 } as const;

/** The zoomed axis's span around `today`; the whole pathway when today is not a date. */
function zoomWindow(today: string): { from: string; to: string } | undefined {
  const day = tryParseDay(today);
  return day === undefined ? undefined : { from: formatDay(addMonths(day, -ZOOM.back)), to: formatDay(addMonths(day, ZOOM.ahead)) };
}

/** Every date the rows on show put on the axis, and the pathway's start. */
function axisDates(t: Timeline, rows: readonly TimelineRow[]): (string | undefined)[] {
  const dates: (string | undefined)[] = [t.start];
  for (const r of rows) {
    dates.push(r.due, r.done, r.notBefore, ...r.conflicts);
    for (const o of r.repeats) dates.push(o.due, o.done);
  }
  return dates;
}

customElements.define('plan-timeline', PlanTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'plan-timeline': PlanTimeline;
  }
}
