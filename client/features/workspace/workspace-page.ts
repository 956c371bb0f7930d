/**
 * `<workspace-page>`: one child's workspace, one page with every part of the plan reachable in
 * one move. The header: "Back to caseload", the child's name live as the page's `h1`, case record
 * ID, date of birth and pathway, the sync status (`<sync-status>`), who is in the plan now
 * (`<plan-presence>`, another feature's element used by tag name), read-only access said in
 * words, and "Open conflicts (n)" listing each field in conflict with a link to its part. Then
 * the section list (a `nav` whose current part has `aria-current="page"`; each a real link to
 * `/children/<id>/<section>`, so a link opens the right part) and the part itself.
 *
 * The plan, its load and sync state come from the contexts the page root provides; the section,
 * the meeting, the child's name as the caseload gave it and whether the person holds the
 * restricted grant are properties (from the address and the caseload). Without the grant there
 * is no restricted section at all and `<workspace-restricted>` (which opens that document) is
 * never made. `<plan-timeline>` and `<plan-history>` are other features' elements, used by tag
 * name; when `<plan-history>` is not defined the history section says "History is loading".
 *
 * Fires `workspace-navigate` (detail: the section and meeting) on a plain click of a section or
 * conflict link, `back-to-caseload` on the back link, and `plan-title` with the child's name.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { openConflicts } from '../../../model/conflicts.ts';
import { formatValue } from '../../../model/words.ts';
import { pathwayOf } from '../../../model/timeline/of-plan.ts';
import { templates as shippedTemplates } from '../../../templates/index.ts';
import { DocChangesController } from '../../binding/doc-changes-controller.ts';
import { openPlanContext } from '../../binding/open-plan-context.ts';
import { pathOf, type WorkspaceSection } from '../../session/routes.ts';
import { planLoadContext } from '../../sync/plan-load.ts';
import { syncStateContext } from '../../sync/sync-state.ts';
import { isPlainClick } from '../../ui/plain-click.ts';
import { colour, space, typeSize } from '../../ui/tokens.ts';
import { sectionOfPath, sectionsFor, type WorkspaceTarget } from './workspace-sections.ts';
import { workspaceStyles } from './workspace-styles.ts';
import './workspace-details.ts';
import './workspace-meetings.ts';
import './workspace-contingency.ts';
import './workspace-introduction.ts';
import './workspace-roles.ts';
import './workspace-stages.ts';
import './workspace-restricted.ts';

/** `<workspace-page>`: the open child's workspace; see the file's comment. */
export class WorkspacePage extends LitElement {
  static override properties = {
    childName: { type: String, attribute: 'child-name' },
    childId: { type: String, attribute: 'child-id' },
    section: { type: String },
    meetingId: { type: String, attribute: 'meeting-id' },
    restricted: { type: Boolean },
  };

  static override styles = [
    workspaceStyles,
    css`
      .back { display: inline-block; margin: 0 0 ${space.m}; color: ${colour.text}; min-height: 24px; }
      .back::before { content: ''; display: inline-block; width: 0.45em; height: 0.45em; margin-right: 0.4em; border: solid currentColor; border-width: 0 0 2px 2px; transform: rotate(45deg); vertical-align: 0.1em; }
      .caption { color: ${colour.secondary}; font-size: ${typeSize.lead}; margin: 0; }
      h1 { font-size: ${typeSize.h1}; margin: 0 0 ${space.s}; }
      h1:focus { outline: none; }
      header { border-bottom: 1px solid ${colour.border}; margin: 0 0 ${space.l}; padding: 0 0 ${space.m}; }
      .facts { display: flex; flex-wrap: wrap; gap: ${space.xs} ${space.xl}; margin: 0 0 ${space.s}; padding: 0; }
      .facts div { display: flex; gap: ${space.xs}; }
      .facts dt { font-weight: 700; }
      .facts dd { margin: 0; }
      .status-line { display: flex; flex-wrap: wrap; align-items: center; gap: ${space.s} ${space.xl}; }
      details.conflicts summary { cursor: pointer; color: ${colour.link}; text-decoration: underline; min-height: 24px; font-weight: 700; }
      details.conflicts[data-count='0'] summary { color: ${colour.text}; text-decoration: none; font-weight: 400; }
      details.conflicts ul { margin: ${space.s} 0 0; padding: ${space.s} ${space.m}; list-style: none; border-left: 5px solid ${colour.red}; background: ${colour.redBackground}; }
      details.conflicts li { margin: 0 0 ${space.s}; }
      .layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: ${space.xl}; align-items: start; }
      nav { position: sticky; top: ${space.m}; }
      nav ul { list-style: none; margin: 0; padding: 0; }
      nav li { margin: 0; }
      nav a { display: block; padding: ${space.s} ${space.m}; border-left: 4px solid transparent; text-decoration: none; min-height: 24px; }
      nav a:hover { text-decoration: underline; }
      nav a[aria-current='page'] { border-left-color: ${colour.link}; background: ${colour.infoBackground}; font-weight: 700; color: ${colour.text}; }
      nav h2 { font-size: ${typeSize.body}; margin: 0 0 ${space.s}; }
      .read-only { border-left: 5px solid ${colour.text}; background: ${colour.panel}; }
      @media (max-width: 60rem) { .layout { grid-template-columns: minmax(0, 1fr); } nav { position: static; } }
      @media print { nav, .back, details.conflicts { display: none; } .layout { display: block; } }
    `,
  ];

