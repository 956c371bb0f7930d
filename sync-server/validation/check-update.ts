/**
 * The check itself, run in a worker on the replica of one document: does a client's update
 * decode, is everything it needs already there, does it leave the meta alone, and does the
 * document still validate against its spec (DESIGN decision 6)? A refused update is rolled back
 * out of the replica, so the replica always equals the state the server would have.
 */
import * as Y from 'yjs';
import { DocMeta, META_ROOT, type DocSpec } from '../../model/doc-spec.ts';
import { RESTRICTED_SPEC } from '../../model/restricted-spec.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { rootsTouched } from '../../model/observe.ts';
import { validate } from '../../model/validate.ts';
import { PLAN_LIMITS, type DocumentName } from '../../model/wire/index.ts';
import type { Replica } from './replica.ts';
import { messageOf, OK, refuse, type UpdateVerdict } from './verdict.ts';
import { writerProblems, type WriterClaim } from './writer-check.ts';

/** Reason given for an update that refers to changes the server has not seen. */
export const MISSING_DEPENDENCIES = 'update depends on changes the server does not have';

/**
 * Checks `update` against the replica of the document `target` and keeps it in the replica only
 * when it is accepted. Plan specs come from `registry`, as named by the document's own meta.
 *
 * With `writer`, the register entries the update adds must be written as that person and not
 * dated in the future (`writer-check.ts`), checked first, before anything is applied.
 *
 * Only the roots the update touches are validated again, with the meta: the rest of the
 * document is unchanged since it was last accepted. An update to a document without meta (the
 * server makes every document, so this is a client restoring a document the server lost) must
 * bring a whole valid document, meta included, for the child the name says.
 */
export function checkUpdate(replica: Replica, target: DocumentName, update: Uint8Array, registry: TemplateRegistry, writer?: WriterClaim, maxDocumentBytes = PLAN_LIMITS.planBytes): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse('undecodable', `not a Yjs update: ${messageOf(error)}`);
  }
  if (writer) {
    const problems = writerProblems(decoded, writer, Y.decodeStateVector(Y.encodeStateVector(replica.doc)));
    if (problems.length > 0) return refuse('wrong-writer', 'the update writes values as someone other than the signed-in person, or with a time in the future', problems);
  }
  const hadMeta = hasContent(replica.doc, META_ROOT);
  let transaction: Y.Transaction;
  try {
    transaction = replica.tryApply(update);
  } catch (error) {
    return refuse('undecodable', `the update cannot be applied: ${messageOf(error)}`);
  }
  let verdict: UpdateVerdict;
  try {
    verdict = judge(replica.doc, target, decoded, transaction, hadMeta, registry);
  } catch (error) {
    verdict = refuse('invalid', `the document cannot be validated after this update: ${messageOf(error)}`);
  }
  if (verdict.ok && replica.boundWith(update) > maxDocumentBytes) {
    // The kept updates' total is about an upper bound of the encoded size (an update encodes at
    // least what it adds): only near the limit is the whole document encoded, and that encoding
    // then becomes the kept state, so the bound is tight again for the checks after it.
    const state = Y.encodeStateAsUpdate(replica.doc);
    if (state.length <= maxDocumentBytes) {
      replica.acceptAsState(state);
      return verdict;
    }
    verdict = refuse('over-limit', `the plan would be ${state.length} bytes; the most a plan may hold is ${maxDocumentBytes} bytes`);
  }
  if (verdict.ok) replica.accept(update);
  else replica.rollback();
  return verdict;
}

