/**
 * axe-core (WCAG 2.2 AA rules) run on one element, and the text of an element's shadow root,
 * for element tests only. axe-core is loaded from node_modules by the test runner's server.
 */

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

/** Runs axe-core (WCAG 2.2 AA rules) on the element and returns its serious and critical violations. */
export async function axeViolations(el: Element): Promise<string[]> {
  const w = window as unknown as { axe?: { run: (ctx: Element, opts: unknown) => Promise<AxeResult> } };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  const result = await w.axe!.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Text of an element's shadow root (or the element) with white space squashed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot ?? el).textContent.replace(/\s+/g, ' ').trim();
}
