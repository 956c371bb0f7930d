import { describe, expect, it } from 'vitest';
import { citeSource, templates } from '../../templates/index.ts';
import { runAdmin } from './main.ts';

async function admin(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run admin -- templates', () => {
  it('lists every template with id, kind, title, version and its source as people cite it', async () => {
    const { code, out } = await admin('templates');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^ID\s+KIND\s+VERSION\s+JURISDICTION\s+TITLE\s+SOURCE$/);
    for (const t of templates.all()) {
      const line = out.find((l) => l.startsWith(`${t.id} `));
      expect(line, t.id).toContain(t.kind);
      expect(line).toContain(t.version);
      expect(line!.endsWith(`  ${citeSource(t.source)}`), line).toBe(true);
      expect(line).not.toContain('.txt');
    }
    expect(out.find((l) => l.startsWith('pathway-pre-proceedings '))).toMatch(/ {2}Warrington, Securing Permanence policy, Appendix 1\b/);
    expect(out.at(-1)).toBe(`${templates.all().length} templates`);
  });

  it('answers --json with the same list as data', async () => {
    const { code, out } = await admin('templates', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out.join('\n')) as { id: string; source: { seed: string; section: string }; citation: string }[];
    expect(rows.map((r) => r.id)).toEqual(templates.all().map((t) => t.id));
    for (const r of rows) expect(r.citation, r.id).toBe(citeSource(r.source));
    expect(rows.find((r) => r.id === 'pathway-pre-proceedings')?.source.seed).toBe('003_191524bca73c873d.txt');
  });

  it('refuses unknown options and commands with usage and status 2', async () => {
    expect((await admin('templates', '--bogus')).code).toBe(2);
    const unknown = await admin('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/unknown command "frobnicate"[\s\S]*templates/);
  });
});
