/**
 * The WebSocket front of the collaborative server at `/collab`: accepts upgrades with the `ws`
 * library and hands each socket to Hocuspocus, enforcing the limits that protect the process
 * from bad or hostile clients before Hocuspocus sees a byte:
 * - a size cap per message ({@link LIMITS.maxMessageBytes}, far below ws's 100 MiB default;
 *   larger frames close the socket with 1009);
 * - a rate cap per socket (messages and bytes per second, token buckets; close 4429);
 * - a cap on sockets that have not yet authenticated any document, each of which must
 *   authenticate within {@link LIMITS.authenticateWithinMs} (close 4408) and holds little memory;
 * - at most `maxSocketsPerPerson` authenticated sockets per account (default
 *   {@link LIMITS.socketsPerPerson}; further ones are closed with 4430 too-many-connections);
 * - presence frames larger than {@link PRESENCE_LIMITS.maxMessageBytes} are dropped before they
 *   are decoded (the rest of presence's limits are `presence.ts`'s).
 * Acknowledgements pass through the durability gate (`ack-gate.ts`).
 */
import type { Extension, Hocuspocus, connectedPayload, onConfigurePayload } from '@hocuspocus/server';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { gateAcknowledgements } from './ack-gate.ts';
import { PRESENCE_LIMITS } from './presence.ts';
import { TokenBucket } from './token-bucket.ts';
import { CLOSE } from '../../model/wire/index.ts';

/** The documented limits (see sync-server/README.md). */
export const LIMITS = {
  /** Largest WebSocket message accepted: 2 MiB. A whole plan is well under 1 MiB. */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Sustained messages per second per socket, with bursts up to twice that. */
  messagesPerSecond: 200,
  /** Sustained bytes per second per socket, with bursts up to twice that: 4 MiB/s. */
  bytesPerSecond: 4 * 1024 * 1024,
  /** Sockets open at once that have not authenticated any document. */
  maxUnauthenticated: 256,
  /** Time a socket has to authenticate its first document. */
  authenticateWithinMs: 10_000,
  /** Authenticated sockets open at once per account, unless configured (`MAX_SOCKETS_PER_PERSON`). */
  socketsPerPerson: 20,
} as const;

export interface SocketFront {
  /** Open sockets: all, and those not yet authenticated. */
  counts(): { open: number; unauthenticated: number };
  /**
   * Marks the socket of `request` (the `request` of Hocuspocus's `connected` hook) as having
   * authenticated a document, so it no longer counts against the anonymous cap or deadline.
   */
  authenticated(request: object): void;
  /**
   * Counts the socket of `request` as one of `username`'s, when it is not already: false, with
   * the socket closed (4430 too-many-connections), when they already hold the most allowed.
   * True for a request that is not one of this front's sockets (a direct connection).
   */
  admit(request: object, username: string): boolean;
  /** Stops accepting sockets and closes the open ones with `code`. */
  close(code?: number, reason?: string): void;
}

/** What the front needs: the durability barrier its acknowledgements wait on, and where to log. */
export interface SocketFrontConfig {
  readonly barrier: (document: string) => Promise<void> | undefined;
  readonly log?: (message: string, error?: unknown) => void;
  /** Authenticated sockets per account; default {@link LIMITS.socketsPerPerson}. */
  readonly maxSocketsPerPerson?: number;
}

/**
 * The `/collab` WebSocket endpoint, and the extension that tells it when a socket has
 * authenticated (its `connected` hook): create it first, give it to Hocuspocus among the
 * extensions, then {@link SocketFrontExtension.attach} it to the HTTP server.
 */
export class SocketFrontExtension implements Extension, SocketFront {
  readonly extensionName = 'socket-front';
  readonly #config: SocketFrontConfig;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes, perMessageDeflate: false });
  readonly #open = new Set<WebSocket>();
  readonly #anonymous = new Set<WebSocket>();
  readonly #byRequest = new WeakMap<object, WebSocket>();
  /** The authenticated sockets of each account, and the accounts each socket counts for. */
  readonly #byPerson = new Map<string, Set<WebSocket>>();
  readonly #people = new WeakMap<WebSocket, Set<string>>();
  #hocuspocus: Hocuspocus | undefined;
  #accepting = true;

  constructor(config: SocketFrontConfig) {
    this.#config = config;
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#hocuspocus = instance;
    await Promise.resolve();
  }

  /** A socket has authenticated a document: it no longer counts against the anonymous cap or deadline. */
  async connected({ request }: connectedPayload): Promise<void> {
    this.authenticated(request);
    await Promise.resolve();
  }

