/**
 * Benchmark: timeline evaluation across a caseload. Evaluates 500, 5,000 and 50,000 generated
 * children (each a full pathway with two years of events) in one process and reports children
 * per second and the ratio of time per child between the largest and the smallest run: the
 * cost per child must not grow with the caseload (goal: ratio at most 1.5).
 *
 *   npm run bench:timeline [-- 500 5000 50000]
 */
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import type { TimelineInput } from '../../model/timeline/types.ts';
import { templates } from '../../templates/index.ts';
import { generateChildren } from './generated-children.ts';

export interface BenchRun {
  readonly children: number;
  readonly events: number;
  readonly ms: number;
  readonly childrenPerSecond: number;
  readonly microsPerChild: number;
  /** Findings over all children, so the work cannot be optimised away. */
  readonly findings: number;
}

export interface BenchResult {
  readonly runs: readonly BenchRun[];
  /** Time per child of the largest run divided by that of the smallest. */
  readonly ratio: number;
}

function evaluateAll(inputs: readonly TimelineInput[]): { ms: number; findings: number } {
  const t0 = performance.now();
  let findings = 0;
  for (const input of inputs) findings += evaluateTimeline(input).findings.length;
  return { ms: performance.now() - t0, findings };
}

/** Runs the benchmark for each size (after a warm-up on the smallest) and returns the figures. */
export function runTimelineBench(sizes: readonly number[], log: (line: string) => void = () => {}): BenchResult {
  const warm = generateChildren(templates, Math.min(200, sizes[0] ?? 200), 99);
  evaluateAll(warm);
  const runs: BenchRun[] = [];
  for (const n of sizes) {
    log(`generating ${n.toLocaleString('en-GB')} children ...`);
    const inputs = generateChildren(templates, n, n);
    const events = inputs.reduce((sum, i) => sum + i.events.length, 0);
    log(`evaluating ${n.toLocaleString('en-GB')} children (${events.toLocaleString('en-GB')} events) ...`);
    const { ms, findings } = evaluateAll(inputs);
    const run: BenchRun = { children: n, events, ms, childrenPerSecond: (n / ms) * 1000, microsPerChild: (ms * 1000) / n, findings };
    runs.push(run);
    log(`  ${run.ms.toFixed(0)} ms, ${run.childrenPerSecond.toFixed(0)} children/s, ${run.microsPerChild.toFixed(1)} µs/child, ${findings} findings`);
  }
  const smallest = runs[0]!;
  const largest = runs[runs.length - 1]!;
  return { runs, ratio: largest.microsPerChild / smallest.microsPerChild };
}

if (import.meta.main) {
  const args = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const sizes = args.length > 0 ? args : [500, 5_000, 50_000];
  const result = runTimelineBench(sizes, (l) => console.log(l));
  console.log('');
  console.log('children   events       ms      children/s   µs/child');
  for (const r of result.runs) {
    console.log(
      `${String(r.children).padStart(8)} ${String(r.events).padStart(9)} ${r.ms.toFixed(0).padStart(8)} ${r.childrenPerSecond.toFixed(0).padStart(14)} ${r.microsPerChild.toFixed(1).padStart(10)}`,
    );
  }
  console.log(`ratio of time per child, largest/smallest run: ${result.ratio.toFixed(2)} (goal: at most 1.5)`);
  process.exitCode = result.ratio <= 1.5 ? 0 : 1;
}
