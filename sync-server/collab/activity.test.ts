import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hocuspocus } from '@hocuspocus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { planDocumentName } from '../../model/wire/index.ts';
import { buildChildDocuments } from '../plans/child-documents.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { openSqliteDocumentLog } from '../storage/documents/sqlite-document-log.ts';
import { openSqliteServerRecords } from '../storage/records/sqlite-server-records.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';
import { Activity } from './activity.ts';

let dir: string;
let log: DocumentLog;
let records: ServerRecords;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'activity-'));
  log = await openSqliteDocumentLog({ dataDir: dir });
  records = await openSqliteServerRecords({ dataDir: dir });
});
afterAll(async () => {
  await Promise.all([log.close(), records.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('Activity caseload index', () => {
  it('reports a plan that cannot be indexed once per cause, keeps indexing the others, and says when it recovers', async () => {
    const good = buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Good Child' }, by: 'Test' });
    const bad = buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Bad Child' }, by: 'Test' });
    let failing = true;
    // The records refuse the bad child's entry, as they refuse text they cannot store.
    const putChild: ServerRecords['putChild'] = (summary, input) =>
      failing && summary.childId === bad.childId ? Promise.reject(new TypeError('putChild: name: must be well-formed Unicode without NUL')) : records.putChild(summary, input);
    const refusing = new Proxy(records, {
      get(target, key): unknown {
        if (key === 'putChild') return putChild;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const said: { message: string; error: unknown }[] = [];
    const activity = new Activity({ records: refusing, log, stored: { onStored: () => () => {} }, today: () => '2026-11-23', say: (message, error) => void said.push({ message, error }) });
    const documents = new Map<string, Y.Doc>([
      [planDocumentName(good.childId), good.plan],
      [planDocumentName(bad.childId), bad.plan],
    ]);
    await activity.onConfigure({ instance: { documents } as unknown as Hocuspocus } as Parameters<Activity['onConfigure']>[0]);

    for (let i = 0; i < 5; i++) {
      expect(await activity.refreshIndex(bad.childId)).toBe(false);
      expect(await activity.refreshIndex(good.childId)).toBe(true);
    }
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toMatch(new RegExp(`could not refresh the caseload index for ${bad.childId}.*reported once`));
    expect((await records.child(good.childId))?.name).toBe('Good Child');

    failing = false;
    expect(await activity.refreshIndex(bad.childId)).toBe(true);
    expect(said.at(-1)!.message).toMatch(new RegExp(`${bad.childId} is refreshed again, after 5 failed tries`));
    expect((await records.child(bad.childId))?.name).toBe('Bad Child');
    expect(said).toHaveLength(2);
  });
});
