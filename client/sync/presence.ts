/**
 * Who is in the open plan now, read from the plan provider's awareness (y-protocols), and which
 * field each is editing. The server rewrites every awareness state's `user` to the identity it
 * authenticated for that connection (`sync-server/collab/access-control.ts`), so a person's
 * name, role and organisation are read from `user` and nothing else a client sent is trusted:
 * a state without a server-set `user` is not shown, and the only thing a client says for itself
 * is the field it edits, `{ path, rowId }`, checked for shape and length.
 *
 * This device's own state carries only that field: set on focus, cleared on blur, never per
 * keystroke; the provider batches what it sends (`flushDelay`). See {@link PlanPresence}.
 */
import type { FieldPresence } from '../binding/presence-context.ts';
import { initialsOf } from '../binding/initials.ts';
import { presenceColours } from '../ui/tokens.ts';

/** The awareness of a plan's provider, as much of it as presence uses. */
export interface AwarenessLike {
  readonly clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
  setLocalState(state: Record<string, unknown> | null): void;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}

/** A field being edited: `data-field-path` of the field and, in a table, the row's id. */
export interface FieldAt {
  readonly path: string;
  readonly rowId?: string;
}

/** The signed-in person on this device, as the server's session reply gave it. */
export interface Self {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
  /** The person may read but not change the plan. */
  readonly readOnly?: boolean;
}

/** One person in the plan now (several tabs of one person are one entry). */
export interface PresentPerson {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
  /** A colour of this person's, the same on every device; never the only cue (see `initials`). */
  readonly colour: string;
  /** Up to two letters of the name, shown on the colour. */
  readonly initials: string;
  /** The person may read but not change the plan. */
  readonly readOnly: boolean;
  /** This is the person looking. */
  readonly self: boolean;
  /** The fields they are editing now (one per tab at most). */
  readonly editing: readonly FieldAt[];
}

/** The most people listed; beyond it the list says how many more. */
export const MAX_PEOPLE = 50;
/** Longest name, role or organisation shown. */
const MAX_TEXT = 120;
/** A field path: `<part>/<recordId>/<fieldId>`, word characters, `-`, `:` and `.` only. */
const PATH = /^[A-Za-z0-9_-]{1,40}\/[A-Za-z0-9_.:-]{1,100}\/[A-Za-z0-9_.:-]{1,100}$/;
const ROW_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The colour of a username (one of the tokens' `presenceColours`): the same on every device. */
export function colourOf(username: string): string {
  let hash = 0;
  for (const char of username) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return presenceColours[hash % presenceColours.length]!;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_TEXT) : undefined);

/**
 * The field an awareness state says its person edits, in the wire's shape (`model/wire/presence.ts`,
 * which the server keeps and nothing else: `field`, the path, and `row`, a table row's id), when
 * well formed; undefined otherwise.
 */
export function fieldOfState(state: Record<string, unknown> | null | undefined): FieldAt | undefined {
  if (!state) return undefined;
  const row = state['row'];
  return fieldOf({ path: state['field'], rowId: typeof row === 'string' ? row : undefined });
}

/** A field, when well formed; undefined otherwise. */
export function fieldOf(value: unknown): FieldAt | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { path, rowId } = value as { path?: unknown; rowId?: unknown };
  if (typeof path !== 'string' || !PATH.test(path)) return undefined;
  if (rowId === undefined || rowId === null) return { path };
  return typeof rowId === 'string' && ROW_ID.test(rowId) ? { path, rowId } : undefined;
}

/**
 * The people in `states` (awareness client id to state), this device's person first, then by
 * name; states without a server-set identity are left out. `selfId` is this device's awareness
 * client id, whose state has no server-set user (the server does not echo it): `self` names it.
 */
