/**
 * The stylesheet of `<plan-timeline>`. Colours follow the GOV.UK palette: shapes use tones with
 * at least 3:1 contrast on their background (WCAG 1.4.11) and words use darker tones with at
 * least 4.5:1 (1.4.3), e.g. red text #942514 and amber text #6f3a00 rather than #f47738.
 * On a narrow screen the graphic lane, its key and its zoom are dropped; the table still says
 * everything.
 */
import { css } from 'lit';
import { colour } from '../../ui/tokens.ts';
import { focusRing, visuallyHidden } from '../../ui/focus.ts';
import { toneStyles } from '../../ui/shapes.ts';

/** The stylesheet of `<plan-timeline>`, with the shared tone and visually-hidden styles. */
export const timelineStyles = [css`
  :host { display: block; color: ${colour.text}; line-height: 1.5; margin-top: 2.5rem; container-type: inline-size; }
  h2 { font-size: 1.6rem; margin: 0 0 0.5rem; }
  h3 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid ${colour.border}; padding-bottom: 0.25rem; }
  h4 { font-size: 1.1rem; margin: 1rem 0 0.5rem; display: flex; align-items: center; gap: 0.4rem; }
  p { margin: 0; }
  .empty { color: ${colour.secondary}; font-style: italic; }
  .note { display: block; color: ${colour.secondary}; font-size: 0.875rem; }
  .rule { display: block; color: ${colour.secondary}; font-size: 0.875rem; font-weight: 400; }

  svg.shape { width: 1rem; height: 1rem; vertical-align: -0.15em; flex: none; overflow: visible; }
  .text-red { color: ${colour.redText}; font-weight: 700; }
  .text-amber { color: ${colour.amberText}; font-weight: 700; }
  .text-green { color: ${colour.green}; font-weight: 700; }
  .text-neutral { color: ${colour.text}; }

  .facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 1rem; }
  .facts div { display: flex; gap: 0.35rem; }
  .facts dt { font-weight: 700; }
  .facts dd { margin: 0; }

  .rating { border-left: 8px solid; padding: 0.75rem 1rem; margin: 0 0 1rem; }
  .rating.sev-red { border-color: ${colour.red}; background: ${colour.redBackground}; }
  .rating.sev-amber { border-color: ${colour.amber}; background: ${colour.amberBackground}; }
  .rating.sev-green { border-color: ${colour.green}; background: ${colour.greenBackground}; }
  .rating-line { font-size: 1.3rem; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  .rating-icon svg.shape { width: 1.6rem; height: 1.6rem; }
  .more { margin-top: 0.25rem; }
  .reasons { margin: 0.25rem 0 0; padding-left: 1.25rem; }

  .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0.75rem 0 0.5rem; }
  .toggle {
    font: inherit; color: ${colour.text}; background: ${colour.white}; border: 2px solid ${colour.text}; border-radius: 0;
    padding: 0.35rem 0.75rem; min-height: 2.75rem; cursor: pointer; display: inline-flex; align-items: center; gap: 0.5rem;
  }
  .toggle:hover { background: ${colour.panel}; }
  .toggle[aria-pressed='true'] { background: ${colour.panel}; font-weight: 700; }
  .toggle .box { width: 1.1rem; height: 1.1rem; border: 2px solid ${colour.text}; display: inline-flex; align-items: center; justify-content: center; line-height: 1; font-weight: 700; }
  .toggle:focus-visible, summary:focus-visible { ${focusRing} }

  .key { font-size: 0.875rem; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
  .key-title { font-weight: 700; }
  .key ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0; }
  .today-swatch { display: inline-block; width: 0; height: 1rem; border-left: 2px solid ${colour.text}; vertical-align: -0.15em; }

  table.timeline { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.5rem 0 1rem; }
  caption { text-align: left; color: ${colour.secondary}; padding-bottom: 0.25rem; }
  .c-stage { width: 22%; }
  .c-status { width: 10.5rem; }
  .c-due, .c-done { width: 8rem; }
  th, td { border-bottom: 1px solid ${colour.border}; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  thead th { background: ${colour.panel}; vertical-align: bottom; border-bottom: 2px solid ${colour.text}; }
  th.stage { font-weight: 400; }
  .title { font-weight: 700; }
  .status-label { display: inline-flex; align-items: baseline; gap: 0.35rem; }
  tr.status-overdue th.stage, tr.status-missed th.stage, tr.status-done-early th.stage { box-shadow: inset 5px 0 ${colour.red}; }
  tr.status-due-soon th.stage { box-shadow: inset 5px 0 ${colour.amber}; }
  tr.status-not-applicable th, tr.status-not-applicable td { color: ${colour.secondary}; background: ${colour.muted}; }
  .conflict { display: flex; align-items: baseline; gap: 0.35rem; margin-top: 0.2rem; font-weight: 700; color: ${colour.redText}; }
  .conflict-date { display: block; color: ${colour.redText}; font-weight: 700; }
  .group-row th { background: ${colour.panel}; font-size: 1.05rem; padding-top: 0.75rem; border-bottom: 2px solid ${colour.text}; }
  details.repeats { font-size: 0.875rem; margin-top: 0.25rem; }
  details.repeats summary { cursor: pointer; color: ${colour.link}; text-decoration: underline; width: fit-content; }
  details.repeats ol { margin: 0.25rem 0; padding-left: 1.5rem; }

  td.track, th.track { position: relative; padding: 0; }
  th.track-head { height: 4rem; }
  .lane { position: absolute; inset: -1px 0.75rem 0; }
  .grid { position: absolute; top: 0; bottom: 0; border-left: 1px solid ${colour.gridLine}; }
  .tick { position: absolute; top: 1.55rem; bottom: 0; padding-left: 3px; border-left: 1px solid ${colour.border}; font-size: 0.8rem; line-height: 1.15; font-weight: 400; color: ${colour.secondary}; white-space: nowrap; }
  .today-line { position: absolute; top: 0; bottom: 0; border-left: 2px solid ${colour.text}; z-index: 1; }
  th .today-line { top: 1.5rem; }
  .today-flag {
    position: absolute; top: 0.2rem; transform: translateX(-50%); white-space: nowrap; z-index: 2;
    background: ${colour.text}; color: ${colour.white}; font-size: 0.8rem; font-weight: 700; padding: 0 0.35rem;
  }
  .today-flag.flag-left { transform: translateX(-100%); }
  .mark { position: absolute; top: 50%; transform: translate(-50%, -50%); line-height: 0; z-index: 2; }
  .mark-done, .mark-repeat-done { z-index: 3; }
  .mark-conflict { z-index: 4; }
  .edge { position: absolute; top: 50%; transform: translateY(-50%); line-height: 0; z-index: 2; }
  .edge-after { right: -0.7rem; }
  .edge-before { left: -0.7rem; }
  .edge-before svg { transform: scaleX(-1); }
  .bar { position: absolute; top: calc(50% - 2px); height: 4px; }
  .bar-overdue { background: repeating-linear-gradient(90deg, ${colour.red} 0 6px, transparent 6px 10px); }
  .bar-late { background: ${colour.amberShape}; }
  .bar-early { background: repeating-linear-gradient(90deg, ${colour.red} 0 3px, transparent 3px 6px); }

  .finding-group { margin-bottom: 0.5rem; }
  ul.findings { list-style: none; padding: 0; margin: 0; }
  li.finding { display: flex; gap: 0.6rem; align-items: baseline; padding: 0.5rem 0.75rem; margin-bottom: 0.5rem; border-left: 5px solid; }
  li.finding.sev-red { border-color: ${colour.red}; background: ${colour.redBackground}; }
  li.finding.sev-amber { border-color: ${colour.amber}; background: ${colour.amberBackground}; }
  li.finding.sev-green { border-color: ${colour.green}; background: ${colour.greenBackground}; }
  li.finding .message { font-weight: 600; }
  li.finding .when { font-size: 0.875rem; color: ${colour.secondary}; }

  @container (max-width: 48rem) {
    .c-track, .track, .key, #zoom-toggle { display: none; }
    .c-stage { width: 40%; }
    .c-status { width: 24%; }
    .c-due, .c-done { width: 18%; }
  }
  @media (forced-colors: active) {
    .today-line, .grid, .tick { border-color: CanvasText; }
    .bar { background: CanvasText; }
    .today-flag { border: 1px solid CanvasText; }
  }
`, toneStyles, visuallyHidden];
