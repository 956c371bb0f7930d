import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteServerRecords } from '../storage/records/sqlite-server-records.ts';
import type { AuditEntry, ServerRecords } from '../storage/records/server-records.ts';
import { HistoryQuery } from '../../model/wire/index.ts';
import { historyEntry, historyPage, mergeNewestFirst, partLabel } from './history-api.ts';

let dir: string;
let records: ServerRecords;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'history-api-'));
  records = await openSqliteServerRecords({ dataDir: dir });
  await records.addAccount({ username: 'asha', name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team', passwordHash: 'x', disabled: false, admin: false, createdAt: '2026-11-01T09:00:00Z' });
  const at = (m: number): string => `2026-11-03T10:${String(m).padStart(2, '0')}:00Z`;
  await records.appendAudit([
    { at: at(0), username: 'admin', document: 'child:c1', parts: ['child', 'meta', 'pathway', 'ppms', 'roles'], bytes: 900, action: 'create' },
    { at: at(0), username: 'admin', document: 'child:c1:restricted', parts: ['meta', 'restricted'], bytes: 200, action: 'create' },
    { at: at(1), username: 'asha', document: 'child:c1', parts: ['ppms'], bytes: 40, action: 'edit' },
    { at: at(2), username: 'asha', document: 'child:c1:restricted', parts: ['restricted'], bytes: 30, action: 'edit' },
    { at: at(3), username: 'asha', document: 'child:c2', parts: ['child'], bytes: 10, action: 'edit' },
    { at: at(4), username: 'asha', document: 'child:c1', parts: ['contingency', 'introduction'], bytes: 50, action: 'restore' },
  ]);
});

afterAll(async () => {
  await records.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a child's history", () => {
  it('names the writer and the parts in words, newest first', async () => {
    const page = await historyPage(records, 'c1', false, { limit: 50 });
    expect(page.entries.map((e) => e.seq)).toEqual([6, 3, 1]);
    expect(page.entries[0]).toEqual({
      seq: 6,
      at: '2026-11-03T10:04:00Z',
      action: 'restore',
      document: 'plan',
      user: { username: 'asha', name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team' },
      parts: [
        { part: 'contingency', label: 'Contingency plan' },
        { part: 'introduction', label: 'Introduction plan' },
      ],
      bytes: 50,
    });
    expect(page.entries[2]!.user.name).toBe('Administrator (command line)');
    expect(page.entries[2]!.parts.map((p) => p.label)).toEqual(["Child's details", 'Plan information', 'Pathway and stages', 'Permanence Planning Meetings', 'Roles and responsibilities']);
    expect(page.next).toBeNull();
  });

  it('shows restricted-document entries only when the grant covers them', async () => {
    const page = await historyPage(records, 'c1', true, { limit: 50 });
    expect(page.entries.map((e) => [e.seq, e.document])).toEqual([
      [6, 'plan'],
      [4, 'restricted'],
      [3, 'plan'],
      [2, 'restricted'],
      [1, 'plan'],
    ]);
    expect(page.entries[1]!.parts).toEqual([{ part: 'restricted', label: 'Restricted details' }]);
  });

  it('pages through both documents by seq', async () => {
    const first = await historyPage(records, 'c1', true, { limit: 2 });
    expect(first.entries.map((e) => e.seq)).toEqual([6, 4]);
    expect(first.next).toBe(4);
    const second = await historyPage(records, 'c1', true, { limit: 2, before: first.next! });
    expect(second.entries.map((e) => e.seq)).toEqual([3, 2]);
    const third = await historyPage(records, 'c1', true, { limit: 2, before: second.next! });
    expect(third.entries.map((e) => e.seq)).toEqual([1]);
    expect(third.next).toBeNull();
  });
});

describe('history helpers', () => {
  it('reads the query with clear messages', () => {
    expect(HistoryQuery.parse({})).toEqual({ limit: 50 });
    expect(HistoryQuery.parse({ limit: '10', before: '7' })).toEqual({ limit: 10, before: 7 });
    const bad = HistoryQuery.safeParse({ limit: '0' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/from 1 to 1000/);
    expect(HistoryQuery.safeParse({ limit: 'ten' }).success).toBe(false);
    expect(HistoryQuery.safeParse({ before: '-1' }).success).toBe(false);
    expect(HistoryQuery.safeParse({ limit: '5000' }).success).toBe(false);
  });

  it('labels unknown parts by name and merges pages by seq', () => {
    expect(partLabel('somethingElse')).toBe('somethingElse');
    const e = (seq: number): AuditEntry => ({ seq, at: '', username: 'system', document: 'child:x', parts: [], bytes: 0, action: 'edit', prevHash: '', hash: '' });
    expect(mergeNewestFirst([[e(9), e(4)], [e(7), e(5), e(1)]], 3).map((x) => x.seq)).toEqual([9, 7, 5]);
    expect(historyEntry(e(2), { username: 'system', name: 'The server', role: null, organisation: null }).document).toBe('plan');
  });
});
