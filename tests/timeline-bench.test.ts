import { describe, expect, it } from 'vitest';
import { runTimelineBench } from './bench/timeline.bench.ts';
import { generateChildren } from './bench/generated-children.ts';
import { templates } from '../templates/index.ts';

// The benchmark itself runs with `npm run bench:timeline`; this checks that it still works
// (a small caseload, no timing asserted).
describe('timeline benchmark', () => {
  it('generates every pathway with two years of events, deterministically', () => {
    const children = generateChildren(templates, 16, 7);
    expect(new Set(children.map((c) => c.pathway.id)).size).toBe(templates.ofKind('pathway').length);
    expect(JSON.stringify(generateChildren(templates, 16, 7))).toBe(JSON.stringify(children));
    for (const c of children) {
      expect(c.events.length).toBeGreaterThan(3);
      const dates = c.events.map((e) => e.date).sort();
      expect(dates[0]! < '2025-06-01').toBe(true);
      const meetings = (c.meetings ?? []).map((m) => m.date!).sort();
      expect(meetings[0]! < '2025-04-01' && meetings.at(-1)! > '2026-09-01').toBe(true);
    }
  });

  it('evaluates each run and reports its figures', () => {
    const result = runTimelineBench([20, 60]);
    expect(result.runs.map((r) => r.children)).toEqual([20, 60]);
    for (const r of result.runs) {
      expect(r.findings).toBeGreaterThan(0);
      expect(r.childrenPerSecond).toBeGreaterThan(0);
    }
    expect(Number.isFinite(result.ratio)).toBe(true);
  });
});
