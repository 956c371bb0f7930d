/**
 * Binds one `<textarea>` to one Y.Text, both ways, without Lit re-rendering anything:
 *
 * - **Local input** becomes the one smallest replacement around the caret (`changeBetween`),
 *   written in a transaction whose origin is this binding.
 * - **Remote changes** (any transaction of another origin: another person, this person's undo)
 *   are written into the textarea's value directly, and its selection is moved through the
 *   change's delta so the caret stays on the same character.
 * - **IME composition**: between `compositionstart` and `compositionend` nothing is written
 *   either way; remote deltas are kept, and at `compositionend` the composed text is moved
 *   through them and written, then the textarea shows the merged text.
 * - **Undo**: one `Y.UndoManager` for this field tracking only this binding's origin, so
 *   Ctrl+Z (⌘Z) undoes this person's edits in this field only; Ctrl+Shift+Z and Ctrl+Y redo.
 *
 * Invariant outside composition: `textarea.value === shown === text.toString()`.
 * {@link TextBinding.destroy} removes every listener and the undo manager.
 */
import * as Y from 'yjs';
import { changeBetween, mapChange, mapPosition, type DeltaStep, type TextChange } from './text-delta.ts';

/** Consecutive keystrokes within this many milliseconds undo as one step. */
export const UNDO_CAPTURE_MS = 600;

/** A live two-way binding of a textarea to a Y.Text; see the file's comment. */
export class TextBinding {
  readonly text: Y.Text;
  readonly textarea: HTMLTextAreaElement;
  readonly undo: Y.UndoManager;
  /** The text the textarea showed when last in step with the Y.Text. */
  #shown: string;
  #composing = false;
  /** Remote deltas received while composing, in order, relative to `#shown`. */
  #held: DeltaStep[][] = [];
  readonly #stop: (() => void)[] = [];

  constructor(text: Y.Text, textarea: HTMLTextAreaElement) {
    this.text = text;
    this.textarea = textarea;
    this.undo = new Y.UndoManager(text, { trackedOrigins: new Set([this]), captureTimeout: UNDO_CAPTURE_MS });
    this.#shown = text.toString();
    textarea.value = this.#shown;
    const observer = (event: Y.YTextEvent, tr: Y.Transaction): void => {
      if (tr.origin !== this) this.#remote(event.delta);
    };
    text.observe(observer);
    this.#stop.push(() => text.unobserve(observer));
    this.#listen('input', (e) => {
      if (!this.#composing && !(e as InputEvent).isComposing) this.#local();
    });
    this.#listen('compositionstart', () => {
      this.#composing = true;
    });
    this.#listen('compositionend', () => {
      this.#composing = false;
      this.#local();
    });
    this.#listen('keydown', (e) => this.#key(e as KeyboardEvent));
  }

  /** Whether an IME composition is under way (remote changes are being held). */
  get composing(): boolean {
    return this.#composing;
  }

  /** Stops the binding: listeners, the observer and the undo manager. */
  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
    this.undo.destroy();
  }

  #listen(type: string, handler: (e: Event) => void): void {
    this.textarea.addEventListener(type, handler);
    this.#stop.push(() => this.textarea.removeEventListener(type, handler));
  }

  /** Writes the textarea's change since `#shown`, moved through any held remote deltas. */
  #local(): void {
    const ta = this.textarea;
    const change = changeBetween(this.#shown, ta.value, ta.selectionEnd);
    const held = this.#held.splice(0);
    if (!change) {
      if (held.length > 0) this.#show(held, undefined);
      return;
    }
    let moved: TextChange = change;
    for (const delta of held) moved = mapChange(moved, delta);
    const doc = this.text.doc;
    const apply = (): void => {
      if (moved.remove > 0) this.text.delete(moved.index, moved.remove);
      if (moved.insert) this.text.insert(moved.index, moved.insert);
    };
    if (doc) doc.transact(apply, this);
    else apply();
    if (held.length === 0) this.#shown = ta.value;
    else this.#show([], moved.index + moved.insert.length);
  }

  /** A change from elsewhere: shown at once, or held while composing. */
  #remote(delta: DeltaStep[]): void {
    if (this.#composing) {
      this.#held.push(delta);
      return;
    }
    this.#show([delta], undefined);
  }

  /**
   * Shows the Y.Text's current content, moving the selection through `deltas`, or putting a
   * collapsed caret at `caret` when given.
   */
  #show(deltas: readonly DeltaStep[][], caret: number | undefined): void {
    const ta = this.textarea;
    let start = ta.selectionStart;
    let end = ta.selectionEnd;
    const direction = ta.selectionDirection;
    for (const delta of deltas) {
      start = mapPosition(start, delta);
      end = Math.max(start, mapPosition(end, delta));
    }
    if (caret !== undefined) start = end = caret;
    this.#shown = this.text.toString();
    if (ta.value !== this.#shown) ta.value = this.#shown;
    ta.setSelectionRange(start, end, direction ?? undefined);
  }

  #key(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      this.undo.undo();
    } else if ((key === 'z' && e.shiftKey) || key === 'y') {
      e.preventDefault();
      this.undo.redo();
    }
  }
}
