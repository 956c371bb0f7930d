/**
 * Change notification for a whole document: one call per transaction naming the parts it
 * touched and whether it was local (this replica) or remote (an update applied from another).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is their only common supertype. */
import * as Y from 'yjs';
import type { DocSpec } from './doc-spec.ts';

export interface DocChange {
  /** Roots touched, by name. */
  readonly parts: ReadonlySet<string>;
  /** True when made on this replica, false when applied from an update. */
  readonly local: boolean;
  /** The transaction's origin (a PlanContext's origin, a provider, "import", ...). */
  readonly origin: unknown;
}

/** Calls `listener` after every transaction that changed a part of the document. Returns an unsubscribe function. */
export function observeDoc(doc: Y.Doc, spec: DocSpec, listener: (change: DocChange) => void): () => void {
  const roots = spec.roots.map((r) => [r.name, r.kind === 'list' ? doc.getArray(r.name) : doc.getMap(r.name)] as const);
  const onAfter = (tr: Y.Transaction): void => {
    const parts = new Set<string>();
    for (const [name, type] of roots) {
      for (const changed of tr.changedParentTypes.keys()) {
        if (isWithin(changed, type)) {
          parts.add(name);
          break;
        }
      }
    }
    if (parts.size > 0) listener({ parts, local: tr.local, origin: tr.origin });
  };
  doc.on('afterTransaction', onAfter);
  return () => doc.off('afterTransaction', onAfter);
}

function isWithin(type: Y.AbstractType<any>, root: Y.AbstractType<any>): boolean {
  let current: Y.AbstractType<any> | null = type;
  while (current) {
    if (current === root) return true;
    current = (current._item?.parent as Y.AbstractType<any> | undefined) ?? null;
  }
  return false;
}

/**
 * The names (keys of `doc.share`) of the roots under the types `transaction` changed, and
 * whether a changed type lay under a root that has no name there. Read it before anything reads
 * a root of the document: `getMap`/`getArray` can replace a root's object in `doc.share`.
 */
export function rootsTouched(transaction: Y.Transaction): { names: Set<string>; unnamed: boolean } {
  const byType = new Map<Y.AbstractType<any>, string>();
  for (const [name, type] of transaction.doc.share) byType.set(type, name);
  const names = new Set<string>();
  let unnamed = false;
  for (const type of transaction.changed.keys()) {
    let root: Y.AbstractType<any> = type;
    while (root._item !== null) root = root._item.parent as Y.AbstractType<any>;
    const name = byType.get(root);
    if (name === undefined) unnamed = true;
    else names.add(name);
  }
  return { names, unnamed };
}
