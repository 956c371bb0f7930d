/**
 * The styles of the field renderers and editors, in the GOV.UK look: a bold label above its
 * control, a grey hint, inputs with a 2 px black border and the yellow focus ring (from `ui/`),
 * an error message in red with a red edge, an empty value in secondary italics, and a conflict
 * as a panel with a red edge and a warning sign, told in words too ("2 values: choose one").
 * Add {@link fieldStyles} to the styles of any element that renders or edits fields.
 */
import { css } from 'lit';
import { focusInput, focusRing, visuallyHidden } from '../ui/focus.ts';
import { colour, space, typeSize } from '../ui/tokens.ts';

/** Styles of values, controls and conflicts, for any element that renders fields. */
export const fieldStyles = [
  css`
    .empty { color: ${colour.secondary}; font-style: italic; }
    .conflict { display: block; margin-top: ${space.xs}; padding: ${space.xs} ${space.s}; border-left: 5px solid ${colour.red}; background: ${colour.redBackground}; }
    .conflict::before { content: '⚠ '; }
    label, .label { display: block; font-weight: 700; margin-bottom: ${space.xs}; }
    .hint { display: block; color: ${colour.secondary}; margin: 0 0 ${space.xs}; font-size: ${typeSize.small}; }
    input, select, textarea {
      font: inherit; color: ${colour.text}; background: ${colour.white}; box-sizing: border-box;
      border: 2px solid ${colour.text}; border-radius: 0; padding: 0.3rem 0.4rem; min-height: 2.5rem; max-width: 100%;
    }
    input[type='text'] { width: 100%; }
    input[type='date'] { width: 11rem; }
    select { min-width: 11rem; }
    textarea { display: block; width: 100%; min-height: 5rem; resize: vertical; field-sizing: content; max-height: 30rem; line-height: 1.4; }
    input:focus, select:focus, textarea:focus { ${focusInput} }
    button:focus-visible { ${focusRing} }
    .error-message { display: block; color: ${colour.red}; font-weight: 700; margin: 0 0 ${space.xs}; }
    .has-error { border-left: 5px solid ${colour.red}; padding-left: ${space.s}; }
    .has-error input, .has-error select { border-color: ${colour.red}; }
    .read-only-value { white-space: pre-wrap; }
    .conflict-values { margin: ${space.xs} 0 0; padding-left: ${space.l}; }
    .conflict-values li { margin-bottom: ${space.xs}; }
    button.secondary {
      font: inherit; font-size: ${typeSize.small}; min-height: 2rem; min-width: 2rem; padding: 0.2rem 0.7rem; margin-left: ${space.xs};
      border: 2px solid transparent; border-radius: 0; cursor: pointer; background: ${colour.panel}; color: ${colour.text}; box-shadow: 0 2px 0 ${colour.secondary};
    }
    button.secondary:hover { background: ${colour.panelHover}; }
  `,
  visuallyHidden,
];