export function peopleOf(states: ReadonlyMap<number, Record<string, unknown>>, selfId: number, self: Self | undefined): PresentPerson[] {
  const byUser = new Map<string, { person: Omit<PresentPerson, 'editing'>; editing: FieldAt[] }>();
  for (const [clientId, state] of states) {
    let who: Self & { readOnly: boolean };
    if (clientId === selfId) {
      if (!self) continue;
      who = { ...self, readOnly: self.readOnly ?? false };
    } else {
      const user = state['user'];
      if (typeof user !== 'object' || user === null) continue;
      const u = user as Record<string, unknown>;
      const username = text(u['username']);
      const name = text(u['name']);
      if (!username || !name) continue;
      who = { username, name, role: text(u['role']) ?? '', organisation: text(u['organisation']) ?? '', readOnly: u['readOnly'] === true };
    }
    let entry = byUser.get(who.username);
    if (!entry) {
      const isSelf = who.username === self?.username;
      entry = {
        person: { username: who.username, name: who.name, role: who.role, organisation: who.organisation, readOnly: who.readOnly, self: isSelf, colour: colourOf(who.username), initials: initialsOf(who.name) },
        editing: [],
      };
      byUser.set(who.username, entry);
    }
    const field = who.readOnly ? undefined : fieldOfState(state);
    if (field && !entry.editing.some((f) => f.path === field.path && f.rowId === field.rowId)) entry.editing.push(field);
  }
  return [...byUser.values()]
    .map(({ person, editing }) => ({ ...person, editing }))
    .sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name, 'en-GB') : a.self ? -1 : 1));
}

/** Who else edits which field, as `presenceContext` gives it to fields. */
export function fieldPresenceOf(people: readonly PresentPerson[]): FieldPresence {
  return people
    .filter((p) => !p.self)
    .flatMap((p) => p.editing.map((f) => ({ path: f.path, ...(f.rowId === undefined ? {} : { rowId: f.rowId }), name: p.name, role: p.role, organisation: p.organisation, colour: p.colour })));
}

/**
 * The presence of one open plan: the people in it and what they edit, from the provider's
 * awareness, and this device's field. {@link focus} and {@link blur} are the only writes.
 */
export class PlanPresence {
  readonly #awareness: AwarenessLike;
  readonly #self: () => Self | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #onChange = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };

  constructor(awareness: AwarenessLike, self: () => Self | undefined) {
    this.#awareness = awareness;
    this.#self = self;
    awareness.on('change', this.#onChange);
    // Say "here" once: the awareness's first state has clock 0, which y-protocols never applies
    // for a client it does not know yet, so without a write of our own nobody would see this
    // person until the first renewal (15 s) or the first focus.
    if (fieldOfState(awareness.getLocalState()) === undefined) awareness.setLocalStateField('field', null);
  }

  /** The people in the plan now; see {@link peopleOf}. */
  people(): PresentPerson[] {
    return peopleOf(this.#awareness.getStates(), this.#awareness.clientID, this.#self());
  }

  /** This device's person is editing `field` (replaces the previous field). Ignored when malformed. */
  focus(field: FieldAt): void {
    const checked = fieldOf(field);
    if (!checked) return;
    const current = fieldOfState(this.#awareness.getLocalState());
    if (current?.path === checked.path && current.rowId === checked.rowId) return;
    this.#write(checked.path, checked.rowId ?? null);
  }

  /** This device's person left `field` (a blur of another field than the one held changes nothing). */
  blur(field?: FieldAt): void {
    const current = fieldOfState(this.#awareness.getLocalState());
    if (!current) return;
    if (field && (field.path !== current.path || (field.rowId ?? undefined) !== current.rowId)) return;
    this.#write(null, null);
  }

  /** This device's field and row, in one awareness update. */
  #write(field: string | null, row: string | null): void {
    this.#awareness.setLocalState({ ...(this.#awareness.getLocalState() ?? {}), field, row });
  }

  /** Calls `listener` after every change of anyone's presence. Returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following the awareness (the provider clears this device's state when it is destroyed). */
  destroy(): void {
    this.#listeners.clear();
    this.#awareness.off('change', this.#onChange);
  }
}
