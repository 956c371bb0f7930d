/**
 * Accessibility check of a page with axe-core (WCAG 2.2 AA rules), run inside the real page.
 * Returns the violations of at least the given impact, as readable lines, so a test can
 * assert the list is empty and a failure names the rule, the impact and the elements.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
const ORDER: Impact[] = ['minor', 'moderate', 'serious', 'critical'];

interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page and returns violations at or above `minimum` impact. */
export async function axeViolations(page: Page, minimum: Impact = 'serious'): Promise<string[]> {
  // Evaluated through the DevTools protocol, not added as an inline <script>: the server's
  // Content-Security-Policy forbids inline scripts, and the page under test keeps its CSP.
  await page.evaluate((source) => (0, eval)(source) as unknown, (axeSource ??= readFileSync(axePath, 'utf8')));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => ORDER.indexOf(v.impact ?? 'minor') >= ORDER.indexOf(minimum))
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
