/**
 * The stylesheet of `<plan-timeline>`. Colours follow the GOV.UK palette: shapes use tones with
 * at least 3:1 contrast on their background (WCAG 1.4.11) and words use darker tones with at
 * least 4.5:1 (1.4.3), e.g. red text #942514 and amber text #6f3a00 rather than #f47738.
 * On a narrow screen the graphic lane, its key and its zoom are dropped; the table still says
 * everything.
 */
import { css } from 'lit';

export const timelineStyles = css`
  :host { display: block; color: #0b0c0c; line-height: 1.5; margin-top: 2.5rem; container-type: inline-size; }
  h2 { font-size: 1.6rem; margin: 0 0 0.5rem; }
  h3 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid #b1b4b6; padding-bottom: 0.25rem; }
  h4 { font-size: 1.1rem; margin: 1rem 0 0.5rem; display: flex; align-items: center; gap: 0.4rem; }
  p { margin: 0; }
  .empty { color: #505a5f; font-style: italic; }
  .note { display: block; color: #505a5f; font-size: 0.875rem; }
  .rule { display: block; color: #505a5f; font-size: 0.875rem; font-weight: 400; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

  svg.shape { width: 1rem; height: 1rem; vertical-align: -0.15em; flex: none; overflow: visible; }
  .tone-red { color: #d4351c; }
  .tone-amber { color: #b35900; }
  .tone-green { color: #00703c; }
  .tone-neutral { color: #505a5f; }
  .text-red { color: #942514; font-weight: 700; }
  .text-amber { color: #6f3a00; font-weight: 700; }
  .text-green { color: #00703c; font-weight: 700; }
  .text-neutral { color: #0b0c0c; }

  .facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 1rem; }
  .facts div { display: flex; gap: 0.35rem; }
  .facts dt { font-weight: 700; }
  .facts dd { margin: 0; }

  .rating { border-left: 8px solid; padding: 0.75rem 1rem; margin: 0 0 1rem; }
  .rating.sev-red { border-color: #d4351c; background: #fdf2f0; }
  .rating.sev-amber { border-color: #f47738; background: #fff7ed; }
  .rating.sev-green { border-color: #00703c; background: #f3f9f6; }
  .rating-line { font-size: 1.3rem; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  .rating-icon svg.shape { width: 1.6rem; height: 1.6rem; }
  .more { margin-top: 0.25rem; }
  .reasons { margin: 0.25rem 0 0; padding-left: 1.25rem; }

  .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0.75rem 0 0.5rem; }
  .toggle {
    font: inherit; color: #0b0c0c; background: #fff; border: 2px solid #0b0c0c; border-radius: 0;
    padding: 0.35rem 0.75rem; min-height: 2.75rem; cursor: pointer; display: inline-flex; align-items: center; gap: 0.5rem;
  }
  .toggle:hover { background: #f3f2f1; }
  .toggle[aria-pressed='true'] { background: #f3f2f1; font-weight: 700; }
  .toggle .box { width: 1.1rem; height: 1.1rem; border: 2px solid #0b0c0c; display: inline-flex; align-items: center; justify-content: center; line-height: 1; font-weight: 700; }
  .toggle:focus-visible, summary:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }

  .key { font-size: 0.875rem; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
  .key-title { font-weight: 700; }
  .key ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0; }
  .today-swatch { display: inline-block; width: 0; height: 1rem; border-left: 2px solid #0b0c0c; vertical-align: -0.15em; }

  table.timeline { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.5rem 0 1rem; }
  caption { text-align: left; color: #505a5f; padding-bottom: 0.25rem; }
  .c-stage { width: 22%; }
  .c-status { width: 10.5rem; }
  .c-due, .c-done { width: 8rem; }
  th, td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  thead th { background: #f3f2f1; vertical-align: bottom; border-bottom: 2px solid #0b0c0c; }
  th.stage { font-weight: 400; }
  .title { font-weight: 700; }
  .status-label { display: inline-flex; align-items: baseline; gap: 0.35rem; }
  tr.status-overdue th.stage, tr.status-missed th.stage, tr.status-done-early th.stage { box-shadow: inset 5px 0 #d4351c; }
  tr.status-due-soon th.stage { box-shadow: inset 5px 0 #f47738; }
  tr.status-not-applicable th, tr.status-not-applicable td { color: #505a5f; background: #f8f8f8; }
  .conflict { display: flex; align-items: baseline; gap: 0.35rem; margin-top: 0.2rem; font-weight: 700; color: #942514; }
  .conflict-date { display: block; color: #942514; font-weight: 700; }
  .group-row th { background: #f3f2f1; font-size: 1.05rem; padding-top: 0.75rem; border-bottom: 2px solid #0b0c0c; }
  details.repeats { font-size: 0.875rem; margin-top: 0.25rem; }
  details.repeats summary { cursor: pointer; color: #1d70b8; text-decoration: underline; width: fit-content; }
  details.repeats ol { margin: 0.25rem 0; padding-left: 1.5rem; }

  td.track, th.track { position: relative; padding: 0; }
  th.track-head { height: 4rem; }
  .lane { position: absolute; inset: -1px 0.75rem 0; }
  .grid { position: absolute; top: 0; bottom: 0; border-left: 1px solid #dfe0e1; }
  .tick { position: absolute; top: 1.55rem; bottom: 0; padding-left: 3px; border-left: 1px solid #b1b4b6; font-size: 0.8rem; line-height: 1.15; font-weight: 400; color: #505a5f; white-space: nowrap; }
  .today-line { position: absolute; top: 0; bottom: 0; border-left: 2px solid #0b0c0c; z-index: 1; }
  th .today-line { top: 1.5rem; }
  .today-flag {
    position: absolute; top: 0.2rem; transform: translateX(-50%); white-space: nowrap; z-index: 2;
    background: #0b0c0c; color: #fff; font-size: 0.8rem; font-weight: 700; padding: 0 0.35rem;
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
  .bar-overdue { background: repeating-linear-gradient(90deg, #d4351c 0 6px, transparent 6px 10px); }
  .bar-late { background: #b35900; }
  .bar-early { background: repeating-linear-gradient(90deg, #d4351c 0 3px, transparent 3px 6px); }

  .finding-group { margin-bottom: 0.5rem; }
  ul.findings { list-style: none; padding: 0; margin: 0; }
  li.finding { display: flex; gap: 0.6rem; align-items: baseline; padding: 0.5rem 0.75rem; margin-bottom: 0.5rem; border-left: 5px solid; }
  li.finding.sev-red { border-color: #d4351c; background: #fdf2f0; }
  li.finding.sev-amber { border-color: #f47738; background: #fff7ed; }
  li.finding.sev-green { border-color: #00703c; background: #f3f9f6; }
  li.finding .message { font-weight: 600; }
  li.finding .when { font-size: 0.875rem; color: #505a5f; }

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
`;
