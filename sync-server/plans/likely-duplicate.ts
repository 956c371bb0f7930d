/**
 * A likely duplicate of a child about to be created or imported (issue 13 item 14): a child the
 * server already knows (its caseload index) with the same name, compared without regard to case
 * or spacing, and the same date of birth, read from that child's plan. Only children whose
 * indexed name matches are read, so the check costs one plan read per namesake, not one per child.
 * A new child without a date of birth is never a likely duplicate (twins and namesakes differ by it).
 */
import { planDocumentName } from '../../model/wire/index.ts';
import type { ChildSummary } from '../storage/records/server-records.ts';
import type * as Y from 'yjs';
import { planOf } from './child-documents.ts';

/** A name as compared: trimmed, inner spaces collapsed, lower case. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What the check reads: the known children, and a readable copy of a document (destroyed after). */
export interface KnownChildren {
  children(): Promise<ChildSummary[]>;
  read(name: string): Promise<Y.Doc | undefined>;
}

/** The id of a known child with the same name and date of birth, or undefined. */
export async function likelyDuplicate(known: KnownChildren, facts: { readonly name?: string | undefined; readonly dateOfBirth?: string | undefined }): Promise<string | undefined> {
  if (facts.name === undefined || facts.dateOfBirth === undefined) return undefined;
  const key = nameKey(facts.name);
  for (const summary of await known.children()) {
    if (nameKey(summary.name) !== key) continue;
    const doc = await known.read(planDocumentName(summary.childId));
    if (!doc) continue;
    try {
      if (planOf(doc)?.childFacts().dateOfBirth === facts.dateOfBirth) return summary.childId;
    } finally {
      doc.destroy();
    }
  }
  return undefined;
}

/** The refusal of a likely duplicate, a person's words: `confirm` says how to go ahead anyway. */
export function duplicateMessage(name: string, dateOfBirth: string | undefined, confirm: string): string {
  return `A child named ${name}${dateOfBirth ? ` born ${dateOfBirth}` : ''} is already known to this server: this is probably the same child. Look for them on the board first; to make another child anyway, ${confirm}.`;
}
