/** `npm run generate`: writes the generated files (see generated-docs.ts). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldReference, generatedFiles, withBlock } from './generated-docs.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const { path, content } of generatedFiles()) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
const readme = join(root, 'model/README.md');
writeFileSync(readme, withBlock(readFileSync(readme, 'utf8'), fieldReference()));
console.log('updated model/README.md');
