/**
 * Document names the sync server accepts: `child:<id>` for a child's plan and
 * `child:<id>:restricted` for its restricted part. A child id is 1 to 64 letters, digits, `-`
 * or `_`; anything else (empty, very long, `../`, control characters, another prefix) is refused.
 */

/** Characters and length of a child id. */
export const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface DocumentName {
  readonly childId: string;
  readonly kind: 'plan' | 'restricted';
}

/** Reads a document name; undefined for any name the server does not serve. */
export function parseDocumentName(name: unknown): DocumentName | undefined {
  if (typeof name !== 'string' || name.length > 100) return undefined;
  const m = /^child:([^:]+)(:restricted)?$/.exec(name);
  if (!m || !CHILD_ID.test(m[1]!)) return undefined;
  return { childId: m[1]!, kind: m[2] ? 'restricted' : 'plan' };
}

/** The plan document's name of a child. */
export function planDocumentName(childId: string): string {
  return `child:${childId}`;
}

/** The restricted document's name of a child. */
export function restrictedDocumentName(childId: string): string {
  return `child:${childId}:restricted`;
}
