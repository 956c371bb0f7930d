/**
 * The workspace's shared stylesheet, in the GOV.UK Frontend look people in UK public services
 * know (cloned by hand from the tokens of `ui/`: no package): headings, body text, links,
 * buttons (green primary, grey secondary), labelled inputs with the yellow focus, captioned
 * tables, notices and tags that say their meaning in words. Every workspace element adopts it.
 */
import { css } from 'lit';
import { focusInput, focusPrimaryButton, focusStyles, visuallyHidden } from '../../ui/focus.ts';
import { colour, space, typeSize } from '../../ui/tokens.ts';

export const workspaceStyles = [
  focusStyles,
  visuallyHidden,
  css`
    .multi-line { white-space: pre-line; }
    :host { display: block; color: ${colour.text}; line-height: 1.5; font-family: Arial, sans-serif; }
    h2 { font-size: ${typeSize.h2}; margin: 0 0 ${space.m}; scroll-margin-top: ${space.l}; }
    h2:focus { outline: none; }
    h3 { font-size: ${typeSize.h3}; margin: ${space.xl} 0 ${space.s}; scroll-margin-top: ${space.l}; }
    h4 { font-size: ${typeSize.h4}; margin: ${space.l} 0 ${space.xs}; }
    p { margin: 0 0 ${space.m}; max-width: 45rem; }
    a { color: ${colour.link}; text-underline-offset: 0.15em; }
    a:hover { color: ${colour.linkHover}; }
    .hint { color: ${colour.secondary}; }
    .empty { color: ${colour.secondary}; font-style: italic; }
    .button { display: inline-block; min-height: 2.5rem; box-sizing: border-box; font: inherit; font-size: ${typeSize.body}; line-height: 1.2;
      padding: 0.5rem 0.9rem 0.45rem; border: 2px solid transparent; border-radius: 0; cursor: pointer;
      background: ${colour.green}; color: ${colour.white}; box-shadow: 0 2px 0 ${colour.greenShadow}; margin: 0 ${space.s} ${space.m} 0; }
    .button:hover { background: ${colour.greenHover}; }
    .button:focus-visible { ${focusPrimaryButton} }
    .button.secondary { background: ${colour.panel}; color: ${colour.text}; box-shadow: 0 2px 0 #929191; }
    .button.secondary:hover { background: ${colour.panelHover}; }
    .button.small { min-height: 1.75rem; padding: 0.15rem 0.6rem; font-size: ${typeSize.small}; margin: 0; }
    label, .label { display: block; font-weight: 700; margin: 0 0 ${space.xs}; }
    .field { margin: 0 0 ${space.l}; }
    input, select, textarea { font: inherit; font-size: ${typeSize.body}; box-sizing: border-box; min-height: 2.5rem; padding: 0.3rem 0.4rem;
      border: 2px solid ${colour.text}; border-radius: 0; background: ${colour.white}; color: ${colour.text}; max-width: 100%; }
    input[type='text'] { width: 100%; max-width: 36rem; }
    textarea { width: 100%; max-width: 45rem; }
    textarea { min-height: 4.5rem; resize: vertical; }
    input:focus, select:focus, textarea:focus { ${focusInput} }
    input[readonly], textarea[readonly] { border-color: ${colour.border}; background: ${colour.muted}; }
    table { border-collapse: collapse; width: 100%; margin: 0 0 ${space.xl}; }
    caption { text-align: left; font-weight: 700; font-size: ${typeSize.h4}; margin: 0 0 ${space.s}; }
    th, td { text-align: left; vertical-align: top; padding: ${space.s} ${space.m} ${space.s} 0; border-bottom: 1px solid ${colour.border}; }
    thead th { font-weight: 700; }
    tbody th { font-weight: 700; }
    .notice { border-left: 5px solid ${colour.link}; background: ${colour.infoBackground}; padding: ${space.s} ${space.m}; margin: 0 0 ${space.l}; max-width: 45rem; }
    .tag { display: inline-block; padding: 0.1rem 0.4rem; font-weight: 700; font-size: ${typeSize.small}; border: 2px solid currentColor; }
    .tag.done { color: ${colour.green}; }
    .tag.late { color: ${colour.redText}; }
    .tag.due { color: ${colour.amberText}; }
    .tag.open { color: ${colour.secondary}; }
    .contents { margin: 0 0 ${space.xl}; padding: 0 0 0 ${space.m}; border-left: 3px solid ${colour.border}; }
    .contents h3 { margin: 0 0 ${space.xs}; font-size: ${typeSize.body}; }
    .contents ul { margin: 0; padding: 0; list-style: none; }
    .contents li { margin: 0 0 ${space.xs}; }
    .contents a { display: inline-block; min-height: 24px; }
    .beside { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: ${space.xl}; align-items: start; }
    .beside > aside { border-top: 5px solid ${colour.link}; background: ${colour.panel}; padding: ${space.m}; position: sticky; top: ${space.m}; }
    .beside > aside h3 { margin-top: 0; }
    @media (max-width: 72rem) { .beside { grid-template-columns: minmax(0, 1fr); } .beside > aside { position: static; } }
  `,
];
