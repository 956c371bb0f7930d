/**
 * A person's mark: their initials on their colour, in a circle 24 px across (a presence list, a
 * field someone else is editing). Decorative: the person's name is always written beside it, so
 * neither the colour nor the initials are the only cue, and the mark is hidden from screen
 * readers. Use {@link personMark} in a template and add {@link personMarkStyles} to the styles.
 *
 * Imports nothing but lit and `style-props.ts` (the page's CSP refuses `style="…"`).
 */
import { css, html, type TemplateResult } from 'lit';
import { styleProps } from './style-props.ts';
import { colour } from './tokens.ts';

/** The mark of a person with `initials` and `background` (one of the tokens' `presenceColours`). */
export function personMark(initials: string, background: string): TemplateResult {
  return html`<span class="person-mark" ${styleProps({ background })} aria-hidden="true">${initials}</span>`;
}

/** The mark's look. */
export const personMarkStyles = css`
  .person-mark {
    display: inline-flex; flex: none; align-items: center; justify-content: center;
    width: 1.75rem; height: 1.75rem; border-radius: 50%;
    color: ${colour.white}; font-weight: 700; font-size: 0.8rem; line-height: 1; letter-spacing: 0.02em;
    border: 2px solid ${colour.white}; box-shadow: 0 0 0 1px ${colour.text};
  }
  @media (forced-colors: active) { .person-mark { border-color: CanvasText; } }
`;
