/**
 * The findings list of the timeline view: what practitioners should look at, red first, each
 * with its date and the rule and source clause behind it, so a chair can check the product
 * against the procedure (DESIGN decision 7). Severity is told by heading text and shape as
 * well as colour.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Finding, Rating } from '../../../model/timeline/types.ts';
import { RATING_LOOK } from '../../ui/rating-look.ts';
import { shapeIcon } from '../../ui/shapes.ts';
import { ruleLine, time } from './timeline-rows.ts';

const ORDER: readonly Rating[] = ['red', 'amber', 'green'];

const GROUP_HEADING: Readonly<Record<Rating, string>> = {
  red: 'Red: needs action now',
  amber: 'Amber: needs attention soon',
  green: 'Green: for information',
};

/** Findings grouped by severity, red first; within a group in the engine's order (by date). */
export function findingsTemplate(findings: readonly Finding[]): TemplateResult {
  if (findings.length === 0) return html`<p class="empty">No findings: nothing on this timeline needs attention.</p>`;
  return html`${ORDER.map((severity) => {
    const items = findings.filter((f) => f.severity === severity);
    if (items.length === 0) return nothing;
    const look = RATING_LOOK[severity];
    const id = `findings-${severity}`;
    return html`<section class="finding-group sev-${severity}" aria-labelledby=${id}>
      <h4 id=${id}>${shapeIcon(look.shape, look.tone)} ${GROUP_HEADING[severity]} (${items.length})</h4>
      <ul class="findings">
        ${items.map(
          (f) => html`<li class="finding sev-${f.severity}" data-subject=${f.subject}>
            ${shapeIcon(look.shape, look.tone)}
            <div>
              <p class="message"><span class="visually-hidden">${look.label}: </span>${f.message}</p>
              ${f.date ? html`<p class="when">Date: ${time(f.date)}</p>` : nothing}
              ${f.rule || f.source ? html`<p>${ruleLine(f)}</p>` : nothing}
            </div>
          </li>`,
        )}
      </ul>
    </section>`;
  })}`;
}
