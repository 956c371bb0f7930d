/**
 * The stylesheet of `<plan-form>`: sections with a ruled heading, fields as a two-column
 * description list (one column on a narrow screen), tables with borders and header cells, and
 * the field renderers' own styles. Colours and sizes are the tokens of `ui/`.
 */
import { css } from 'lit';
import { fieldStyles } from '../fields/field-styles.ts';
import { visuallyHidden } from '../ui/focus.ts';
import { colour, space, typeSize } from '../ui/tokens.ts';

/** The stylesheet of `<plan-form>`. */
export const formStyles = [
  css`
    :host { display: block; font: inherit; color: ${colour.text}; line-height: 1.5; }
    h3 { font-size: ${typeSize.h3}; margin: ${space.xl} 0 ${space.s}; border-bottom: 2px solid ${colour.border}; padding-bottom: ${space.xs}; }
    .guidance { color: ${colour.secondary}; margin: 0 0 ${space.m}; max-width: 50rem; }
    dl { display: grid; grid-template-columns: minmax(12rem, 22rem) 1fr; gap: 0.4rem ${space.l}; margin: 0; }
    dt { font-weight: 700; }
    dd { margin: 0; white-space: pre-wrap; }
    table { border-collapse: collapse; width: 100%; margin: ${space.s} 0 1rem; }
    caption { text-align: left; font-weight: 700; padding-bottom: ${space.xs}; }
    th, td { border: 1px solid ${colour.border}; padding: 0.35rem ${space.s}; text-align: left; vertical-align: top; white-space: pre-wrap; }
    th { background: ${colour.panel}; }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: ${space.m} ${space.l}; max-width: 80rem; }
    .field.wide { grid-column: 1 / -1; max-width: 60rem; }
    .field:has(plan-register-field[conflict]) { grid-column: span 2; }
    .read-only-note { border-left: 10px solid ${colour.link}; background: ${colour.infoBackground}; padding: ${space.s} ${space.m}; margin: 0 0 ${space.m}; }
    h4 { font-size: ${typeSize.h4}; margin: ${space.m} 0 ${space.xs}; }
    @media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: ${space.s}; } }
  `,
  fieldStyles,
  visuallyHidden,
];
