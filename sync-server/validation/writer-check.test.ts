import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeRegister } from '../../model/register.ts';
import { writerProblems } from './writer-check.ts';

/** The update of one register write as `by` at `at` on a fresh document with a register. */
function write(by: string, at: string): ReturnType<typeof Y.decodeUpdate> {
  const doc = new Y.Doc();
  const register = doc.getMap('child').set('name', new Y.Map<unknown>());
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => (update = u));
  writeRegister(register, 'Alex', { actor: by, now: () => new Date(at), newId: () => 'w1' });
  return Y.decodeUpdate(update!);
}

const NOW = Date.parse('2026-12-04T12:00:00Z');
const claim = { by: 'asha.patel', latestAt: NOW + 5 * 60_000 };

describe('writerProblems', () => {
  it('accepts entries by the signed-in person, at an earlier time or within the skew', () => {
    expect(writerProblems(write('asha.patel', '2026-12-04T11:00:00Z'), claim)).toEqual([]);
    expect(writerProblems(write('asha.patel', '2026-12-04T12:04:00Z'), claim)).toEqual([]);
  });

  it('refuses another writer, a time past the skew, and a time that is not one', () => {
    expect(writerProblems(write('jordan.iro', '2020-01-01T09:00:00Z'), claim)).toEqual([expect.stringMatching(/written as "jordan.iro", but this connection is signed in as "asha.patel"/)]);
    expect(writerProblems(write('asha.patel', '2026-12-04T13:00:00Z'), claim)).toEqual([expect.stringMatching(/later than the server's clock allows/)]);
    const doc = new Y.Doc();
    let update: Uint8Array | undefined;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('child').set('x', { value: 1, by: 'asha.patel', at: 'soon' });
    expect(writerProblems(Y.decodeUpdate(update!), claim)).toEqual([expect.stringMatching(/not an ISO 8601 time/)]);
  });

  it('checks only what the server does not have: a device sending back another person\'s entries is not writing as them', () => {
    const server = new Y.Doc();
    const register = server.getMap('child').set('name', new Y.Map<unknown>());
    writeRegister(register, 'Alex', { actor: 'Administrator', now: () => new Date('2026-12-01T09:00:00Z'), newId: () => 'w0' });
    // The device's copy (from IndexedDB) holds the administrator's entry, and adds one of its own to another field.
    const device = new Y.Doc();
    Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
    const other = device.getMap('child').set('gender', new Y.Map<unknown>());
    writeRegister(other, 'Not recorded', { actor: 'asha.patel', now: () => new Date('2026-12-04T11:00:00Z'), newId: () => 'w1' });
    const everything = Y.decodeUpdate(Y.encodeStateAsUpdate(device));
    const known = Y.decodeStateVector(Y.encodeStateVector(server));
    expect(writerProblems(everything, claim, known)).toEqual([]);
    // Without knowing what the server has, the administrator's entry counts as new.
    expect(writerProblems(everything, claim)).toEqual([expect.stringMatching(/written as "Administrator"/)]);
    // And a new entry in another's name is still refused.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(server));
    writeRegister(forged.getMap('child').get('name') as Y.Map<unknown>, 'Sam', { actor: 'jordan.iro', now: () => new Date('2026-12-04T11:00:00Z'), newId: () => 'w2' });
    expect(writerProblems(Y.decodeUpdate(Y.encodeStateAsUpdate(forged)), claim, known)).toEqual([expect.stringMatching(/written as "jordan.iro"/)]);
  });

  it('leaves alone content that is not an entry: text, numbers, nested types', () => {
    const doc = new Y.Doc();
    let update: Uint8Array | undefined;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.transact(() => {
      doc.getText('t').insert(0, 'by at');
      doc.getMap('m').set('n', 3);
      doc.getMap('m').set('nested', new Y.Map());
    });
    expect(writerProblems(Y.decodeUpdate(update!), claim)).toEqual([]);
  });
});
