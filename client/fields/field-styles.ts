/**
 * The styles of the field renderers: an empty value in secondary italics, a conflict as a note
 * with a red edge and a warning sign (told in words too). Add to the styles of any element
 * that renders fields.
 */
import { css } from 'lit';
import { colour, space } from '../ui/tokens.ts';

/** Styles of empty values and conflicts, for any element that renders fields. */
export const fieldStyles = css`
  .empty { color: ${colour.secondary}; font-style: italic; }
  .conflict { display: block; margin-top: ${space.xs}; padding: ${space.xs} ${space.s}; border-left: 5px solid ${colour.red}; background: ${colour.redBackground}; }
  .conflict::before { content: '⚠ '; }
`;
