/**
 * What the plans service needs of a Hocuspocus instance, as an interface so that plans/ never
 * imports collab/: the documents it holds loaded, and a direct connection through which a change
 * is applied like any client's edit (every extension sees it: checks, durable storage, audit and
 * index). Hocuspocus itself satisfies it.
 */
import * as Y from 'yjs';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { readStored, STORAGE_ORIGIN } from '../storage/documents/stored-document.ts';

/** A direct connection to one document: changes made in `transact` go through every extension. */
export interface PlanConnection {
  transact(change: (doc: Y.Doc) => void): Promise<void>;
  disconnect(): Promise<void>;
}

/** The part of Hocuspocus the plans service uses. */
export interface PlanHost {
  /** Documents loaded now, by name. */
  readonly documents: ReadonlyMap<string, Y.Doc>;
  /** Opens a direct connection whose `context` names who changes the document and why. */
  openDirectConnection(name: string, context: object): Promise<PlanConnection>;
}

/** Resolves when a document's changes so far are on disk (the durable storage extension's barrier). */
export type Durable = (name: string) => Promise<void> | undefined;

/** A copy of a stored or loaded document, for reading; undefined when it does not exist. */
export async function readDocument(host: PlanHost, log: DocumentLog, name: string): Promise<Y.Doc | undefined> {
  const loaded = host.documents.get(name);
  if (loaded) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(loaded), STORAGE_ORIGIN);
    return doc;
  }
  return readStored(log, name);
}

/**
 * Stores new documents through `host` (a direct connection each, so the durable storage
 * extension appends them and the audit records them like any edit) and waits until `durable`
 * says each is on disk. Throws when a name is taken.
 */
export async function storeNewDocuments(host: PlanHost, log: DocumentLog, docs: readonly (readonly [string, Y.Doc])[], context: object, durable: Durable): Promise<void> {
  for (const [name, doc] of docs) {
    if (await log.load(name)) throw new RangeError(`a document named ${name} already exists`);
    const connection = await host.openDirectConnection(name, context);
    try {
      await connection.transact((live) => Y.applyUpdate(live, Y.encodeStateAsUpdate(doc)));
      await durable(name);
    } finally {
      await connection.disconnect();
    }
  }
}
