/**
 * Holds back a connection's acknowledgements until its edits are on disk (DESIGN decision 1).
 *
 * Hocuspocus applies a client's update, broadcasts it to the other clients and then sends the
 * sender a SyncStatus message ("your update is saved") straight away. This gate sits between
 * Hocuspocus and the WebSocket: each outgoing SyncStatus waits for the durability barrier of its
 * document (the append of every update applied so far), while other messages go out at once
 * unless an acknowledgement is already waiting ahead of them (order on the wire is kept).
 * Forwarding to others therefore never waits for the disk; acknowledging the sender always does.
 */
import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';

/** Hocuspocus's message type for "update saved", as the number on the wire. */
const SYNC_STATUS: number = MessageType.SyncStatus;

/** The WebSocket surface Hocuspocus uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Whether `message` is a SyncStatus message, and for which document. */
export function syncStatusDocument(message: Uint8Array): string | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    const address = decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== SYNC_STATUS) return undefined;
    const sep = address.indexOf('\0');
    return sep === -1 ? address : address.slice(0, sep);
  } catch {
    return undefined;
  }
}

/**
 * Wraps `socket` so that SyncStatus messages wait for `barrier(document)`. When a barrier
 * rejects (storage failing), the acknowledgement keeps waiting for the retry rather than being
 * sent: `barrier` must return a promise that resolves only once the data is durable.
 */
export function gateAcknowledgements<S extends SocketLike>(socket: S, barrier: (document: string) => Promise<void> | undefined): S {
  const queue: { data: Uint8Array; ready: Promise<void> | undefined }[] = [];
  let draining = false;
  const raw = socket.send.bind(socket);

  const drain = async (): Promise<void> => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const head = queue[0]!;
        if (head.ready) await head.ready;
        queue.shift();
        if (socket.readyState === 1) raw(head.data);
      }
    } finally {
      draining = false;
    }
  };

  const send = (data: Uint8Array): void => {
    const document = syncStatusDocument(data);
    const ready = document === undefined ? undefined : barrier(document);
    if (queue.length === 0 && !ready) {
      raw(data);
      return;
    }
    queue.push({ data, ready });
    void drain();
  };

  return new Proxy(socket, {
    get(target, key, receiver) {
      if (key === 'send') return send;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
