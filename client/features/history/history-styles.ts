/**
 * The look of the history page's parts, in the GOV.UK pattern: headings, tables with a rule
 * under each row, text inputs with a hint, green primary buttons, grey secondary ones, a red
 * warning button (restore), notices and error summaries, and print styles (controls hidden, the
 * content kept). Every colour is a token of `ui/tokens.ts`; focus is `ui/focus.ts`'s.
 */
import { css } from 'lit';
import { focusInput, focusStyles, visuallyHidden } from '../../ui/focus.ts';
import { colour } from '../../ui/tokens.ts';

export const historyStyles = [
  css`
    .minutes-frame { width: 100%; height: 32rem; border: 1px solid currentColor; margin-top: 0.75rem; }
    :host { display: block; color: ${colour.text}; line-height: 1.5; }
    h2 { font-size: 1.5rem; margin: 1.5rem 0 0.75rem; }
    h3 { font-size: 1.2rem; margin: 1.25rem 0 0.5rem; }
    p { margin: 0 0 0.75rem; max-width: 45rem; }
    .hint { color: ${colour.secondary}; }
    table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; }
    caption { text-align: left; font-weight: 700; padding: 0 0 0.5rem; }
    th, td { text-align: left; vertical-align: top; padding: 0.5rem 1rem 0.5rem 0; border-bottom: 1px solid ${colour.border}; }
    thead th { font-weight: 700; }
    td .meta { display: block; color: ${colour.secondary}; font-size: 0.95rem; }
    label { display: block; font-weight: 700; margin: 0 0 0.25rem; }
    input[type='text'] { font: inherit; width: 100%; max-width: 30rem; box-sizing: border-box; padding: 0.35rem; border: 2px solid ${colour.text}; min-height: 2.5rem; }
    input[type='text']:focus { ${focusInput} }
    input[aria-invalid='true'] { border-color: ${colour.red}; }
    .field { margin: 0 0 1rem; }
    #feed-address { max-width: 50rem; font-size: 0.95rem; }
    .field.error { border-left: 5px solid ${colour.red}; padding-left: 0.75rem; }
    .error-message { color: ${colour.red}; font-weight: 700; margin: 0 0 0.25rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 0.75rem; }
    td .actions { margin: 0; flex-wrap: nowrap; }
    button {
      font: inherit; min-height: 2.25rem; min-width: 2.25rem; padding: 0.35rem 0.75rem; cursor: pointer; white-space: nowrap;
      border: 2px solid transparent; color: ${colour.text}; background: ${colour.panel}; box-shadow: 0 2px 0 ${colour.secondary};
    }
    button:hover { background: ${colour.panelHover}; }
    button.primary { background: ${colour.green}; color: ${colour.white}; box-shadow: 0 2px 0 ${colour.greenShadow}; }
    button.primary:hover { background: ${colour.greenHover}; }
    button.warning { background: ${colour.red}; color: ${colour.white}; box-shadow: 0 2px 0 ${colour.text}; }
    button[disabled] { opacity: 0.5; cursor: not-allowed; }
    a { color: ${colour.link}; }
    .notice { border-left: 5px solid ${colour.link}; background: ${colour.infoBackground}; padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
    .success { border-left: 5px solid ${colour.green}; background: ${colour.greenBackground}; padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
    .failure { border: 4px solid ${colour.red}; padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
    .failure strong { display: block; }
    .panel { border: 1px solid ${colour.border}; padding: 0.75rem 1rem; margin: 0 0 1rem; }
    .change-kind { font-weight: 700; }
    .empty { color: ${colour.secondary}; }
    @media print {
      button, form, .no-print { display: none !important; }
      a { color: ${colour.text}; text-decoration: none; }
      table { page-break-inside: auto; }
      tr { page-break-inside: avoid; }
    }
  `,
  focusStyles,
  visuallyHidden,
];
