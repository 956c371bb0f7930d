/**
 * A ReactiveController that re-renders its host (or calls a callback of its own) when chosen
 * parts of a Yjs document change, whether the change is local or arrives from another replica.
 * It follows the host to a new document when the host's document changes. The base of every
 * binding between the UI and the document: it reads only the model (`observeDoc`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { DocSpec } from '../../model/doc-spec.ts';
import { observeDoc } from '../../model/observe.ts';

/** Re-renders (or calls back) on changes to chosen parts of the followed document. */
export class DocChangesController implements ReactiveController {
  readonly #source: () => { doc: Y.Doc; spec: DocSpec } | undefined;
  readonly #parts: (() => readonly string[]) | undefined;
  readonly #onChange: () => void;
  #doc: Y.Doc | undefined;
  #stop: (() => void) | undefined;

  /**
   * @param source returns the document to follow (or undefined when none is open yet)
   * @param parts root names to watch (or a function giving them, read at each change); all parts when omitted
   * @param onChange called after each change to a watched part; asks the host to update when omitted
   */
  constructor(
    host: ReactiveControllerHost,
    source: () => { doc: Y.Doc; spec: DocSpec } | undefined,
    parts?: readonly string[] | (() => readonly string[]),
    onChange: () => void = () => host.requestUpdate(),
  ) {
    this.#source = source;
    this.#parts = typeof parts === 'function' ? parts : parts ? () => parts : undefined;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#doc = undefined;
  }

  #follow(): void {
    const source = this.#source();
    if (source?.doc === this.#doc) return;
    this.#stop?.();
    this.#doc = source?.doc;
    this.#stop = source
      ? observeDoc(source.doc, source.spec, (change) => {
          const watched = this.#parts?.();
          if (!watched || [...change.parts].some((p) => watched.includes(p))) this.#onChange();
        })
      : undefined;
  }
}
