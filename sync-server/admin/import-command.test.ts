import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocJson } from '../../model/doc-json.ts';
import { exported, samplePlan, tempFolder } from '../testing/test-plans.ts';
import { openAdminStore } from './admin-store.ts';
import { makeExportCommand } from './export-command.ts';
import { makeImportCommand } from './import-command.ts';

const TODAY = '2026-10-20';
const folder = tempFolder();
afterAll(() => folder.cleanup());
const sample = exported(samplePlan());
const planFile = folder.write('rowan.json', sample);

let data: string;
let store = 0;
beforeEach(() => {
  data = join(folder.dir, `data-${++store}`);
});

type Run = { code: number; out: string[]; err: string[]; json: () => Record<string, unknown> };

async function run(command: 'import' | 'export', ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATA_DIR: data };
  const cmd = command === 'import' ? makeImportCommand({ env, today: () => TODAY }) : makeExportCommand({ env });
  const code = await cmd.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
}

async function exportedPlan(childId: string): Promise<DocJson> {
  const done = await run('export', childId);
  expect(done.code, done.err.join('\n')).toBe(0);
  return JSON.parse(done.out.join('\n')) as DocJson;
}

describe('npm run admin -- import', () => {
  it('stores a plan under its own child id, so export gives the same plan back', async () => {
    const done = await run('import', planFile);
    expect(done.code, done.err.join('\n')).toBe(0);
    expect(done.out[0]).toBe('child-0042');
    expect(done.out[1]).toMatch(/^imported Rowan Example \(child child-0042\) from .*rowan\.json into SQLite in /);
    expect(await exportedPlan('child-0042')).toEqual(sample);
  });

  it('stores it the way children are made offline: restricted document, audit entries by admin, caseload entry', async () => {
    expect((await run('import', planFile)).code).toBe(0);
    const s = await openAdminStore({ DATA_DIR: data, PORT: 0, HOST: '127.0.0.1' });
    try {
      expect(await s.log.load('child:child-0042:restricted')).not.toBeNull();
      const audit = [...(await s.records.auditOf('child:child-0042', 10)), ...(await s.records.auditOf('child:child-0042:restricted', 10))];
      expect(audit.map((a) => [a.document, a.username, a.action]).sort()).toEqual([
        ['child:child-0042', 'admin', 'import'],
        ['child:child-0042:restricted', 'admin', 'import'],
      ]);
      expect(await s.records.child('child-0042')).toMatchObject({ name: 'Rowan Example', pathwayId: 'pathway-adoption', rating: 'red' });
      expect(await s.records.grantsOn('child-0042')).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('refuses a plan whose child is already in the store, storing nothing, status 1', async () => {
    expect((await run('import', planFile)).code).toBe(0);
    const again = await run('import', planFile);
    expect(again.code).toBe(1);
    expect(again.out).toEqual([]);
    expect(again.err[0]).toMatch(/^import: child child-0042 is already in SQLite in .* \(plan, restricted document, caseload entry\); nothing was imported\. Add --copy to import the plan as a new child with a new id$/);
    const json = await run('import', planFile, '--json');
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ error: 'child-exists', childId: 'child-0042', present: ['plan', 'restricted document', 'caseload entry'] });
    const s = await openAdminStore({ DATA_DIR: data, PORT: 0, HOST: '127.0.0.1' });
    try {
      expect((await s.records.children()).map((c) => c.childId)).toEqual(['child-0042']);
    } finally {
      await s.close();
    }
  });

  it('with --copy makes a new child with a new id, whose plan equals the original but for the id (round trip export, import --copy)', async () => {
    expect((await run('import', planFile)).code).toBe(0);
    const file = join(folder.dir, `export-${store}.json`);
    expect((await run('export', 'child-0042', '--out', file)).code).toBe(0);
    // A copy is a likely duplicate (same name and date of birth): refused unless confirmed.
    const unconfirmed = await run('import', file, '--copy', '--json');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.json()).toMatchObject({ error: 'likely-duplicate', childId: 'child-0042' });
    const copy = await run('import', file, '--copy', '--confirm-duplicate', '--json');
    expect(copy.code, copy.err.join('\n')).toBe(0);
    const answer = copy.json() as { childId: string; copyOf: string; name: string };
    expect(answer).toMatchObject({ copyOf: 'child-0042', name: 'Rowan Example' });
    expect(answer.childId).toMatch(/^c[a-z0-9]{12}$/);
    const original = await exportedPlan('child-0042');
    const copied = await exportedPlan(answer.childId);
    expect(copied.meta.childId).toBe(answer.childId);
    expect({ ...copied, meta: { ...copied.meta, childId: 'child-0042' } }).toEqual(original);
    const text = await run('import', file, '--copy', '--confirm-duplicate');
    expect(text.code).toBe(0);
    expect(text.out[1]).toMatch(new RegExp(`^imported Rowan Example from .* as a new child ${text.out[0]} \\(a copy of child child-0042\\) into SQLite in `));
  });

  it('refuses a file that is not a plan (status 1) and one that is missing (status 2), storing nothing', async () => {
    const notPlan = folder.write(`not-plan-${store}.json`, { meta: { format: 'permanence-plan' } });
    const bad = await run('import', notPlan);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/^import: .*not-plan-\d+\.json cannot be imported; nothing was stored$/);
    expect(bad.err.slice(1).join('\n')).toMatch(/meta\./);
    const broken = JSON.parse(await readFile(planFile, 'utf8')) as { child: Record<string, unknown> };
    broken.child.dateOfBirth = [{ id: 'w1', value: 'last spring', by: 'A Person', at: '2026-10-01T09:00:00.000Z' }];
    const brokenFile = join(folder.dir, `broken-${store}.json`);
    await writeFile(brokenFile, JSON.stringify(broken));
    const invalid = await run('import', brokenFile, '--json');
    expect(invalid.code).toBe(1);
    expect(invalid.json()).toMatchObject({ error: 'invalid-plan' });
    expect(JSON.stringify(invalid.json().problems)).toContain('child.dateOfBirth');
    const missing = await run('import', join(folder.dir, 'nowhere.json'));
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/nowhere\.json cannot be read: no such file/);
    expect((await run('export', 'child-0042')).code).toBe(1);
  });

  it('answers bad usage with status 2', async () => {
    expect((await run('import')).code).toBe(2);
    expect((await run('import', planFile, '--bogus')).code).toBe(2);
    expect((await run('import', planFile, 'another.json')).code).toBe(2);
  });
});
