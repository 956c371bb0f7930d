/**
 * The rows of the timeline view's table: one per stage, introduction-plan check or PPM action,
 * each with its status, due date and actual date as text, and a graphic lane on the shared
 * time axis. The lane is hidden from assistive technology: the text cells say everything it
 * shows, so the table is the accessible form of the axis.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ItemStatus, OccurrenceResult, RuleRef, Timeline } from '../../../model/timeline/types.ts';
import type { TimeAxis } from './timeline-axis.ts';
import { tryParseDay } from '../../../model/calendar/day.ts';
import { formatSpan, ukShortDate } from '../../../model/words.ts';
import { citeSource } from '../../../templates/index.ts';
import { shapeIcon, type Shape, type Tone } from '../../ui/shapes.ts';
import { styleProps } from '../../ui/style-props.ts';
import { isDone, STATUS_LOOK } from './timeline-marks.ts';

/** The groups of the table: stages, introduction-plan checks, PPM actions. */
export type RowGroup = 'stages' | 'introduction' | 'actions';

/** One row of the table, whatever it comes from. */
export interface TimelineRow {
  readonly key: string;
  readonly group: RowGroup;
  readonly title: string;
  /** Who leads it, or which meeting it came from. */
  readonly note?: string;
  readonly status: ItemStatus;
  readonly due?: string;
  /** The due date counts from a date that is itself only projected. */
  readonly dueProjected: boolean;
  readonly notBefore?: string;
  readonly done?: string;
  readonly conflicts: readonly string[];
  readonly rule?: RuleRef;
  /** A check's own explanation. */
  readonly message?: string;
  /** A stage that repeats (PPMs, reviews): `done` is the latest held. */
  readonly recurring: boolean;
  readonly repeats: readonly OccurrenceResult[];
}

/** Every row of a timeline, in the engine's order within each group. */
export function timelineRows(t: Timeline): TimelineRow[] {
  const stages = t.stages.map((s): TimelineRow => ({
    key: `stage:${s.id}`,
    group: 'stages',
    title: s.title,
    ...(s.owner ? { note: s.owner } : {}),
    status: s.status,
    ...(s.due ? { due: s.due } : {}),
    dueProjected: s.deadlines.some((d) => d.bound === 'no-later-than' && d.date === s.due && d.projected),
    ...(s.notBefore ? { notBefore: s.notBefore } : {}),
    ...(s.done ? { done: s.done } : {}),
    conflicts: s.conflicts,
    rule: s.rule,
    recurring: s.recurring,
    repeats: t.occurrences.filter((o) => o.stage === s.id),
  }));
  const checks = t.introduction.map((c): TimelineRow => ({
    key: `check:${c.id}`,
    group: 'introduction',
    title: c.title,
    status: c.status,
    ...(c.due ? { due: c.due } : {}),
    dueProjected: false,
    ...(c.done ? { done: c.done } : {}),
    conflicts: [],
    rule: { rule: c.rule, source: c.source },
    message: c.message,
    recurring: false,
    repeats: [],
  }));
  const actions = t.actions.map((a): TimelineRow => ({
    key: `action:${a.meetingId}:${a.id}`,
    group: 'actions',
    title: a.text,
    note: [a.responsible, a.meetingDate ? `agreed at the PPM of ${ukShortDate(a.meetingDate)}` : undefined].filter(Boolean).join(', '),
    status: a.status,
    ...(a.due ? { due: a.due } : {}),
    dueProjected: false,
    ...(a.done ? { done: a.done } : {}),
    conflicts: [],
    recurring: false,
    repeats: [],
  }));
  return [...stages, ...checks, ...actions];
}

/** A date as `<time>` in UK style. */
export function time(iso: string): TemplateResult {
  return html`<time datetime=${iso}>${ukShortDate(iso)}</time>`;
}

/**
 * "Rule: … — Source: Warrington, Securing Permanence policy, 8.3": the source named as people
 * cite it (`citeSource`), leaving out a part that is not known.
 */
