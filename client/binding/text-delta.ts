/**
 * Index arithmetic for binding a plain `<textarea>` to a Y.Text: the smallest change between a
 * textarea's old and new value (placed by the caret, so that typing "a" into "aa" inserts where
 * the person typed), and how a position moves through a Y.Text delta (a remote change), so the
 * local caret and selection stay on the same characters. Pure functions, no DOM.
 */

/** One Y.Text delta step, as `Y.YTextEvent.delta` lists them (attributes are not used by plain text). */
export type DeltaStep = { readonly retain?: number; readonly insert?: unknown; readonly delete?: number };

/** A replacement of `remove` characters at `index` by `insert`. */
export interface TextChange {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/**
 * The one replacement that turns `prev` into `next`, found around `caret` (the caret in `next`
 * after the edit): the common prefix never reaches past where the edit ended, so repeated
 * characters are inserted or deleted where the person typed. Undefined when nothing changed.
 */
export function changeBetween(prev: string, next: string, caret: number = next.length): TextChange | undefined {
  if (prev === next) return undefined;
  const grown = Math.max(0, next.length - prev.length);
  const prefixCap = Math.max(0, Math.min(caret - grown, prev.length, next.length));
  let start = 0;
  while (start < prefixCap && prev[start] === next[start]) start++;
  let end = 0;
  while (end < prev.length - start && end < next.length - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  return { index: start, remove: prev.length - start - end, insert: next.slice(start, next.length - end) };
}

/**
 * Where `position` lies after `delta` is applied. An insertion exactly at the position leaves it
 * before the inserted text unless `stickRight` (the end of a selection that should grow with it
 * is not wanted: a remote insertion at the caret never pushes the local caret).
 */
export function mapPosition(position: number, delta: readonly DeltaStep[], stickRight = false): number {
  let index = 0; // index in the old text
  let moved = position;
  for (const step of delta) {
    if (step.retain !== undefined) index += step.retain;
    else if (step.insert !== undefined) {
      const length = typeof step.insert === 'string' ? step.insert.length : 1;
      if (index < position || (stickRight && index === position)) moved += length;
    } else if (step.delete !== undefined) {
      if (index < position) moved -= Math.min(step.delete, position - index);
      index += step.delete;
    }
    if (index > position) break;
  }
  return moved;
}

/** A change made against an older text, moved through a delta applied since (both ends mapped). */
export function mapChange(change: TextChange, delta: readonly DeltaStep[]): TextChange {
  const start = mapPosition(change.index, delta);
  const end = Math.max(start, mapPosition(change.index + change.remove, delta));
  return { index: start, remove: end - start, insert: change.insert };
}
