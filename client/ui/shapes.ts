/**
 * Shapes that tell a status or rating beside its words, so that nothing is told by colour alone
 * (WCAG 1.4.1): small inline SVGs drawn in `currentColor`, hidden from assistive technology
 * because the words beside them say the same thing; they keep their shape in Windows
 * high-contrast mode. {@link toneStyles} colours them by tone. Imports nothing of ours but the
 * tokens.
 */
import { css, html, svg, type TemplateResult } from 'lit';
import { colour } from './tokens.ts';

/** Colour family; {@link toneStyles} maps each tone to a colour that meets 3:1. */
export type Tone = 'red' | 'amber' | 'green' | 'neutral';

/** The shapes {@link shapeIcon} draws, each with what it stands for. */
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

const white = colour.white.cssText;

const PATHS: Readonly<Record<Shape, TemplateResult>> = {
  circle: svg`<circle cx="8" cy="8" r="5.5" fill=${white} stroke="currentColor" stroke-width="2"/>`,
  'circle-filled': svg`<circle cx="8" cy="8" r="6.5" fill="currentColor"/>`,
  'square-filled': svg`<rect x="2" y="2" width="12" height="12" fill="currentColor"/>`,
  'diamond-filled': svg`<path d="M8 .8 15.2 8 8 15.2.8 8Z" fill="currentColor"/>`,
  hourglass: svg`<path d="M3 1.5h10L8 8l5 6.5H3L8 8Z" fill=${white} stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  triangle: svg`<path d="M8 .8 15.5 15H.5Z" fill="currentColor"/><path d="M8 5.5v4.6M8 12.2v.4" stroke=${white} stroke-width="2" stroke-linecap="round"/>`,
  cross: svg`<path d="M2.5 2.5 13.5 13.5M13.5 2.5 2.5 13.5" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>`,
  dash: svg`<path d="M2 8h12" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>`,
  'circle-dashed': svg`<circle cx="8" cy="8" r="5.5" fill=${white} stroke="currentColor" stroke-width="2" stroke-dasharray="2.6 2"/>`,
  double: svg`<circle cx="5.3" cy="8" r="4.3" fill=${white} stroke="currentColor" stroke-width="1.8"/><circle cx="10.7" cy="8" r="4.3" fill=${white} stroke="currentColor" stroke-width="1.8"/>`,
  beyond: svg`<path d="M2.5 3 8 8l-5.5 5M8 3l5.5 5L8 13" fill="none" stroke="currentColor" stroke-width="2.2"/>`,
  bracket: svg`<path d="M5 1.5v13M5 1.5h6M5 14.5h6" fill="none" stroke="currentColor" stroke-width="2.2"/>`,
};

/** A shape as a 16-pixel inline SVG, hidden from assistive technology, in the tone's colour. */
export function shapeIcon(shape: Shape, tone: Tone): TemplateResult {
  return html`<svg class="shape tone-${tone}" data-shape=${shape} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${PATHS[shape]}</svg>`;
}

/** The `.tone-*` classes of {@link shapeIcon}; add to the styles of an element that draws shapes. */
export const toneStyles = css`
  .tone-red { color: ${colour.red}; }
  .tone-amber { color: ${colour.amberShape}; }
  .tone-green { color: ${colour.green}; }
  .tone-neutral { color: ${colour.secondary}; }
`;
