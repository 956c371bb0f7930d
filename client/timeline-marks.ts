/**
 * The visual vocabulary of the timeline view: for each status and rating, the words, the tone
 * (colour) and a shape, so that no status is told by colour alone (WCAG 1.4.1). Shapes are
 * small inline SVGs drawn in `currentColor`, hidden from assistive technology because the
 * words beside them say the same thing; they keep their shape in Windows high-contrast mode.
 */
import { svg, html, type TemplateResult } from 'lit';
import type { ItemStatus, Rating } from '../model/timeline/types.ts';

/** Colour family; the stylesheet maps each tone to colours that meet WCAG contrast. */
export type Tone = 'red' | 'amber' | 'green' | 'neutral';

export type Shape =
  | 'circle' // hollow: a due date
  | 'circle-filled' // done on time
  | 'square-filled' // done late
  | 'diamond-filled' // done earlier than a rule allows
  | 'hourglass' // due soon
  | 'triangle' // overdue: a warning sign
  | 'cross' // missed
  | 'dash' // does not apply
  | 'circle-dashed' // optional
  | 'double' // conflicting dates recorded
  | 'bracket' // the earliest date a rule allows
  | 'beyond'; // more dates past the end of a zoomed axis

export interface Look {
  readonly label: string;
  readonly tone: Tone;
  readonly shape: Shape;
}

/** Words, tone and shape of each status of a stage, repeat, check or action. */
export const STATUS_LOOK: Readonly<Record<ItemStatus, Look>> = {
  'done-on-time': { label: 'Done on time', tone: 'green', shape: 'circle-filled' },
  'done-late': { label: 'Done late', tone: 'amber', shape: 'square-filled' },
  'done-early': { label: 'Done too early', tone: 'red', shape: 'diamond-filled' },
  'due-soon': { label: 'Due soon', tone: 'amber', shape: 'hourglass' },
  overdue: { label: 'Overdue', tone: 'red', shape: 'triangle' },
  'not-yet-due': { label: 'Not yet due', tone: 'neutral', shape: 'circle' },
  missed: { label: 'Missed', tone: 'red', shape: 'cross' },
  'not-applicable': { label: 'Does not apply', tone: 'neutral', shape: 'dash' },
  optional: { label: 'Optional, not held', tone: 'neutral', shape: 'circle-dashed' },
};

/** Words, tone and shape of a red/amber/green rating, and what it asks of people. */
export const RATING_LOOK: Readonly<Record<Rating, Look & { meaning: string }>> = {
  red: { label: 'Red', tone: 'red', shape: 'triangle', meaning: 'needs action now' },
  amber: { label: 'Amber', tone: 'amber', shape: 'hourglass', meaning: 'needs attention soon' },
  green: { label: 'Green', tone: 'green', shape: 'circle-filled', meaning: 'on track' },
};

/** Whether the status means the item has happened (it has an actual date). */
export function isDone(status: ItemStatus): boolean {
  return status === 'done-on-time' || status === 'done-late' || status === 'done-early';
}

const PATHS: Readonly<Record<Shape, TemplateResult>> = {
  circle: svg`<circle cx="8" cy="8" r="5.5" fill="#fff" stroke="currentColor" stroke-width="2"/>`,
  'circle-filled': svg`<circle cx="8" cy="8" r="6.5" fill="currentColor"/>`,
  'square-filled': svg`<rect x="2" y="2" width="12" height="12" fill="currentColor"/>`,
  'diamond-filled': svg`<path d="M8 .8 15.2 8 8 15.2.8 8Z" fill="currentColor"/>`,
  hourglass: svg`<path d="M3 1.5h10L8 8l5 6.5H3L8 8Z" fill="#fff" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  triangle: svg`<path d="M8 .8 15.5 15H.5Z" fill="currentColor"/><path d="M8 5.5v4.6M8 12.2v.4" stroke="#fff" stroke-width="2" stroke-linecap="round"/>`,
  cross: svg`<path d="M2.5 2.5 13.5 13.5M13.5 2.5 2.5 13.5" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>`,
  dash: svg`<path d="M2 8h12" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>`,
  'circle-dashed': svg`<circle cx="8" cy="8" r="5.5" fill="#fff" stroke="currentColor" stroke-width="2" stroke-dasharray="2.6 2"/>`,
  double: svg`<circle cx="5.3" cy="8" r="4.3" fill="#fff" stroke="currentColor" stroke-width="1.8"/><circle cx="10.7" cy="8" r="4.3" fill="#fff" stroke="currentColor" stroke-width="1.8"/>`,
  beyond: svg`<path d="M2.5 3 8 8l-5.5 5M8 3l5.5 5L8 13" fill="none" stroke="currentColor" stroke-width="2.2"/>`,
  bracket: svg`<path d="M5 1.5v13M5 1.5h6M5 14.5h6" fill="none" stroke="currentColor" stroke-width="2.2"/>`,
};

/** A shape as a 16-pixel inline SVG, hidden from assistive technology, in the tone's colour. */
export function shapeIcon(shape: Shape, tone: Tone): TemplateResult {
  return html`<svg class="shape tone-${tone}" data-shape=${shape} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${PATHS[shape]}</svg>`;
}
