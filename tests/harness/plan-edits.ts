/**
 * Small, valid edits of a child's plan for whole-system tests: each appends a unique marker to
 * the contingency plan's text (a Y.Text field every plan has), so a test can later check exactly
 * which edits a document holds. The edits go through the model's typed accessors, so the
 * server's update checks accept them.
 */
import type * as Y from 'yjs';
import type { TestClient } from './collab.ts';
import { planOf } from '../../sync-server/plans/child-documents.ts';

/** The contingency plan's text of a synced plan document; throws when the document is not a plan. */
export function contingencyText(doc: Y.Doc): Y.Text {
  const plan = planOf(doc);
  if (!plan) throw new Error('the document is not a plan (no readable meta): was it synced?');
  return plan.contingency.text('contingencyPlan');
}

/** Appends ` <marker>` to the contingency plan's text in one transaction. */
export function appendMarker(doc: Y.Doc, marker: string): void {
  const text = contingencyText(doc);
  doc.transact(() => text.insert(text.length, ` ${marker}`), 'test-edit');
}

/** The markers of `expected` that the document's contingency text does not hold. */
export function missingMarkers(doc: Y.Doc, expected: Iterable<string>): string[] {
  const words = new Set(contingencyText(doc).toString().split(' '));
  return [...expected].filter((m) => !words.has(m));
}

/**
 * Tracks which markers the server has acknowledged: the provider counts updates sent and not yet
 * acknowledged, and when that count is back to 0 every marker made so far is on disk.
 */
export function trackAcknowledgements(client: TestClient, acked: Set<string>): { made: string[]; stop(): void } {
  const made: string[] = [];
  let tracking = true;
  const onChange = ({ number }: { number: number }): void => {
    if (!tracking || number !== 0) return;
    for (const m of made) acked.add(m);
  };
  client.provider.on('unsyncedChanges', onChange);
  return {
    made,
    stop() {
      tracking = false;
      client.provider.off('unsyncedChanges', onChange);
    },
  };
}
