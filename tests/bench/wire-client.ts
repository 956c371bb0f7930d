/**
 * A bare collaborative client for benchmarks: one WebSocket speaking Hocuspocus's wire protocol
 * (token, sync steps, updates, acknowledgements) for one document, with a Y.Doc it keeps in step.
 * Far lighter than @hocuspocus/provider, so a benchmark can run 50 of them in a worker thread
 * and time each message as it arrives. Against a bare relay it speaks the same update frames
 * without the handshake. Not used by the server or the tests.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** Hocuspocus message types (MessageType) and sync steps (y-protocols) used here. */
const SYNC = 0;
const AUTH = 2;
const SYNC_STATUS = 8;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const AUTH_OK = 2;

/** Transaction origin of this client's own edits (sent), as opposed to applied remote updates. */
export const LOCAL = Symbol('local');

function frame(document: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, document);
  write(e);
  return encoding.toUint8Array(e);
}

/** The frame carrying one Yjs update of `document`, as a provider sends it and the server broadcasts it. */
export function updateFrame(document: string, update: Uint8Array): Uint8Array {
  return frame(document, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export interface WireClientOptions {
  readonly url: string;
  readonly document: string;
  /** Sign-in token; undefined for a bare relay (no handshake: the client is ready once open). */
  readonly token?: string;
  /** State to start from when there is no handshake (relay). */
  readonly initialState?: Uint8Array;
  /** Called after each update frame is applied, with `performance.now()` taken on its arrival. */
  readonly onUpdate?: (arrivedAt: number) => void;
  /** Called with `performance.now()` on arrival of each acknowledgement (SyncStatus) after ready. */
  readonly onAck?: (arrivedAt: number, saved: boolean) => void;
}

/** One bare client. `ready` resolves once synced (server) or open (relay). */
export class WireClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly ready: Promise<void>;
  readonly #options: WireClientOptions;
  #closed: { code: number; reason: string } | undefined;

  constructor(options: WireClientOptions) {
    this.#options = options;
    if (options.initialState) Y.applyUpdate(this.doc, options.initialState, 'initial');
    this.ws = new WebSocket(options.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ready = new Promise<void>((resolve, reject) => {
      this.ws.on('error', reject);
      this.ws.on('close', (code, reason) => {
        this.#closed = { code, reason: reason.toString() };
        reject(new Error(`closed before ready: ${code} ${reason.toString()}`));
      });
      let synced = false;
      this.ws.on('open', () => {
        if (options.token === undefined) {
          synced = true;
          return resolve();
        }
        this.ws.send(
          frame(options.document, (e) => {
            encoding.writeVarUint(e, AUTH);
            encoding.writeVarUint(e, AUTH_TOKEN);
            encoding.writeVarString(e, options.token!);
          }),
        );
        this.ws.send(
          frame(options.document, (e) => {
            encoding.writeVarUint(e, SYNC);
            encoding.writeVarUint(e, STEP1);
            encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
          }),
        );
      });
      this.ws.on('message', (data: Buffer) => {
        const arrivedAt = performance.now();
        const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        decoding.readVarString(d);
        const type = decoding.readVarUint(d);
        if (type === SYNC) {
          const step = decoding.readVarUint(d);
          if (step === STEP1) {
            const sv = decoding.readVarUint8Array(d);
            this.ws.send(
              frame(options.document, (e) => {
                encoding.writeVarUint(e, SYNC);
                encoding.writeVarUint(e, STEP2);
                encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, sv));
              }),
            );
          } else if (step === STEP2 || step === UPDATE) {
            Y.applyUpdate(this.doc, decoding.readVarUint8Array(d), 'remote');
            if (step === UPDATE && synced) options.onUpdate?.(arrivedAt);
            if (step === STEP2 && !synced) {
              synced = true;
              resolve();
            }
          }
        } else if (type === AUTH) {
          const kind = decoding.readVarUint(d);
          if (kind === AUTH_DENIED) reject(new Error(`permission denied: ${decoding.readVarString(d)}`));
          else if (kind !== AUTH_OK) reject(new Error(`unexpected auth message ${kind}`));
        } else if (type === SYNC_STATUS && synced) {
          options.onAck?.(arrivedAt, decoding.readVarUint(d) === 1);
        }
      });
    });
    this.ready.catch(() => undefined);
  }

  /** How the socket closed, if it has. */
  get closed(): { code: number; reason: string } | undefined {
    return this.#closed;
  }

  /**
   * Makes one edit (appends `marker` to `text`, trimming its start past `maxLength`), sends it and
   * returns `performance.now()` just before sending.
   */
  edit(marker: string, text = 'contingencyPlan', root = 'contingency', maxLength = 4000): number {
    const t = this.doc.getMap(root).get(text);
    if (!(t instanceof Y.Text)) throw new Error(`${root}.${text} is not a text: is the document synced?`);
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array, origin: unknown): void => {
      if (origin === LOCAL) update = u;
    };
    this.doc.on('update', capture);
    this.doc.transact(() => {
      t.insert(t.length, `${marker} `);
      if (t.length > maxLength) t.delete(0, marker.length + 1);
    }, LOCAL);
    this.doc.off('update', capture);
    if (!update) throw new Error('the edit produced no update');
    const frameBytes = updateFrame(this.#options.document, update);
    const sentAt = performance.now();
    this.ws.send(frameBytes);
    return sentAt;
  }

  close(): void {
    this.ws.close();
  }
}
