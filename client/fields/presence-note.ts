/**
 * The people editing a field, shown at the field: "✎ Morgan Reed (Team Manager, Children in Care
 * Team) is editing", with their colour as an edge — the words say it, the colour only helps tell
 * people apart (not by colour alone). {@link PresenceController} gives a field element the
 * people at its place from `presenceContext`, re-rendering it only when presence changes.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, nothing, type LitElement, type TemplateResult } from 'lit';
import { styleProps } from '../ui/style-props.ts';
import { presenceContext, type FieldPresence } from '../binding/presence-context.ts';
import { colour, space, typeSize } from '../ui/tokens.ts';
import type { FieldPlace } from './field-events.ts';

/** Reads who is in the host field from `presenceContext`. */
export class PresenceController {
  readonly #consumer: ContextConsumer<typeof presenceContext, LitElement>;

  constructor(host: LitElement) {
    this.#consumer = new ContextConsumer(host, { context: presenceContext, subscribe: true });
  }

  /** The people at `place` (the same path and, in a table, the same row). */
  at(place: FieldPlace): FieldPresence {
    return (this.#consumer.value ?? []).filter((p) => p.path === place.path && (place.rowId === undefined || p.rowId === place.rowId));
  }
}

/** The note of who is editing, or nothing when nobody else is here. */
export function presenceNote(people: FieldPresence): TemplateResult | typeof nothing {
  if (people.length === 0) return nothing;
  return html`<span class="presence-list">${people.map(
    (p) => html`<span class="presence" ${styleProps({ 'border-color': p.colour })}>✎ ${p.name} (${p.role}, ${p.organisation}) is editing</span>`,
  )}</span>`;
}

/** Styles of the presence note. */
export const presenceStyles = css`
  .presence-list { display: flex; flex-wrap: wrap; gap: ${space.xs}; margin: 0 0 ${space.xs}; }
  .presence { font-size: ${typeSize.small}; color: ${colour.text}; background: ${colour.panel}; border-left: 5px solid ${colour.text}; padding: 0 ${space.s}; }
`;
