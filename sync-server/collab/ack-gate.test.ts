import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { gateAcknowledgements, syncStatusDocument } from './ack-gate.ts';

function message(doc: string, type: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint(e, 1);
  return encoding.toUint8Array(e);
}

function fakeSocket() {
  const sent: Uint8Array[] = [];
  return { sent, readyState: 1, send: (d: Uint8Array) => void sent.push(d), close: () => {} };
}

describe('acknowledgement gate', () => {
  it('recognises SyncStatus messages and their document', () => {
    expect(syncStatusDocument(message('child:a', 8))).toBe('child:a');
    expect(syncStatusDocument(message('child:a\0session', 8))).toBe('child:a');
    expect(syncStatusDocument(message('child:a', 0))).toBeUndefined();
    expect(syncStatusDocument(new Uint8Array([255, 255, 255]))).toBeUndefined();
  });

  it('holds an acknowledgement until the barrier resolves, keeping order on the wire', async () => {
    const socket = fakeSocket();
    let release!: () => void;
    const barrier = new Promise<void>((r) => (release = r));
    const gated = gateAcknowledgements(socket, (doc) => (doc === 'child:a' ? barrier : undefined));
    const update = message('child:a', 0);
    const ack = message('child:a', 8);
    const after = message('child:a', 1);
    gated.send(update);
    gated.send(ack);
    gated.send(after);
    expect(socket.sent).toEqual([update]);
    await new Promise((r) => setTimeout(r, 10));
    expect(socket.sent).toEqual([update]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(socket.sent).toEqual([update, ack, after]);
  });

  it('sends an acknowledgement at once when nothing is waiting to be saved', () => {
    const socket = fakeSocket();
    const gated = gateAcknowledgements(socket, () => undefined);
    const ack = message('child:b', 8);
    gated.send(ack);
    expect(socket.sent).toEqual([ack]);
    expect(gated.readyState).toBe(1);
  });
});
