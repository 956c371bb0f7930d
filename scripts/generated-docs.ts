/**
 * Files generated from the templates and the model, kept in the repository for readers and
 * integrators: the JSON Schemas of the plain-JSON forms and the field reference in
 * model/README.md. `npm run generate` writes them; a test fails when they are out of date.
 */
import { docJsonSchemaDocument } from '../model/doc-json.ts';
import type { DocSpec } from '../model/doc-spec.ts';
import { planSpec } from '../model/plan-spec.ts';
import { RESTRICTED_SPEC } from '../model/restricted-spec.ts';
import { defaultForms } from '../model/template/registry.ts';
import type { FieldSpec, FormTemplate } from '../model/template/form.ts';
import { templates } from '../templates/index.ts';

export const README_START = '<!-- generated:fields:start (npm run generate) -->';
export const README_END = '<!-- generated:fields:end -->';

/** Generated files: path relative to the repository root, and content. */
export function generatedFiles(): { path: string; content: string }[] {
  const forms = defaultForms(templates);
  const spec = planSpec(forms);
  const schema = (s: DocSpec, title: string) =>
    `${JSON.stringify({ title, ...docJsonSchemaDocument(s) }, null, 2)}\n`;
  return [
    { path: 'model/schema/plan.schema.json', content: schema(spec, "A child's permanence plan (plain-JSON form)") },
    { path: 'model/schema/plan-restricted.schema.json', content: schema(RESTRICTED_SPEC, "Restricted part of a child's plan (plain-JSON form)") },
  ];
}

function kindLabel(f: FieldSpec): string {
  return f.kind === 'choice' ? `choice (${f.options!.length} options)` : f.kind;
}

/** The field reference: every field of every form, with where it lives in the document. */
export function fieldReference(): string {
  const forms = defaultForms(templates);
  const spec = planSpec(forms);
  const lines: string[] = [];
  const where = (root: string, id: string, list: boolean) => `\`${root}${list ? '[i]' : ''}.${id}\``;
  const section = (title: string, t: FormTemplate, root: string, list: boolean) => {
    lines.push(`### ${title}: template \`${t.id}\` ${t.version}`, '');
    lines.push('| form section | label | kind | where in the document |', '|---|---|---|---|');
    for (const s of t.sections) {
      const r = s.scope === 'child' ? 'child' : root;
      const isList = s.scope === 'child' ? false : list;
      for (const f of s.fields) lines.push(`| ${s.title} | ${f.label} | ${kindLabel(f)} | ${where(r, f.id, isList)} |`);
      for (const tb of s.tables) {
        lines.push(`| ${s.title} | ${tb.label} (table) | rows | ${where(r, `${tb.id}[j]`, isList)} |`);
        for (const c of tb.columns) lines.push(`| ${s.title} | ${tb.label}: ${c.label} | ${kindLabel(c)} | ${where(r, `${tb.id}[j].${c.id}`, isList)} |`);
      }
    }
    lines.push('');
  };
  const child = spec.roots.find((r) => r.name === 'child')!;
  lines.push('### Core child fields (every plan)', '', '| label | kind | where in the document |', '|---|---|---|');
  for (const f of child.record.fields.slice(0, 7)) lines.push(`| ${f.label} | ${kindLabel(f)} | \`child.${f.id}\` |`);
  lines.push('');
  section('Permanence Planning Meeting', forms.ppm, 'ppms', true);
  section('Contingency plan', forms.contingency, 'contingency', false);
  section('Introduction plan', forms.introduction, 'introduction', false);
  for (const r of spec.roots.filter((x) => x.name === 'roles' || x.name === 'pathway')) {
    lines.push(`### ${r.label}`, '', '| label | kind | where in the document |', '|---|---|---|');
    for (const f of r.record.fields) lines.push(`| ${f.label} | ${kindLabel(f)} | \`${r.name}.${f.id}\` |`);
    for (const tb of r.record.tables) for (const c of tb.columns) lines.push(`| ${tb.label}: ${c.label} | ${kindLabel(c)} | \`${r.name}.${tb.id}[j].${c.id}\` |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Replaces the generated block of a README with `block`. */
export function withBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`model/README.md lacks the ${README_START} ... ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n\n${block}\n${readme.slice(end)}`;
}