  /** Serves `/collab` upgrades of `server` (after Hocuspocus is configured with this extension). */
  attach(server: Server): this {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (!this.#accepting || path !== '/collab') {
        socket.end(`HTTP/1.1 ${this.#accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n`);
        return;
      }
      if (this.#anonymous.size >= LIMITS.maxUnauthenticated) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
    });
    return this;
  }

  counts(): { open: number; unauthenticated: number } {
    return { open: this.#open.size, unauthenticated: this.#anonymous.size };
  }

  authenticated(request: object): void {
    const ws = this.#byRequest.get(request);
    if (ws) this.#anonymous.delete(ws);
  }

  admit(request: object, username: string): boolean {
    const ws = this.#byRequest.get(request);
    if (!ws) return true;
    let people = this.#people.get(ws);
    if (people?.has(username)) return true;
    let sockets = this.#byPerson.get(username);
    const max = this.#config.maxSocketsPerPerson ?? LIMITS.socketsPerPerson;
    if ((sockets?.size ?? 0) >= max) {
      this.#config.log?.(`collab: closing a socket of ${username}, who already has ${max} open (the most allowed)`);
      ws.close(CLOSE.tooManyConnections.code, CLOSE.tooManyConnections.reason);
      return false;
    }
    if (!sockets) this.#byPerson.set(username, (sockets = new Set()));
    sockets.add(ws);
    if (!people) this.#people.set(ws, (people = new Set()));
    people.add(username);
    return true;
  }

  #forget(ws: WebSocket): void {
    for (const username of this.#people.get(ws) ?? []) {
      const sockets = this.#byPerson.get(username);
      sockets?.delete(ws);
      if (sockets?.size === 0) this.#byPerson.delete(username);
    }
    this.#people.delete(ws);
  }

  close(code = 1001, reason = 'server-shutting-down'): void {
    this.#accepting = false;
    for (const ws of this.#open) ws.close(code, reason);
    this.#wss.close();
  }

  #accept(ws: WebSocket, request: IncomingMessage): void {
    const hocuspocus = this.#hocuspocus;
    if (!hocuspocus) throw new Error('socket-front: attached before Hocuspocus was configured with it');
    const log = this.#config.log ?? (() => {});
    const { open, anonymous } = { open: this.#open, anonymous: this.#anonymous };
    open.add(ws);
    anonymous.add(ws);
    this.#byRequest.set(request, ws);
    const messages = new TokenBucket(LIMITS.messagesPerSecond);
    const bytes = new TokenBucket(LIMITS.bytesPerSecond);
    let warnedPresence = false;
    const gated = gateAcknowledgements(ws, this.#config.barrier);
    const client = hocuspocus.handleConnection(gated, request as unknown as Request);
    const deadline = setTimeout(() => {
      if (anonymous.has(ws)) ws.close(CLOSE.authTimeout.code, CLOSE.authTimeout.reason);
    }, LIMITS.authenticateWithinMs);
    deadline.unref();

    ws.on('message', (data: RawData) => {
      const chunk = toBytes(data);
      if (!messages.take(1) || !bytes.take(chunk.length)) {
        log(`collab: closing a socket over the rate cap (${LIMITS.messagesPerSecond} messages/s, ${LIMITS.bytesPerSecond} bytes/s)`);
        ws.close(CLOSE.rateLimited.code, CLOSE.rateLimited.reason);
        return;
      }
      if (chunk.length > PRESENCE_LIMITS.maxMessageBytes && isPresence(chunk)) {
        if (!warnedPresence) log(`collab: dropping presence frames over ${PRESENCE_LIMITS.maxMessageBytes} bytes from a socket (logged once per socket)`);
        warnedPresence = true;
        return;
      }
      client.handleMessage(chunk);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(deadline);
      open.delete(ws);
      anonymous.delete(ws);
      this.#forget(ws);
      client.handleClose({ code, reason: reason.toString() });
    });
    ws.on('error', (error) => {
      log('collab: socket error', error);
    });
  }
}

/** Hocuspocus's message type of presence (awareness) updates. */
const AWARENESS_MESSAGE = 1;

/**
 * Whether a Hocuspocus message is a presence update: it starts with the document name (a
 * lib0 varString: varUint length, then the bytes) and the message type (a varUint).
 */
export function isPresence(message: Uint8Array): boolean {
  const read = (at: number): [value: number, next: number] | undefined => {
    let value = 0;
    for (let shift = 0, i = at; i < message.length && shift < 35; shift += 7, i++) {
      const byte = message[i]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return [value, i + 1];
    }
    return undefined;
  };
  const name = read(0);
  if (!name) return false;
  const type = read(name[1] + name[0]);
  return type?.[0] === AWARENESS_MESSAGE;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
