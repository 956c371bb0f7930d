/**
 * The design tokens of the client, in one place: colours (the GOV.UK palette), spacing and
 * type sizes, as Lit `css` values that element stylesheets interpolate (`color: ${colour.text}`).
 * Text colours meet 4.5:1 on white and on their tinted backgrounds (WCAG 1.4.3); tones used for
 * shapes and borders meet 3:1 (1.4.11). An element never writes a colour of its own: it picks a
 * token, so a change of palette (or a local authority's theme) is made here only.
 *
 * Imports nothing but lit.
 */
import { css } from 'lit';

/** Colours by what they are for. */
export const colour = {
  /** Body text, borders of controls, the focus ring's dark edge. */
  text: css`#0b0c0c`,
  /** Secondary text (captions, notes, "Not recorded"). */
  secondary: css`#505a5f`,
  /** Page and control backgrounds. */
  white: css`#fff`,
  /** Links and information accents. */
  link: css`#1d70b8`,
  linkHover: css`#003078`,
  /** The focus ring's yellow. */
  focus: css`#ffdd00`,
  /** Rules between rows, table borders. */
  border: css`#b1b4b6`,
  /** Light grid lines. */
  gridLine: css`#dfe0e1`,
  /** Table headers, pressed toggles, secondary buttons. */
  panel: css`#f3f2f1`,
  panelHover: css`#dbdad9`,
  /** Rows that do not apply. */
  muted: css`#f8f8f8`,
  /** Information notices. */
  infoBackground: css`#f0f4f8`,
  /** Red: shapes, borders and error messages (bold). */
  red: css`#d4351c`,
  /** Red for ordinary-weight text. */
  redText: css`#942514`,
  redBackground: css`#fdf2f0`,
  /** Amber accents (borders, bars) and amber shapes. */
  amber: css`#f47738`,
  amberShape: css`#b35900`,
  amberText: css`#6f3a00`,
  /** Amber text on the sync status. */
  amberStatus: css`#8a4500`,
  amberBackground: css`#fff7ed`,
  green: css`#00703c`,
  greenHover: css`#005a30`,
  greenShadow: css`#002d18`,
  greenBackground: css`#f3f9f6`,
} as const;

/** Spacing steps, in rem. */
export const space = {
  xs: css`0.25rem`,
  s: css`0.5rem`,
  m: css`0.75rem`,
  l: css`1.25rem`,
  xl: css`1.5rem`,
  xxl: css`2.5rem`,
} as const;

/** Type sizes. */
export const typeSize = {
  small: css`0.875rem`,
  body: css`1rem`,
  lead: css`1.15rem`,
  h4: css`1.1rem`,
  h3: css`1.25rem`,
  h2: css`1.6rem`,
  h1: css`2rem`,
} as const;

/** Font and line height every element's host starts from. */
export const baseText = css`
  :host { color: ${colour.text}; line-height: 1.5; }
`;

/**
 * Colours that tell people in a plan apart (presence). Each carries white initials at 4.5:1 or
 * more (WCAG 1.4.3) and stands at 3:1 against white (1.4.11); a colour is never the only cue
 * (initials and the name go with it). Plain strings: a person's colour is chosen in code.
 */
export const presenceColours = ['#1d70b8', '#00703c', '#4c2c92', '#912b88', '#942514', '#003078', '#505a5f', '#6f3a00'] as const;