  declare childName: string | undefined;
  declare childId: string | undefined;
  /** The part shown; the child's details when unset. */
  declare section: WorkspaceSection | undefined;
  /** The meeting shown in the meetings part. */
  declare meetingId: string | undefined;
  /** Whether the person holds the restricted grant on this child. */
  declare restricted: boolean;

  readonly #plan = new ContextConsumer(this, { context: openPlanContext, subscribe: true });
  readonly #load = new ContextConsumer(this, { context: planLoadContext, subscribe: true });
  readonly #sync = new ContextConsumer(this, { context: syncStateContext, subscribe: true });
  #title: string | undefined;
  #shownSection: string | undefined;
  /** The field a conflict link asked for, focused once its part has rendered. */
  #pendingField: string | undefined;

  constructor() {
    super();
    this.restricted = false;
    // The header's facts and the conflicts list read every part.
    new DocChangesController(this, () => this.#plan.value?.plan);
  }

  /** Moves the keyboard focus to the page's heading (after the page changed to this one). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  #current(): WorkspaceSection {
    const shown = sectionsFor(this.restricted);
    return shown.some((s) => s.id === this.section) ? this.section! : 'details';
  }

  #name(): string {
    const live = this.#plan.value?.plan.child.value('name');
    return (typeof live === 'string' && live.trim() !== '' ? live : this.childName) ?? "Child's plan";
  }

  override render(): TemplateResult {
    const open = this.#plan.value;
    const load = open ? { status: 'ready' as const } : this.#load.value;
    return html`
      <a class="back" href="/" @click=${this.#back}>Back to caseload</a>
      <header>
        <p class="caption">Child's plan</p>
        <h1 tabindex="-1">${this.#name()}</h1>
        ${open ? this.#facts() : nothing}
        <div class="status-line"><sync-status></sync-status>${open ? this.#conflicts() : nothing}</div>
        ${open ? html`<plan-presence></plan-presence>` : nothing}
      </header>
      ${load === undefined
        ? nothing
        : load.status === 'ready'
          ? this.#workspace()
          : load.status === 'failed'
            ? this.#sync.value?.phase === 'access-ended'
              ? nothing
              : html`<p class="notice" role="alert">${load.message}</p>`
            : html`<p class="notice" role="status">${load.message}</p>`}
    `;
  }

  #facts(): TemplateResult {
    const plan = this.#plan.value!.plan;
    const child = plan.child;
    const has = (id: string): boolean => child.spec.fields.some((f) => f.id === id);
    const caseId = has('caseRecordId') ? child.value('caseRecordId') : undefined;
    const dob = child.value('dateOfBirth');
    const pathway = pathwayOf(plan, shippedTemplates);
    const fact = (label: string, value: unknown): TemplateResult =>
      html`<div><dt>${label}:</dt><dd>${value === undefined || value === '' ? html`<span class="empty">Not recorded</span>` : value}</dd></div>`;
    return html`<dl class="facts">
      ${fact('Case record ID', typeof caseId === 'string' ? caseId : undefined)}
      ${fact('Date of birth', typeof dob === 'string' ? html`<time datetime=${dob}>${formatValue({ kind: 'date' }, dob)}</time>` : undefined)}
      ${fact('Pathway', pathway?.title)}
    </dl>`;
  }

  #conflicts(): TemplateResult {
    const conflicts = openConflicts(this.#plan.value!.plan);
    return html`<details class="conflicts" data-count=${conflicts.length}>
      <summary>Open conflicts (${conflicts.length})</summary>
      ${conflicts.length === 0
        ? html`<p>No field has values written at the same time by different people.</p>`
        : html`<ul>${conflicts.map((c) => {
            const target = sectionOfPath(c.path);
            const field = `[data-field-path="${CSS.escape(c.path)}"]${c.rowId ? `[data-row-id="${CSS.escape(c.rowId)}"]` : ''}`;
            return html`<li><a href=${this.#href(target)} @click=${(e: MouseEvent) => this.#go(e, target, field)}>${c.where}: ${c.table ? `${c.table}, ` : ''}${c.label}</a>:
              ${c.entries.map((e) => `“${e.value === null ? 'cleared' : String(e.value)}” by ${e.by}`).join(' or ')}</li>`;
          })}</ul>`}
    </details>`;
  }

  #href(target: WorkspaceTarget): string {
    return pathOf({ page: 'plan', childId: this.childId ?? this.#plan.value?.meta.childId ?? '', ...target });
  }

  #workspace(): TemplateResult {
    const current = this.#current();
    const readOnly = this.#sync.value?.readOnly ?? true;
    return html`
      ${readOnly ? html`<p class="notice read-only" id="read-only"><strong>Read only.</strong> You can see this plan but not change it: nothing on this page can be edited with your access.</p>` : nothing}
      <div class="layout">
        <nav aria-labelledby="parts-title">
          <h2 id="parts-title">Parts of the plan</h2>
          <ul>
            ${sectionsFor(this.restricted).map(
              (s) => html`<li><a href=${this.#href({ section: s.id })} aria-current=${s.id === current ? 'page' : 'false'}
                @click=${(e: MouseEvent) => this.#go(e, { section: s.id })}>${s.label}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="part" data-section=${current}>${this.#part(current)}</div>
      </div>
    `;
  }

  #part(section: WorkspaceSection): TemplateResult {
    switch (section) {
      case 'details':
        return html`<workspace-details></workspace-details>`;
      case 'meetings':
        return html`<workspace-meetings child-id=${this.childId ?? ''} meeting-id=${this.meetingId ?? ''}></workspace-meetings>`;
      case 'contingency':
        return html`<workspace-contingency></workspace-contingency>`;
      case 'introduction':
        return html`<workspace-introduction></workspace-introduction>`;
      case 'roles':
        return html`<workspace-roles></workspace-roles>`;
      case 'stages':
        return html`<workspace-stages child-id=${this.childId ?? ''}></workspace-stages>`;
      case 'timeline':
        return html`<h2 tabindex="-1">Timeline</h2><plan-timeline></plan-timeline>`;
      case 'history':
        return html`<h2 tabindex="-1">History and versions</h2>
          ${customElements.get('plan-history') ? nothing : html`<p class="notice" role="status">History is loading.</p>`}
          <plan-history></plan-history>`;
      case 'restricted':
        return html`<workspace-restricted child-id=${this.childId ?? ''}></workspace-restricted>`;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const title = this.#name();
    if (title !== this.#title) {
      this.#title = title;
      this.dispatchEvent(new CustomEvent<string>('plan-title', { detail: title, bubbles: true, composed: true }));
    }
    // A new part (or meeting): move the focus to its heading, once it has rendered.
    const key = `${this.#current()}/${this.meetingId ?? ''}`;
    const loaded = this.#plan.value !== undefined;
    if (loaded && this.#shownSection !== undefined && key !== this.#shownSection) {
      void this.#focusPart(this.#pendingField);
      this.#pendingField = undefined;
    }
    if (loaded) this.#shownSection = key;
  }

  /** Focuses the part's first heading, or the field matching the selector `field`. */
  async #focusPart(field?: string): Promise<void> {
    const part = this.shadowRoot?.querySelector<HTMLElement>('.part > *');
    if (part && 'updateComplete' in part) await (part as unknown as LitElement).updateComplete;
    const target = field ? deepQuery(this, field) : undefined;
    const heading = part?.shadowRoot?.querySelector<HTMLElement>('[data-focus-first]') ?? part?.shadowRoot?.querySelector<HTMLElement>('h2') ?? this.shadowRoot?.querySelector<HTMLElement>('.part h2');
    (target ?? heading)?.focus();
  }

