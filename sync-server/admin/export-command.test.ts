import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocJson } from '../../model/doc-json.ts';
import { tempFolder } from '../testing/test-plans.ts';
import { makeChildrenCommand } from './children-command.ts';
import { makeExportCommand } from './export-command.ts';

const folder = tempFolder();
afterAll(() => folder.cleanup());
const env = { DATA_DIR: join(folder.dir, 'data') };

async function run(command: 'children' | 'export', ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const cmd = command === 'children' ? makeChildrenCommand({ env, today: () => '2026-11-23' }) : makeExportCommand({ env });
  const code = await cmd.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run admin -- export', () => {
  it("writes a stored child's plan in its plain-JSON form to stdout, or to --out", async () => {
    const made = await run('children', 'create', '--template', 'pathway-pre-proceedings', '--name', 'Sky Fiction', '--dob', '2023-02-03', '--jurisdiction', 'Wales');
    expect(made.code, made.err.join('\n')).toBe(0);
    const childId = made.out[0]!;

    const plain = await run('export', childId);
    expect(plain.code, plain.err.join('\n')).toBe(0);
    const plan = JSON.parse(plain.out.join('\n')) as DocJson & { child: Record<string, { value: unknown }[]>; pathway: { pathwayId: { value: unknown }[] } };
    expect(plan.meta).toMatchObject({ format: 'permanence-plan', childId });
    expect(plan.child.name!.map((w) => w.value)).toEqual(['Sky Fiction']);
    expect(plan.child.jurisdiction!.map((w) => w.value)).toEqual(['Wales']);
    expect(plan.pathway.pathwayId.map((w) => w.value)).toEqual(['pathway-pre-proceedings']);
    expect(Object.keys(plan)).not.toContain('restricted');

    const file = join(folder.dir, 'sky.json');
    const written = await run('export', childId, '--out', file);
    expect(written.code).toBe(0);
    expect(written.out).toEqual([`exported the plan of Sky Fiction (child ${childId}) from SQLite in ${env.DATA_DIR} to ${file}`]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(plan);

    const json = await run('export', childId, '--out', file, '--json');
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ childId, name: 'Sky Fiction', file });
  });

  it('answers a child not in the store with status 1 and a message, writing no file', async () => {
    const file = join(folder.dir, 'nobody.json');
    for (const id of ['cnosuchchild1', 'not a child id']) {
      const missing = await run('export', id, '--out', file);
      expect(missing.code).toBe(1);
      expect(missing.out).toEqual([]);
      expect(missing.err[0]).toBe(`export: there is no child "${id}" in SQLite in ${env.DATA_DIR}; npm run admin -- children list shows the children`);
    }
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('answers bad usage with status 2', async () => {
    expect((await run('export')).code).toBe(2);
    expect((await run('export', 'a', 'b')).code).toBe(2);
    expect((await run('export', 'a', '--bogus')).code).toBe(2);
    expect((await run('export', 'a', '--out')).code).toBe(2);
  });
});
