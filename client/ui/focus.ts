/**
 * The focus styles of every control, in one place: a yellow ring with a black edge on buttons,
 * inputs and disclosures, and a yellow block with a black underline on links (the GOV.UK
 * pattern, visible on any background; WCAG 2.4.7 and 2.4.11). Add {@link focusStyles} to an
 * element's `styles`; do not write focus styles per element.
 *
 * Also `visuallyHidden`: text kept for screen readers but not shown.
 *
 * Imports nothing but lit.
 */
import { css } from 'lit';
import { colour } from './tokens.ts';

/** The ring for a control (button, input, summary, toggle). */
export const focusRing = css`outline: 3px solid ${colour.focus}; outline-offset: 0; box-shadow: 0 0 0 6px ${colour.text};`;

/** The look of a focused link. */
export const focusLink = css`outline: 3px solid transparent; background: ${colour.focus}; color: ${colour.text}; box-shadow: 0 -2px ${colour.focus}, 0 4px ${colour.text}; text-decoration: none;`;

/** The ring for a text input: the yellow outline with a thicker inner edge. */
export const focusInput = css`outline: 3px solid ${colour.focus}; outline-offset: 0; box-shadow: inset 0 0 0 2px ${colour.text};`;

/** A primary (green) button turns yellow with a black shadow when focused. */
export const focusPrimaryButton = css`outline: 3px solid ${colour.focus}; outline-offset: 0; background: ${colour.focus}; color: ${colour.text}; border-color: ${colour.focus}; box-shadow: 0 2px 0 ${colour.text};`;

/** Focus styles for every link, button and disclosure in an element's shadow root. */
export const focusStyles = css`
  button:focus-visible, summary:focus-visible { ${focusRing} }
  a:focus-visible { ${focusLink} }
`;

/** The `.visually-hidden` class: read by screen readers, not shown. */
export const visuallyHidden = css`
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
