import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fieldReference, generatedFiles, withBlock } from './generated-docs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('generated files', () => {
  it('are up to date with the templates and the model (run npm run generate)', () => {
    for (const { path, content } of generatedFiles()) expect(readFileSync(join(root, path), 'utf8'), path).toBe(content);
    const readme = readFileSync(join(root, 'model/README.md'), 'utf8');
    expect(withBlock(readme, fieldReference())).toBe(readme);
  });

  it('document every field of the PPM template in model/README.md', () => {
    const readme = readFileSync(join(root, 'model/README.md'), 'utf8');
    for (const id of ['meetingDate', 'people[j].sentApologies', 'decisions[j].targetDate', 'childView', 'contingencyPlan']) {
      expect(readme).toContain(id);
    }
  });
});
