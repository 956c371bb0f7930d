/**
 * What every write to a plan needs from outside the model: who is writing, the clock and an id
 * source. Passing them in keeps the model deterministic in tests and lets the server supply
 * the authenticated identity.
 */
export interface PlanContext {
  /**
   * Who makes the change: a register entry's `by`. On a client, the signed-in username (the
   * server refuses an update whose new entries name anyone else: the audit's identity); on the
   * server, the username or name of the server's own writer.
   */
  readonly actor: string;
  /** The current time. */
  readonly now: () => Date;
  /** A new id, unique across every replica (e.g. crypto.randomUUID). */
  readonly newId: () => string;
  /** Transaction origin, so observers can tell this writer's changes apart. Defaults to the context itself. */
  readonly origin?: unknown;
}

/** A context for an interactive session: the real clock and random UUIDs. */
export function liveContext(actor: string, origin?: unknown): PlanContext {
  return { actor, now: () => new Date(), newId: () => webCrypto().randomUUID(), origin };
}

/**
 * A deterministic context for tests and generated data: a fixed clock that ticks one second
 * per call and ids `${prefix}-1`, `${prefix}-2`, ... The prefix must differ between replicas.
 */
export function fixedContext(actor: string, prefix: string, start = new Date('2026-01-05T09:00:00Z')): PlanContext {
  let tick = 0;
  let id = 0;
  return {
    actor,
    now: () => new Date(start.getTime() + 1000 * tick++),
    newId: () => `${prefix}-${++id}`,
  };
}

/**
 * The Web Crypto object both browsers and Node provide as `globalThis.crypto`. The model is
 * type-checked without DOM or Node types (model/tsconfig.json), so it names only what it uses.
 */
function webCrypto(): { randomUUID(): string } {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
}