function judge(
  doc: Y.Doc,
  target: DocumentName,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  transaction: Y.Transaction,
  hadMeta: boolean,
  registry: TemplateRegistry,
): UpdateVerdict {
  const missing = missingDependencies(doc, decoded);
  if (missing.length > 0) return refuse('invalid', MISSING_DEPENDENCIES, missing);

  // Named before anything reads the document: reading a root can replace its object in `doc.share`.
  const roots = rootsTouched(transaction);
  if (hadMeta && roots.names.has(META_ROOT)) {
    return refuse('invalid', "the update changes the document's meta, which only the server writes", [
      `${META_ROOT}: written once when the document is made; clients may not change it`,
    ]);
  }

  const touched = hadMeta && !roots.unnamed ? roots.names : 'all';
  const meta = readMeta(doc);
  if (!meta.ok) return refuse('invalid', 'the document has no valid meta', meta.problems);
  if (!hadMeta && meta.meta.childId !== target.childId) {
    return refuse('invalid', 'the document is not for the child its name says', [
      `${META_ROOT}.childId: "${meta.meta.childId}" but the document is for child "${target.childId}"`,
    ]);
  }
  const spec = target.kind === 'restricted' ? RESTRICTED_SPEC : planSpecOf(meta.meta, registry);
  if (typeof spec === 'string') return refuse('invalid', 'the document names templates this server does not have', [`${META_ROOT}.templates: ${spec}`]);

  const problems = validate(doc, spec, touched === 'all' ? undefined : touched);
  if (problems.length === 0) return OK;
  const lines = problems.map((p) => `${p.path}: ${p.message}`);
  // Only a document that is otherwise valid is "full": a malformed one is refused as invalid.
  if (problems.every((p) => p.limit)) return refuse('over-limit', 'the change would take the plan past one of its size limits', lines);
  return refuse('invalid', `the document would not be a valid ${spec.format} document`, lines);
}

/** Whether the root `name` holds anything not deleted. */
function hasContent(doc: Y.Doc, name: string): boolean {
  const root = doc.share.get(name);
  if (!root) return false;
  for (const item of root._map.values()) if (!item.deleted) return true;
  for (let item = root._start; item !== null; item = item.right) if (!item.deleted) return true;
  return false;
}

/**
 * What of `decoded` is not in the document after applying it: Yjs keeps such structs and
 * deletions aside (pending) until what they depend on arrives, and a later update could then
 * complete them without their ever being checked.
 */
function missingDependencies(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): string[] {
  const missing = new Map<number, number>();
  const need = (client: number, end: number): void => {
    if (Y.getState(doc.store, client) < end) missing.set(client, Math.max(end, missing.get(client) ?? 0));
  };
  for (const struct of decoded.structs) if (!(struct instanceof Y.Skip)) need(struct.id.client, struct.id.clock + struct.length);
  for (const [client, deletes] of decoded.ds.clients) for (const d of deletes) need(client, d.clock + d.len);
  return [...missing].map(([client, end]) => `needs changes of writer ${client} up to ${end}; the server has them up to ${Y.getState(doc.store, client)}`);
}

type MetaResult = { ok: true; meta: DocMeta } | { ok: false; problems: string[] };

function readMeta(doc: Y.Doc): MetaResult {
  let raw: unknown;
  try {
    raw = doc.getMap(META_ROOT).toJSON();
  } catch {
    return { ok: false, problems: [`${META_ROOT}: is not a map`] };
  }
  const parsed = DocMeta.safeParse(raw);
  if (parsed.success) return { ok: true, meta: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${[META_ROOT, ...i.path].join('.')}: ${i.message}`) };
}

/** Plan specs per registry, by the templates a meta names; a string says why there is none. */
const planSpecs = new WeakMap<TemplateRegistry, Map<string, DocSpec | string>>();

function planSpecOf(meta: DocMeta, registry: TemplateRegistry): DocSpec | string {
  let specs = planSpecs.get(registry);
  if (!specs) planSpecs.set(registry, (specs = new Map<string, DocSpec | string>()));
  const key = JSON.stringify(meta.templates);
  let spec = specs.get(key);
  if (spec === undefined) {
    try {
      spec = registry.specFor(meta);
    } catch (error) {
      spec = messageOf(error);
    }
    specs.set(key, spec);
  }
  return spec;
}
