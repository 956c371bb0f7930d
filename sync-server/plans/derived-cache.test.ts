import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteDocumentLog } from '../storage/documents/sqlite-document-log.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { DerivedCache } from './derived-cache.ts';
import type { PlanHost } from './plan-host.ts';

let dir: string;
let log: DocumentLog;
const documents = new Map<string, Y.Doc>();
const host: PlanHost = { documents, openDirectConnection: () => Promise.reject(new Error('not used')) };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'derived-cache-'));
  log = await openSqliteDocumentLog({ dataDir: dir });
});
afterAll(async () => {
  await log.close();
  await rm(dir, { recursive: true, force: true });
});

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => void (update = u));
  doc.getText('t').insert(doc.getText('t').length, text);
  return update!;
}

describe('DerivedCache', () => {
  it('works a stored document out once per stored state, and again after an append', async () => {
    const cache = new DerivedCache(host, log);
    const source = new Y.Doc();
    await log.append('child:s1', [textUpdate(source, 'one')]);
    let runs = 0;
    const read = (doc: Y.Doc): string => (runs++, doc.getText('t').toString());
    const [a, b] = await Promise.all([cache.derive('k', 'child:s1', 'day', read), cache.derive('k', 'child:s1', 'day', read)]);
    expect([a, b, runs]).toEqual(['one', 'one', 1]);
    expect(await cache.derive('k', 'child:s1', 'day', read)).toBe('one');
    expect(runs).toBe(1);
    expect(await cache.derive('k', 'child:s1', 'other day', read)).toBe('one');
    expect(runs).toBe(2);
    await log.append('child:s1', [textUpdate(source, ' two')]);
    expect(await cache.derive('k', 'child:s1', 'day', read)).toBe('one two');
    expect(await cache.derive('k', 'child:none', 'day', read)).toBeUndefined();
  });

  it('reads a loaded document in place, again after any change (a deletion too), and never keeps a failure', async () => {
    const cache = new DerivedCache(host, log);
    const live = new Y.Doc();
    live.getText('t').insert(0, 'abc');
    documents.set('child:l1', live);
    let runs = 0;
    const read = (doc: Y.Doc): string => {
      runs++;
      expect(doc).toBe(live);
      return doc.getText('t').toString();
    };
    expect(await cache.derive('k', 'child:l1', 'day', read)).toBe('abc');
    expect(await cache.derive('k', 'child:l1', 'day', read)).toBe('abc');
    expect(runs).toBe(1);
    live.getText('t').delete(0, 1);
    expect(await cache.derive('k', 'child:l1', 'day', read)).toBe('bc');
    expect(runs).toBe(2);
    await expect(cache.derive('boom', 'child:l1', 'day', () => { throw new Error('no'); })).rejects.toThrow('no');
    expect(await cache.derive('boom', 'child:l1', 'day', () => 'fine')).toBe('fine');
    documents.delete('child:l1');
  });
});
