/**
 * Names of the collaborative documents, as client and server both write and read them:
 * `child:<id>` for a child's plan and `child:<id>:restricted` for its restricted part (DESIGN
 * decision 2: one document per confidentiality boundary). A child id is 1 to 64 letters,
 * digits, `-` or `_`; anything else (empty, very long, `../`, control characters, another
 * prefix) is not a document name.
 */

/** Characters and length of a child id. */
export const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Which of a child's two documents a name is. */
export type DocumentKind = 'plan' | 'restricted';

export interface DocumentName {
  readonly childId: string;
  readonly kind: DocumentKind;
}

/** Whether a string is a well-formed child id. */
export function isChildId(value: unknown): value is string {
  return typeof value === 'string' && CHILD_ID.test(value);
}

/** Reads a document name; undefined for any name that is not one of a child's documents. */
export function parseDocumentName(name: unknown): DocumentName | undefined {
  if (typeof name !== 'string' || name.length > 100) return undefined;
  const m = /^child:([^:]+)(:restricted)?$/.exec(name);
  if (!m || !isChildId(m[1])) return undefined;
  return { childId: m[1], kind: m[2] ? 'restricted' : 'plan' };
}

/** The name of one of a child's documents. */
export function documentName(childId: string, kind: DocumentKind = 'plan'): string {
  return kind === 'plan' ? `child:${childId}` : `child:${childId}:restricted`;
}

/** The plan document's name of a child. */
export function planDocumentName(childId: string): string {
  return documentName(childId, 'plan');
}

/** The restricted document's name of a child. */
export function restrictedDocumentName(childId: string): string {
  return documentName(childId, 'restricted');
}
