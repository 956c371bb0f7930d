/**
 * Several server instances sharing documents through Redis (REDIS_URL): the Hocuspocus Redis
 * extension with its connection read from the URL, connection losses logged once per outage,
 * and open documents caught up with the other instances when Redis is back.
 */
import { Redis as RedisExtension, type Configuration as RedisConfiguration } from '@hocuspocus/extension-redis';
import type { Document, Hocuspocus } from '@hocuspocus/server';

/**
 * The Redis extension's connection settings from REDIS_URL: host and port, user name and
 * password (percent-decoded), database number from the path and TLS for `rediss://`.
 */
export function redisConnection(redisUrl: string): Pick<RedisConfiguration, 'host' | 'port' | 'options'> {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.slice(1) || '0');
  const options: { username?: string; password?: string; db?: number; tls?: object } = {};
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (Number.isInteger(db) && db > 0) options.db = db;
  if (url.protocol === 'rediss:') options.tls = {};
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379), options };
}

/**
 * The Redis extension for REDIS_URL, its connection failures logged once per outage (ioredis
 * would otherwise print an "Unhandled error event" on every reconnection attempt). While Redis
 * is away, each instance keeps serving and storing its own clients' edits. When the subscriber
 * is back (its subscriptions restored), every open document announces its state to the other
 * instances as it does after a change (the extension's `onChange`: a sync step 1, answered with
 * what it missed), so a document nobody edits after the outage does not stay stale.
 */
export function sharedThroughRedis(redisUrl: string, say: (message: string, error?: unknown) => void): RedisExtension {
  const redis = new RedisExtension(redisConnection(redisUrl));

  let down = false;
  // ioredis's own types do not resolve through the extension's declarations: use what we need.
  type Emitter = { on(event: string, listener: (error?: unknown) => void): void };
  const [pub, sub] = [redis.pub, redis.sub] as unknown as Emitter[];
  for (const client of [pub!, sub!]) {
    client.on('error', (error: unknown) => {
      if (!down) say('redis: connection lost; documents are not shared with other instances until it is back (retrying)', error);
      down = true;
    });
  }
  sub!.on('ready', () => {
    if (!down) return;
    down = false;
    say(`redis: connected again; catching up ${redis.instance?.getDocumentsCount() ?? 0} open document(s) with the other instances`);
    catchUpAsPeersReturn(redis, say);
  });
  return redis;
}

/** How long after Redis is back this instance watches for the other instances to subscribe again (ms). */
const CATCH_UP_WINDOW_MS = 15_000;
/** How often it looks, in that window (ms). */
const CATCH_UP_POLL_MS = 250;

/**
 * Catches up every open document with the other instances after an outage. Publish/subscribe
 * reaches only those already subscribed, and each instance's subscriber comes back on its own
 * reconnection schedule (ioredis waits up to 2 s between attempts, and says "ready" before it has
 * resubscribed), so one announcement at "ready" can reach nobody. Instead, for a while after
 * Redis is back, each open document is announced whenever its channel has more subscribers than
 * when it was last announced (`PUBSUB NUMSUB`): once when this instance is subscribed again, and
 * again as each other instance returns. Every instance does the same, so each hears the others.
 */
function catchUpAsPeersReturn(redis: RedisExtension, say: (message: string, error?: unknown) => void): void {
  // The extension keeps the instance it was configured with (onConfigure).
  const instance = redis.instance as Hocuspocus | undefined;
  if (!instance) return;
  // ioredis's own types do not resolve through the extension's declarations: name what is used.
  const pub = redis.pub as unknown as { pubsub(command: 'NUMSUB', channel: string): Promise<unknown[]> };
  const announcedAt = new Map<string, number>();
  const until = Date.now() + CATCH_UP_WINDOW_MS;
  const round = async (): Promise<void> => {
    for (const document of instance.documents.values()) {
      const reply = await pub.pubsub('NUMSUB', `${redis.configuration.prefix}:${document.name}`).catch(() => undefined);
      const subscribers = Number(reply?.[1] ?? 0);
      if (subscribers <= (announcedAt.get(document.name) ?? 0)) continue;
      announcedAt.set(document.name, subscribers);
      await announceState(redis, instance, document).catch((error: unknown) => say(`redis: could not catch up ${document.name}`, error));
    }
  };
  const next = (): void => {
    void round().finally(() => {
      if (Date.now() < until) setTimeout(next, CATCH_UP_POLL_MS).unref();
    });
  };
  next();
}

/**
 * Has the extension announce `document`'s state to the other instances as it does after a local
 * change (a sync step 1, which they answer with what this one missed). The extension offers no
 * public call for it but `onChange`, which reads only the name, the document and the origin.
 */
function announceState(redis: RedisExtension, instance: Hocuspocus, document: Document): Promise<unknown> {
  return redis.onChange({
    instance,
    clientsCount: document.getConnectionsCount(),
    context: {},
    document,
    documentName: document.name,
    requestHeaders: new Headers(),
    requestParameters: new URLSearchParams(),
    update: new Uint8Array(),
    socketId: '',
    transactionOrigin: { source: 'local' },
  });
}