  #go(event: MouseEvent, target: WorkspaceTarget, field?: string): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    (event.target as HTMLElement).closest('details')?.removeAttribute('open');
    const here = target.section === this.#current() && (target.meetingId ?? '') === (this.meetingId ?? '');
    if (field && here) void this.#focusPart(field);
    else this.#pendingField = field;
    this.dispatchEvent(new CustomEvent<WorkspaceTarget>('workspace-navigate', { detail: target, bubbles: true, composed: true }));
  }

  #back(event: MouseEvent): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new Event('back-to-caseload', { bubbles: true, composed: true }));
  }
}

/** The first element matching `selector` in `root`'s shadow tree or any shadow tree below it. */
function deepQuery(root: Element, selector: string): HTMLElement | undefined {
  const scope = root.shadowRoot;
  if (!scope) return undefined;
  const found = scope.querySelector<HTMLElement>(selector);
  if (found) return found;
  for (const el of scope.querySelectorAll('*')) {
    const inner = deepQuery(el, selector);
    if (inner) return inner;
  }
  return undefined;
}

customElements.define('workspace-page', WorkspacePage);

declare global {
  interface HTMLElementTagNameMap {
    'workspace-page': WorkspacePage;
  }
  interface HTMLElementEventMap {
    'workspace-navigate': CustomEvent<WorkspaceTarget>;
    'plan-title': CustomEvent<string>;
    'back-to-caseload': Event;
  }
}
