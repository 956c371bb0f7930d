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