export function ruleLine(ref: { rule?: string | undefined; source?: { seed: string; section: string } | undefined }): TemplateResult {
  const parts = [ref.rule ? `Rule: ${ref.rule}` : '', ref.source ? `Source: ${citeSource(ref.source)}` : ''];
  return html`<span class="rule">${parts.filter(Boolean).join(' — ')}</span>`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); undefined for a bad date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = tryParseDay(from);
  const b = tryParseDay(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** How far off the due date is, in words, for the status cell. */
function statusDetail(row: TimelineRow, today: string): string | undefined {
  const span = (from: string | undefined, to: string | undefined): string | undefined => {
    const days = from && to ? daysBetween(from, to) : undefined;
    return days === undefined ? undefined : formatSpan(days);
  };
  switch (row.status) {
    case 'overdue': {
      const s = span(row.due, today);
      return s && `${s} past the due date`;
    }
    case 'due-soon': {
      const days = row.due ? daysBetween(today, row.due) : undefined;
      return days === undefined ? undefined : days === 0 ? 'due today' : `in ${formatSpan(days)}`;
    }
    case 'done-late': {
      const s = span(row.due, row.done);
      return s && `${s} after the due date`;
    }
    case 'done-early': {
      const s = span(row.done, row.notBefore);
      return s && `${s} before the earliest date allowed`;
    }
    default:
      return undefined;
  }
}

/** The row: stage, status, due and done as text, then the lane. */
export function rowTemplate(row: TimelineRow, axis: TimeAxis, today: string, showRules: boolean): TemplateResult {
  const look = STATUS_LOOK[row.status];
  const detail = statusDetail(row, today);
  return html`<tr class="row status-${row.status}" data-key=${row.key}>
    <th scope="row" class="stage">
      <span class="title">${row.title}</span>
      ${row.note ? html`<span class="note">${row.note}</span>` : nothing}
      ${row.message ? html`<span class="note">${row.message}</span>` : nothing}
      ${row.repeats.length > 0 ? repeatsTemplate(row.repeats) : nothing}
      ${showRules && row.rule ? ruleLine(row.rule) : nothing}
    </th>
    <td class="status">
      <span class="status-label text-${look.tone}">${shapeIcon(look.shape, look.tone)} ${look.label}</span>
      ${detail ? html`<span class="note">${detail}</span>` : nothing}
      ${row.conflicts.length > 0 ? html`<span class="conflict">${shapeIcon('double', 'red')} Conflicting dates recorded</span>` : nothing}
    </td>
    <td class="due">
      ${row.due ? time(row.due) : html`<span class="empty">${isDone(row.status) ? 'No deadline' : 'No date yet'}</span>`}
      ${row.due && row.dueProjected ? html`<span class="note">estimate: counts from a stage not yet done</span>` : nothing}
      ${row.notBefore ? html`<span class="note">not before ${time(row.notBefore)}</span>` : nothing}
    </td>
    <td class="done">
      ${row.done ? time(row.done) : html`<span class="empty">Not recorded</span>`}
      ${row.done && row.recurring ? html`<span class="note">latest held</span>` : nothing}
      ${row.conflicts.map((c) => html`<span class="conflict-date">or ${time(c)}</span>`)}
    </td>
    <td class="track" aria-hidden="true">${lane(row, axis, today)}</td>
  </tr>`;
}

/** The repeats of a recurring stage, as text in a disclosure. */
function repeatsTemplate(repeats: readonly OccurrenceResult[]): TemplateResult {
  const overdue = repeats.filter((o) => o.status === 'overdue' || o.status === 'missed').length;
  const held = repeats.filter((o) => isDone(o.status)).length;
  return html`<details class="repeats">
    <summary>Repeats: ${repeats.length} expected, ${held} held${overdue > 0 ? html`, <strong>${overdue} overdue or missed</strong>` : nothing}</summary>
    <ol>
      ${repeats.map((o) => {
        const look = STATUS_LOOK[o.status];
        return html`<li>
          Due ${time(o.due)}${o.done ? html`, held ${time(o.done)}` : nothing}:
          <span class="text-${look.tone}">${shapeIcon(look.shape, look.tone)} ${look.label}</span>
        </li>`;
      })}
    </ol>
  </details>`;
}

/** A marker at a date on the lane; none for a date off the axis. */
function mark(axis: TimeAxis, date: string | undefined, shape: Shape, tone: Tone, what: string, kind: string): TemplateResult | typeof nothing {
  const at = axis.position(date);
  if (at === undefined || !date || axis.outside(date)) return nothing;
  return html`<span class="mark mark-${kind}" ${styleProps({ left: `${at}%` })} title="${what} ${ukShortDate(date)}">${shapeIcon(shape, tone)}</span>`;
}

/** A bar between two dates on the lane (late, overdue, too early). */
function bar(axis: TimeAxis, from: string | undefined, to: string | undefined, kind: string): TemplateResult | typeof nothing {
  const a = axis.position(from);
  const b = axis.position(to);
  if (a === undefined || b === undefined) return nothing;
  return html`<span class="bar bar-${kind}" ${styleProps({ left: `${Math.min(a, b)}%`, width: `${Math.abs(b - a)}%` })}></span>`;
}

/** Arrows at the ends of the lane when the row has dates off a zoomed axis. */
function edges(row: TimelineRow, axis: TimeAxis): TemplateResult[] {
  const dates = [row.due, row.done, row.notBefore, ...row.conflicts, ...row.repeats.flatMap((o) => [o.due, o.done])];
  const sides = new Set(dates.map((d) => axis.outside(d)));
  return (['before', 'after'] as const)
    .filter((side) => sides.has(side))
    .map((side) => html`<span class="edge edge-${side}" title=${side === 'before' ? 'Earlier dates off the axis' : 'Later dates off the axis'}>${shapeIcon('beyond', 'neutral')}</span>`);
}

/** The graphic lane: due (hollow), done (filled), overdue (warning), conflict (double), repeats. */
function lane(row: TimelineRow, axis: TimeAxis, today: string): TemplateResult {
  const look = STATUS_LOOK[row.status];
  const done = isDone(row.status);
  return html`<div class="lane">
    ${edges(row, axis)}
    ${axis.ticks.map((t) => html`<span class="grid" ${styleProps({ left: `${t.position}%` })}></span>`)}
    <span class="today-line" ${styleProps({ left: `${axis.position(today)}%` })}></span>
    ${row.status === 'overdue' ? bar(axis, row.due, today, 'overdue') : nothing}
    ${row.status === 'done-late' ? bar(axis, row.due, row.done, 'late') : nothing}
    ${row.status === 'done-early' ? bar(axis, row.done, row.notBefore, 'early') : nothing}
    ${row.notBefore ? mark(axis, row.notBefore, 'bracket', 'neutral', 'Not before', 'not-before') : nothing}
    ${row.repeats.length > 0 || row.status === 'not-applicable'
      ? nothing
      : done
        ? mark(axis, row.due, 'circle', 'neutral', 'Due by', 'due')
        : mark(axis, row.due, look.shape, look.tone, `${look.label}, due by`, 'due')}
    ${row.repeats.map((o) => {
      const l = STATUS_LOOK[o.status];
      return isDone(o.status)
        ? html`${mark(axis, o.due, 'circle', 'neutral', 'Repeat due by', 'repeat-due')}${mark(axis, o.done, l.shape, l.tone, `Repeat ${l.label.toLowerCase()},`, 'repeat-done')}`
        : mark(axis, o.due, l.shape, l.tone, `Repeat ${l.label.toLowerCase()}, due by`, 'repeat-due');
    })}
    ${done
      ? mark(axis, row.done, look.shape, look.tone, look.label, 'done')
      : row.done && !row.repeats.some((o) => o.done === row.done)
        ? mark(axis, row.done, 'circle-filled', 'green', 'Held', 'done')
        : nothing}
    ${row.conflicts.map((c) => mark(axis, c, 'double', 'red', 'Conflicting date recorded:', 'conflict'))}
  </div>`;
}
