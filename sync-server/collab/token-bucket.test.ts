import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { isPresence } from './socket-front.ts';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst, then the rate, and a refused take costs nothing', () => {
    let now = 0;
    const bucket = new TokenBucket(20, 40, () => now);
    let taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(40);
    for (let i = 0; i < 1000; i++) expect(bucket.take()).toBe(false);
    now += 500;
    taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(10);
    now += 60_000;
    taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(40);
  });
});

/** A Hocuspocus message: the document name, the message type, then a body. */
function frame(document: string, type: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, document);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
  return encoding.toUint8Array(e);
}

describe('isPresence', () => {
  it('tells presence frames from the others by their message type', () => {
    const long = `child:${'c'.repeat(200)}`;
    expect(isPresence(frame('child:cabc', 1))).toBe(true);
    expect(isPresence(frame(long, 1))).toBe(true);
    expect(isPresence(frame('child:cabc', 0))).toBe(false);
    expect(isPresence(frame(long, 3))).toBe(false);
    expect(isPresence(new Uint8Array([]))).toBe(false);
    expect(isPresence(new Uint8Array([0xff, 0xff]))).toBe(false);
  });
});
