/**
 * The shape of a whole collaborative document: named roots, each a single record or a list of
 * records, plus a `meta` root written once when the document is made. The plan and its
 * restricted part (DESIGN decision 2) are two DocSpecs handled by the same code.
 */
import * as z from 'zod';
import { Id, Version } from './template/common.ts';
import type { RecordSpec } from './record-spec.ts';

export interface RootSpec {
  /** Name of the Yjs root type and of the key in the plain-JSON form. */
  readonly name: string;
  /** What people call this part of the plan. */
  readonly label: string;
  /** `record`: one record (a Y.Map); `list`: records added over time (a Y.Array), e.g. one per meeting. */
  readonly kind: 'record' | 'list';
  readonly record: RecordSpec;
}

export interface DocSpec {
  /** The document format, stored in meta and checked on import and validation. */
  readonly format: DocFormat;
  readonly roots: readonly RootSpec[];
}

export const DocFormat = z.enum(['permanence-plan', 'permanence-plan-restricted']);
export type DocFormat = z.infer<typeof DocFormat>;

/** Version of the document layout itself (not of the templates); bumped on incompatible change. */
export const SCHEMA_VERSION = 1;

/** A template a document was made from. */
export const TemplateRef = z.object({ id: Id, version: Version, kind: z.string().min(1) }).strict();
export type TemplateRef = z.infer<typeof TemplateRef>;

/** The `meta` root: set once, on the server, when the document is made. */
export const DocMeta = z
  .object({
    format: DocFormat,
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** The child this document belongs to. */
    childId: z.string().min(1).max(100),
    createdAt: z.iso.datetime(),
    createdBy: z.string().min(1).max(200),
    templates: z.array(TemplateRef),
  })
  .strict();
export type DocMeta = z.infer<typeof DocMeta>;

/** Name of the root holding {@link DocMeta}. */
export const META_ROOT = 'meta';

/** What people call the meta root (who made the plan, when, from which templates). */
export const META_LABEL = 'Plan information';

/** Looks up a root; throws for a name the spec does not have (a programmer error). */
export function rootOf(spec: DocSpec, name: string): RootSpec {
  const root = spec.roots.find((r) => r.name === name);
  if (!root) throw new RangeError(`no root "${name}" in a ${spec.format} document`);
  return root;
}
