/**
 * A conflict shown at its field (DESIGN decision 4): the field holds two or more values written
 * without seeing each other (one person offline). It says so in words and with a sign, not by
 * colour alone ("⚠ 2 values: choose one"), lists every kept value with who wrote it and when
 * (UK date and time, `model/words.ts`), and, for a person who may change the plan, offers "Use
 * this value" beside each: choosing one is a new write of that value, which has seen all of them
 * and so ends the conflict everywhere.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RegisterEntry, RegisterState } from '../../model/register.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { formatValue, ukMoment } from '../../model/words.ts';

/** What the conflict view needs besides the field and its state. */
export interface ConflictChoice {
  /** Offer "Use this value" buttons (the person may change the plan). */
  readonly canEdit: boolean;
  /** Called with the chosen entry. */
  readonly choose: (entry: RegisterEntry) => void;
  /** The name to show for a writer's account id; the id itself when unknown. */
  readonly nameOf?: (by: string) => string;
}

/** The values of a field in conflict, or nothing when it is not in conflict. */
export function conflictView(field: FieldSpec, state: RegisterState, choice: ConflictChoice): TemplateResult | typeof nothing {
  if (state.conflicts.length === 0 || !state.current) return nothing;
  const entries = [state.current, ...state.conflicts];
  const nameOf = choice.nameOf ?? ((by: string) => by);
  return html`
    <div class="conflict" role="group" aria-label=${`${field.label}: ${entries.length} values`}>
      <strong>${entries.length} values: choose one</strong>
      <ul class="conflict-values">
        ${entries.map((entry) => {
          const value = formatValue(field, entry.value ?? undefined);
          return html`<li>
            <span class="conflict-value">“${value}”</span>
            <span class="conflict-who">written by ${nameOf(entry.by)}, ${ukMoment(entry.at)}</span>
            ${choice.canEdit
              ? html`<button type="button" class="secondary" aria-label=${`Use this value: ${value}`} @click=${() => choice.choose(entry)}>Use this value</button>`
              : nothing}
          </li>`;
        })}
      </ul>
    </div>
  `;
}
