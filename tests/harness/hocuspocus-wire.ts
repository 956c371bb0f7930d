/**
 * The Hocuspocus 4 wire protocol spoken by hand over a raw `ws` WebSocket, for tests that must send
 * what no well-behaved provider sends (truncated or mutated updates, forged presence, floods) or
 * see every byte the server sends. Messages are built with lib0 encoding as the provider builds
 * them (node_modules/@hocuspocus/provider/src/OutgoingMessages): each starts with the document
 * name (varString) and the message type (varUint).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** Hocuspocus message types (MessageType in @hocuspocus/server). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncReply: 4, stateless: 5, close: 7, syncStatus: 8 } as const;
/** y-protocols sync message types. */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;
/** Auth sub-types (AuthMessageType in @hocuspocus/common). */
export const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

function message(document: string, type: number, body: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, document);
  encoding.writeVarUint(e, type);
  body(e);
  return encoding.toUint8Array(e);
}

/** Auth message carrying `token` (what the provider sends first for each document). */
export function authMessage(document: string, token: string): Uint8Array {
  return message(document, MESSAGE.auth, (e) => {
    encoding.writeVarUint(e, AUTH.token);
    encoding.writeVarString(e, token);
    encoding.writeVarString(e, '4.8.0');
  });
}

/** Sync step 1: the state vector of `doc`; the server answers with what `doc` lacks. */
export function syncStep1Message(document: string, doc: Y.Doc): Uint8Array {
  return message(document, MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** Sync step 2: `update`, what the other side lacks (the answer to its step 1). */
export function syncStep2Message(document: string, update: Uint8Array): Uint8Array {
  return message(document, MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An update message (sync type 2) carrying `update` as it is, well formed or not. */
export function updateMessage(document: string, update: Uint8Array): Uint8Array {
  return message(document, MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A presence state of one awareness client id. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The state (null: the client left). */
  readonly state: Record<string, unknown> | null;
}

/** An awareness update, encoded as y-protocols encodes one. */
export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/** Reads an awareness update. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  for (let n = decoding.readVarUint(d); n > 0; n--) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(d)) as Record<string, unknown> | null });
  }
  return entries;
}

/** An awareness message carrying `entries`. */
export function awarenessMessage(document: string, entries: readonly AwarenessEntry[]): Uint8Array {
  return message(document, MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, encodeAwareness(entries)));
}

/** A message asking for everyone's presence. */
export function queryAwarenessMessage(document: string): Uint8Array {
  return message(document, MESSAGE.queryAwareness, () => undefined);
}

/** A document name without the session suffix a session-aware provider adds (`name\0session`). */
export function plainName(address: string): string {
  const sep = address.indexOf('\0');
  return sep === -1 ? address : address.slice(0, sep);
}

/** A message from the server, decoded as far as this harness needs. */
export type Incoming =
  | { readonly kind: 'authenticated'; readonly document: string; readonly scope: string }
  | { readonly kind: 'permission-denied'; readonly document: string; readonly reason: string }
  | { readonly kind: 'sync'; readonly document: string; readonly step: number; readonly payload: Uint8Array }
  | { readonly kind: 'awareness'; readonly document: string; readonly entries: AwarenessEntry[] }
  | { readonly kind: 'sync-status'; readonly document: string; readonly saved: boolean }
  | { readonly kind: 'close'; readonly document: string; readonly reason: string }
  | { readonly kind: 'other'; readonly document: string; readonly type: number };

/** Decodes one server message; throws on bytes that are not one. */
export function decodeMessage(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const document = plainName(decoding.readVarString(d));
  const type = decoding.readVarUint(d);
  switch (type) {
    case MESSAGE.auth: {
      const sub = decoding.readVarUint(d);
      if (sub === AUTH.authenticated) return { kind: 'authenticated', document, scope: decoding.readVarString(d) };
      if (sub === AUTH.permissionDenied) return { kind: 'permission-denied', document, reason: decoding.readVarString(d) };
      return { kind: 'other', document, type };
    }
    case MESSAGE.sync:
    case MESSAGE.syncReply:
      return { kind: 'sync', document, step: decoding.readVarUint(d), payload: decoding.readVarUint8Array(d) };
    case MESSAGE.awareness:
      return { kind: 'awareness', document, entries: decodeAwareness(decoding.readVarUint8Array(d)) };
    case MESSAGE.syncStatus:
      return { kind: 'sync-status', document, saved: decoding.readVarInt(d) === 1 };
    case MESSAGE.close:
      return { kind: 'close', document, reason: decoding.readVarString(d) };
    default:
      return { kind: 'other', document, type };
  }
}

/** How a WebSocket ended. */
export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/**
 * A raw WebSocket to the server's `/collab` that records every frame it receives, decodes the
 * messages, and keeps a Y.Doc per synced document up to date from what the server sends.
 */
export class WireClient {
  readonly ws: WebSocket;
  /** Every frame received, as sent. */
  readonly frames: Uint8Array[] = [];
  /** Every message received, decoded (frames that do not decode are left out). */
  readonly messages: Incoming[] = [];
  /** Local copies of the documents synced with {@link sync}, by plain name. */
  readonly docs = new Map<string, Y.Doc>();
  closed: Closed | undefined;
  readonly #closedPromise: Promise<Closed>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.#closedPromise = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve(this.closed);
      });
    });
    ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data);
      this.frames.push(frame);
      let decoded: Incoming;
      try {
        decoded = decodeMessage(frame);
      } catch {
        return;
      }
      this.messages.push(decoded);
      const doc = this.docs.get(decoded.document);
      if (doc && decoded.kind === 'sync' && decoded.step !== SYNC.step1) Y.applyUpdate(doc, decoded.payload, 'server');
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket; rejects with the HTTP status when the server refuses the upgrade. */
  static open(wsUrl: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { maxPayload: 64 * 1024 * 1024 });
      ws.once('open', () => resolve(new WireClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        reject(new RefusedUpgrade(res.statusCode ?? 0));
        res.resume();
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  /** Sends raw bytes (if the socket is still open). */
  send(data: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /** Authenticates `document` with `token`: resolves the scope, or rejects with the server's reason. */
  async authenticate(document: string, token: string, timeoutMs = 10_000): Promise<string> {
    const from = this.messages.length;
    const plain = plainName(document);
    this.send(authMessage(document, token));
    const answer = await this.waitForMessage((m) => (m.kind === 'authenticated' || m.kind === 'permission-denied') && m.document === plain, from, timeoutMs);
    if (answer.kind === 'permission-denied') throw new Error(`permission denied: ${answer.reason}`);
    return answer.kind === 'authenticated' ? answer.scope : '';
  }

  /** Syncs `document` into a local Y.Doc (kept up to date afterwards) and returns it. */
  async sync(document: string, timeoutMs = 10_000): Promise<Y.Doc> {
    const doc = this.docs.get(plainName(document)) ?? new Y.Doc();
    this.docs.set(plainName(document), doc);
    const from = this.messages.length;
    this.send(syncStep1Message(document, doc));
    await this.waitForMessage((m) => m.kind === 'sync' && m.step === SYNC.step2 && m.document === plainName(document), from, timeoutMs);
    return doc;
  }

  /** Resolves the first message from index `from` on that passes `test`. */
  async waitForMessage(test: (m: Incoming) => boolean, from = 0, timeoutMs = 10_000): Promise<Incoming> {
    const started = Date.now();
    for (;;) {
      const found = this.messages.slice(from).find(test);
      if (found) return found;
      if (this.closed) throw new Error(`the socket closed (${this.closed.code} ${this.closed.reason}) before the message came`);
      if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for a message');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves how the socket closed; rejects when it is still open after `timeoutMs`. */
  waitForClose(timeoutMs = 10_000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the socket was still open after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.#closedPromise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Whether any frame received contains `text` (UTF-8). */
  received(text: string): boolean {
    const needle = Buffer.from(text, 'utf8');
    return this.frames.some((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(needle));
  }

  /** Closes the socket without waiting. */
  terminate(): void {
    this.ws.terminate();
  }
}

/** The server answered the WebSocket upgrade with an HTTP error instead. */
export class RefusedUpgrade extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`the server refused the WebSocket with HTTP ${status}`);
    this.status = status;
  }
}
