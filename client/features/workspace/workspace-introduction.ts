/**
 * `<workspace-introduction>`: the introduction plan (draft without dates, then the day-by-day
 * schedule, pause and plan, placement day, visits after placement) laid out by
 * `<plan-form form-part="introduction">`, with the checks of the transitions standards (001)
 * beside it: the final plan circulated at least 3 working days before introductions start, the
 * placement only after a pause and plan, the 24-hour contacts and the 72-hour visit after
 * placement. Each check says the dates it concerns (due by, done on), its status in words and
 * the rule with its source; they come from the timeline engine (`timelineOfPlan`'s
 * `introduction`, model/timeline/introduction-checks.ts) for today, so the page and the
 * timeline never disagree.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { localToday } from '../../../model/calendar/day.ts';
import { timelineOfPlan } from '../../../model/timeline/of-plan.ts';
import type { IntroductionCheck } from '../../../model/timeline/types.ts';
import { formatValue } from '../../../model/words.ts';
import { citeSource, templates as shippedTemplates } from '../../../templates/index.ts';
import '../../forms/plan-form.ts';
import { colour, space } from '../../ui/tokens.ts';
import { formContents, PartContexts } from './workspace-part.ts';
import { STATUS_WORDS } from './workspace-status.ts';
import { workspaceStyles } from './workspace-styles.ts';

/** `<workspace-introduction>`: the introduction plan and its checks; see the file's comment. */
export class WorkspaceIntroduction extends LitElement {
  static override properties = { today: { type: String } };

  static override styles = [
    workspaceStyles,
    css`
      aside ol { list-style: none; margin: 0; padding: 0; }
      aside li { border-bottom: 1px solid ${colour.border}; padding: ${space.s} 0; }
      aside h4 { margin: 0 0 ${space.xs}; }
      aside dl { margin: ${space.xs} 0; display: grid; grid-template-columns: auto 1fr; gap: 0 ${space.s}; }
      aside dt { font-weight: 700; }
      aside dd { margin: 0; }
      aside .source { font-size: 0.875rem; color: ${colour.secondary}; }
    `,
  ];

  /** The day the checks are worked out for, YYYY-MM-DD; today on this device by default. */
  declare today: string;

  readonly #ctx = new PartContexts(this, ['child', 'introduction', 'pathway', 'ppms']);

  constructor() {
    super();
    this.today = localToday();
  }

  override render(): TemplateResult {
    const open = this.#ctx.open;
    const plan = open?.plan;
    if (!open || !plan) return html`<p class="empty" role="status">No plan is open.</p>`;
    let checks: readonly IntroductionCheck[] = [];
    try {
      checks = timelineOfPlan(plan, shippedTemplates, this.today)?.introduction ?? [];
    } catch (error) {
      console.error('workspace-introduction: timelineOfPlan failed', error);
    }
    return html`
      <h2 tabindex="-1">Introduction plan</h2>
      <div class="beside">
        <div>${formContents(this, open.forms.introduction.sections)}<plan-form form-part="introduction"></plan-form></div>
        <aside aria-labelledby="checks-title">
          <h3 id="checks-title">Checks on the dates</h3>
          ${checks.length === 0
            ? html`<p class="hint">The checks appear once the introductions' start or the placement date is planned: the final plan reaches everyone 3 working days before introductions start, the placement follows a pause and plan, and after placement the carers are contacted within 24 hours and the child visited within 72 hours.</p>`
            : html`<ol>${checks.map((c) => this.#check(c))}</ol>`}
        </aside>
      </div>
    `;
  }

  #check(c: IntroductionCheck): TemplateResult {
    const look = STATUS_WORDS[c.status];
    const date = (d: string): TemplateResult => html`<time datetime=${d}>${formatValue({ kind: 'date' }, d)}</time>`;
    return html`<li>
      <h4>${c.title}</h4>
      <span class="tag ${look.tag}">${look.label}</span>
      <dl>
        ${c.due ? html`<dt>Due by</dt><dd>${date(c.due)}</dd>` : nothing}
        <dt>Done</dt><dd>${c.done ? date(c.done) : html`<span class="empty">Not recorded</span>`}</dd>
      </dl>
      <p>${c.message}</p>
      <p class="source">${c.rule} Source: ${citeSource(c.source)}</p>
    </li>`;
  }
}

customElements.define('workspace-introduction', WorkspaceIntroduction);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-introduction': WorkspaceIntroduction;
  }
}
