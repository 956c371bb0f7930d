/**
 * Two Y.Docs wired together, standing in for two people's browsers in element tests: every
 * update of one is applied to the other at once (origin {@link WIRE}), until `pause()` (one side
 * offline), and `resume()` exchanges what each missed. Only tests import `testing/`.
 */
import * as Y from 'yjs';

/** The origin of updates applied from the other document. */
export const WIRE = Symbol('wire');

/** Two documents kept in step; see the file's comment. */
export interface WiredDocs {
  readonly a: Y.Doc;
  readonly b: Y.Doc;
  /** Stops exchanging updates (one side offline). */
  pause(): void;
  /** Exchanges what each side missed and keeps them in step again. */
  resume(): void;
}

/** Wires `b` (a new document holding `a`'s state unless given) to `a`. */
export function wireDocs(a: Y.Doc, b: Y.Doc = new Y.Doc()): WiredDocs {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), WIRE);
  let live = true;
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (live && origin !== WIRE) Y.applyUpdate(b, update, WIRE);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (live && origin !== WIRE) Y.applyUpdate(a, update, WIRE);
  });
  return {
    a,
    b,
    pause: () => {
      live = false;
    },
    resume: () => {
      live = true;
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), WIRE);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), WIRE);
    },
  };
}
