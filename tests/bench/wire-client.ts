/**
 * A bare collaborative client for benchmarks: one WebSocket speaking Hocuspocus's wire protocol
 * (token, sync steps, updates, acknowledgements) for one document, with a Y.Doc it keeps in step.
 * Far lighter than @hocuspocus/provider, so a benchmark can run 50 of them in a worker thread
 * and time each message as it arrives. Against a bare relay it speaks the same update frames
 * without the handshake. Not used by the server or the tests.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { AUTH, authMessage, MESSAGE, SYNC, syncStep1Message, syncStep2Message, updateMessage } from '../harness/hocuspocus-wire.ts';

/** Transaction origin of this client's own edits (sent), as opposed to applied remote updates. */
const LOCAL = Symbol('local');

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
        this.ws.send(authMessage(options.document, options.token));
        this.ws.send(syncStep1Message(options.document, this.doc));
      });
      this.ws.on('message', (data: Buffer) => {
        const arrivedAt = performance.now();
        const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        decoding.readVarString(d);
        const type = decoding.readVarUint(d);
        if (type === MESSAGE.sync) {
          const step = decoding.readVarUint(d);
          if (step === SYNC.step1) {
            const sv = decoding.readVarUint8Array(d);
            this.ws.send(syncStep2Message(options.document, Y.encodeStateAsUpdate(this.doc, sv)));
          } else if (step === SYNC.step2 || step === SYNC.update) {
            Y.applyUpdate(this.doc, decoding.readVarUint8Array(d), 'remote');
            if (step === SYNC.update && synced) options.onUpdate?.(arrivedAt);
            if (step === SYNC.step2 && !synced) {
              synced = true;
              resolve();
            }
          }
        } else if (type === MESSAGE.auth) {
          const kind = decoding.readVarUint(d);
          if (kind === AUTH.permissionDenied) reject(new Error(`permission denied: ${decoding.readVarString(d)}`));
          else if (kind !== AUTH.authenticated) reject(new Error(`unexpected auth message ${kind}`));
        } else if (type === MESSAGE.syncStatus && synced) {
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
    const frameBytes = updateMessage(this.#options.document, update);
    const sentAt = performance.now();
    this.ws.send(frameBytes);
    return sentAt;
  }

  close(): void {
    this.ws.close();
  }
}
