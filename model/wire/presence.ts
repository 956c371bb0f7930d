/**
 * What a client may say in its presence (awareness) state: where it is in the plan, nothing
 * else. The server keeps only these fields of a state a client sends, adds the identity it
 * authenticated (`user`: username, name, role, organisation, `readOnly`) and forwards it; any
 * other key, and any field too long or of the wrong type, is dropped.
 *
 * - `field`: the path of the field being looked at or edited, e.g. `ppm.decisions` (≤ 200 chars);
 * - `row`: the id of the table row it is in (≤ 100 chars);
 * - `color`: the colour the person's cursor is drawn in, `#rgb` or `#rrggbb` (inside `user`).
 */

/** The limits of a presence state's fields. */
export const PRESENCE_FIELD_LIMITS = { field: 200, row: 100 } as const;

/** The part of a presence state a client writes. */
export interface ClientPresence {
  field?: string;
  row?: string;
  user?: { color?: string };
}

const COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
// Letters, digits and the separators of a field path or row id: no control or markup characters.
const PATH = /^[\w.:/-]*$/;

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max && PATH.test(value) ? value : undefined;
}

/** The fields of `state` a client may send, each kept only when well formed. */
export function clientPresenceOf(state: unknown): ClientPresence {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return {};
  const s = state as Record<string, unknown>;
  const out: ClientPresence = {};
  const field = text(s.field, PRESENCE_FIELD_LIMITS.field);
  const row = text(s.row, PRESENCE_FIELD_LIMITS.row);
  if (field !== undefined) out.field = field;
  if (row !== undefined) out.row = row;
  const user = s.user;
  if (typeof user === 'object' && user !== null) {
    const color = (user as Record<string, unknown>).color;
    if (typeof color === 'string' && COLOR.test(color)) out.user = { color };
  }
  return out;
}
