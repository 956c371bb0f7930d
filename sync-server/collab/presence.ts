/**
 * Presence (awareness) as the server lets it through, whatever a connection sends, for readers
 * and editors alike (presence is not a change to the plan, so a read grant may send it):
 * - one awareness client id per connection: the first it uses that no other connection holds;
 *   states for any other id are dropped, so no one can speak for another's id nor announce
 *   thousands of them;
 * - a state of at most {@link PRESENCE_LIMITS.maxStateBytes} as JSON, else dropped;
 * - at most {@link PRESENCE_LIMITS.updatesPerSecond} presence updates a second per connection
 *   (bursts of {@link PRESENCE_LIMITS.burst}); the rest are dropped;
 * - of a state only what `model/wire/presence.ts` allows (`field`, `row`, `user.color`) is kept,
 *   and `user` carries the identity the server authenticated (DESIGN decision 3).
 * What is dropped is dropped silently for the sender (it is not closed: a read-only person keeps
 * reading) and logged once per connection. Presence frames too large to be one state are
 * dropped earlier, before they are decoded (`socket-front.ts`).
 */
import type { Connection, Extension, beforeHandleAwarenessPayload, onDisconnectPayload } from '@hocuspocus/server';
import { clientPresenceOf } from '../../model/wire/index.ts';
import type { AccessContext } from './access-control.ts';
import { TokenBucket } from './token-bucket.ts';

/** The documented presence limits (docs/limits.md). */
export const PRESENCE_LIMITS = {
  /** Largest presence state accepted, as JSON: 2 KiB. A real one is under 300 bytes. */
  maxStateBytes: 2 * 1024,
  /** Presence updates a second per connection, sustained. */
  updatesPerSecond: 20,
  /** Presence updates a connection may send at once. */
  burst: 40,
  /** Largest presence frame decoded at all (`socket-front.ts` drops larger ones): 8 KiB. */
  maxMessageBytes: 8 * 1024,
} as const;

interface ConnectionPresence {
  clientId: number | undefined;
  readonly rate: TokenBucket;
  warned: boolean;
}

export interface PresenceOptions {
  readonly log?: (message: string) => void;
}

export class Presence implements Extension {
  readonly extensionName = 'presence';
  /** After access control (1000), which sets the context, and before everything else. */
  readonly priority = 900;
  readonly #options: PresenceOptions;
  readonly #connections = new WeakMap<Connection, ConnectionPresence>();
  /** The awareness client id each socket holds, per document. */
  readonly #owners = new Map<string, Map<number, string>>();

  constructor(options: PresenceOptions = {}) {
    this.#options = options;
  }

  async onDisconnect({ socketId, documentName }: onDisconnectPayload): Promise<void> {
    const owners = this.#owners.get(documentName);
    if (owners) {
      for (const [id, owner] of owners) if (owner === socketId) owners.delete(id);
      if (owners.size === 0) this.#owners.delete(documentName);
    }
    await Promise.resolve();
  }

  /** Applies the limits to one inbound presence update (see the module comment). */
  async beforeHandleAwareness(data: beforeHandleAwarenessPayload<AccessContext>): Promise<void> {
    const { context, connection, states, socketId, documentName } = data;
    // Presence the server itself applies (no connection: Redis, direct connections) is trusted.
    if (!connection) return;
    if (!context?.user) {
      states.clear();
      return;
    }
    dropScratchState(states);
    if (states.size === 0) return;
    let mine = this.#connections.get(connection);
    if (!mine) this.#connections.set(connection, (mine = { clientId: undefined, rate: new TokenBucket(PRESENCE_LIMITS.updatesPerSecond, PRESENCE_LIMITS.burst), warned: false }));
    if (!mine.rate.take(1)) {
      this.#drop(mine, states, [...states.keys()], `more than ${PRESENCE_LIMITS.updatesPerSecond} presence updates a second`, context);
      return;
    }
    let owners = this.#owners.get(documentName);
    if (!owners) this.#owners.set(documentName, (owners = new Map<number, string>()));
    const dropped: number[] = [];
    let why = '';
    for (const [clientId, state] of states) {
      if (mine.clientId === undefined) {
        const owner = owners.get(clientId);
        if (owner === undefined || owner === socketId) {
          mine.clientId = clientId;
          owners.set(clientId, socketId);
        }
      }
      if (clientId !== mine.clientId) {
        dropped.push(clientId);
        why = 'presence for an awareness client id that is not its own';
        continue;
      }
      if (state === null) continue;
      if (Buffer.byteLength(JSON.stringify(state), 'utf8') > PRESENCE_LIMITS.maxStateBytes) {
        dropped.push(clientId);
        why = `a presence state over ${PRESENCE_LIMITS.maxStateBytes} bytes`;
        continue;
      }
      const own = clientPresenceOf(state);
      states.set(clientId, { ...own, user: { ...own.user, ...context.user, readOnly: context.level === 'read' } });
    }
    if (dropped.length > 0) this.#drop(mine, states, dropped, why, context);
    await Promise.resolve();
  }

  #drop(mine: ConnectionPresence, states: Map<number, unknown>, ids: readonly number[], why: string, context: AccessContext): void {
    for (const id of ids) states.delete(id);
    if (mine.warned) return;
    mine.warned = true;
    this.#options.log?.(`presence: dropping ${why} from ${context.user.username} on child ${context.childId} (logged once per connection)`);
  }
}

/**
 * Hocuspocus decodes an inbound update into a scratch `Awareness`, whose constructor gives its
 * own (random) client id the state `{}` before the update is applied, and re-encodes every state
 * of it: so the first entry, `{}`, is not the sender's but would be forwarded to everyone under
 * a new id each time. It is removed here (y-protocols `Awareness` constructor, Hocuspocus 4
 * `MessageReceiver`).
 */
function dropScratchState(states: Map<number, unknown>): void {
  const first = states.entries().next();
  if (first.done) return;
  const [id, state] = first.value;
  if (typeof state === 'object' && state !== null && Object.keys(state).length === 0) states.delete(id);
}
