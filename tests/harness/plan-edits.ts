/**
 * Small, valid edits of a child's plan for whole-system tests: each appends a unique marker to
 * the contingency plan's text (a Y.Text field every plan has), so a test can later check exactly
 * which edits a document holds. The edits go through the model's typed accessors, so the
 * server's update checks accept them.
 */
import type * as Y from 'yjs';
import { planOf } from '../../sync-server/children/child-documents.ts';

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
