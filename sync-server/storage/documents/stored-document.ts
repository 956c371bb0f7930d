/**
 * A stored document as a Y.Doc: its snapshot, then the updates after it, replayed in one
 * transaction whose origin is {@link STORAGE_ORIGIN}, so the durable storage extension (and any
 * observer) can tell a replay from an edit and never appends it again.
 */
import * as Y from 'yjs';
import type { DocumentLog, StoredDocument } from './document-log.ts';

/** Transaction origin of updates replayed from storage (not appended again). */
export const STORAGE_ORIGIN = Symbol('storage');

/** Replays a stored document (its snapshot, then the updates after it) into `doc`, in one transaction with {@link STORAGE_ORIGIN}. */
export function applyStored(doc: Y.Doc, stored: StoredDocument): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, STORAGE_ORIGIN);
      for (const u of stored.updates) Y.applyUpdate(doc, u, STORAGE_ORIGIN);
    },
    STORAGE_ORIGIN,
  );
}

/** The document `name` as stored, in a new Y.Doc; undefined when it was never stored. Rejects when storage fails. */
export async function readStored(log: DocumentLog, name: string): Promise<Y.Doc | undefined> {
  const stored = await log.load(name);
  if (!stored) return undefined;
  const doc = new Y.Doc();
  applyStored(doc, stored);
  return doc;
}
