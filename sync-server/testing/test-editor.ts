/**
 * Test helper: a Y.Doc that makes real edits and records the Yjs updates they produce, and a
 * way to read back what a stored document contains. Used by the storage tests and the child
 * process of the kill test; not part of the server.
 */
import * as Y from 'yjs';
import type { StoredDocument } from '../storage/documents/document-log.ts';

/** What a plan-like test document holds: a text and a map. */
export interface TestContent {
  readonly text: string;
  readonly map: Record<string, unknown>;
}

/** A test user editing one document; every `edit` is one transaction, so one update. */
export class TestEditor {
  readonly doc = new Y.Doc();
  readonly updates: Uint8Array[] = [];

  constructor(clientID?: number) {
    if (clientID !== undefined) this.doc.clientID = clientID;
    this.doc.on('update', (update: Uint8Array) => this.updates.push(update));
  }

  /**
   * Makes edit `i` (appends a word to the text, sometimes deletes from its start, sets map key
   * `key`) and returns the update it produced.
   */
  edit(i: number, key = `k${i}`): Uint8Array {
    const before = this.updates.length;
    this.doc.transact(() => {
      const text = this.doc.getText('t');
      text.insert(text.length, `w${i} `);
      if (i % 5 === 4) text.delete(0, Math.min(3, text.length));
      this.doc.getMap('m').set(key, i);
    }, 'test-editor');
    if (this.updates.length !== before + 1) throw new Error('an edit must produce exactly one update');
    return this.updates[before]!;
  }

  /** Makes edits `from` .. `from + count - 1` and returns their updates. */
  edits(from: number, count: number): Uint8Array[] {
    return Array.from({ length: count }, (_, k) => this.edit(from + k));
  }

  /** The editor's own content. */
  content(): TestContent {
    return contentOfDoc(this.doc);
  }
}

/** The content of a Y.Doc built the way the tests build documents. */
export function contentOfDoc(doc: Y.Doc): TestContent {
  return { text: doc.getText('t').toString(), map: doc.getMap('m').toJSON() };
}

/** Rebuilds a stored document (snapshot, then updates) in a fresh Y.Doc and returns its content. */
export function contentOf(stored: StoredDocument | null): TestContent {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return contentOfDoc(doc);
}
