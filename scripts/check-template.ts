/**
 * Checks template files against their zod schema and prints each problem by path.
 * Usage: node scripts/check-template.ts templates/ppm.json [more.json ...]
 */
import { readFileSync } from 'node:fs';
import { parseTemplate } from '../model/template/template.ts';

let failed = false;
for (const file of process.argv.slice(2)) {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: not readable JSON: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const result = parseTemplate(data);
  if (result.ok) {
    console.log(`${file}: ok (${result.template.kind} "${result.template.id}" ${result.template.version})`);
  } else {
    failed = true;
    for (const p of result.problems) console.error(`${file}: ${p}`);
  }
}
process.exitCode = failed ? 1 : 0;
