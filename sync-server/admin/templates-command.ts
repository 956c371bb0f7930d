/**
 * `templates [--json]`: lists every shipped template with id, kind, title, version and source (as
 * people cite it); `templates show <id> [--json]` shows one (`templates-show.ts`).
 */
import { parseArgs } from 'node:util';
import { citeSource, templates } from '../../templates/index.ts';
import type { AdminCommand } from './command.ts';
import { showTemplate } from './templates-show.ts';

export const templatesCommand: AdminCommand = {
  name: 'templates',
  summary: 'list every template with id, kind, title, version and source [--json]; show <id>: its stages, deadlines, rules [--json]',
  run(args, io) {
    if (args[0] === 'show') return showTemplate(args.slice(1), io, templates);
    let json: boolean;
    try {
      json = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true }).values.json;
    } catch (error) {
      io.err(`templates: ${(error as Error).message}`);
      io.err('usage: npm run admin -- templates [--json]');
      io.err('       npm run admin -- templates show <id> [--json]');
      return 2;
    }
    const rows = templates.all().map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      version: t.version,
      jurisdiction: t.jurisdiction,
      source: t.source,
      citation: citeSource(t.source),
    }));
    if (json) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const table = [
      ['ID', 'KIND', 'VERSION', 'JURISDICTION', 'TITLE', 'SOURCE'],
      ...rows.map((r) => [r.id, r.kind, r.version, r.jurisdiction.join(', '), r.title, r.citation]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) io.out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
    io.out('');
    io.out(`${rows.length} templates`);
    return 0;
  },
};
