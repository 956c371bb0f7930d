/**
 * Benchmark: timeline evaluation across a caseload. Evaluates 500, 5,000 and 50,000 generated
 * children (each a full pathway with two years of events) in one process and reports children
 * per second and the ratio of time per child between the largest and the smallest run: the
 * cost per child must not grow with the caseload (goal: ratio at most 1.5).
 *
 * Then re-rating a whole caseload at the day's change, as the server does it
 * (`sync-server/collab/caseload-rerating.ts`): 2,000 and 50,000 index entries with their rating
 * inputs in a real SQLite records store (in its own thread, as the server opens it), re-rated
 * for the next day, reading pages of entries, writing those whose rating changed, yielding to
 * the event loop between slices. Reported as time, cost per child against the plain engine's in
 * this same process, and the longest the event loop waited; no time is asserted.
 *
 *   npm run bench:timeline [-- 500 5000 50000] [--rerate 2000,50000 | --no-rerate]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../model/calendar/day-math.ts';
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import type { TimelineInput } from '../../model/timeline/types.ts';
import { templates } from '../../templates/index.ts';
import { CaseloadRerating } from '../../sync-server/collab/caseload-rerating.ts';
import { rateStoredInput, storedRatingInput } from '../../sync-server/plans/caseload-rating.ts';
import { openServerRecords } from '../../sync-server/storage/records/open-server-records.ts';
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

export interface RerateRun {
  readonly children: number;
  /** Entries whose rating or next due date changed with the day (and were written). */
  readonly changed: number;
  readonly ms: number;
  readonly microsPerChild: number;
  /** Cost per child against the plain engine run on the same children (1 = the engine alone). */
  readonly ratioToEngine: number;
  /** Longest the event loop waited during the pass (ms). */
  readonly maxLoopDelayMs: number;
}

/**
 * Re-rates a caseload of `n` generated children at the day's change, through the server's own
 * pass on a real (threaded) SQLite records store in a temporary folder, after timing the plain
 * engine on the same inputs.
 */
export async function runRerateBench(n: number, log: (line: string) => void = () => {}): Promise<RerateRun> {
  const inputs = generateChildren(templates, n, n + 1);
  const today = inputs[0]!.today;
  const engine = evaluateAll(inputs);
  const dir = await mkdtemp(join(tmpdir(), 'pb-rerate-bench-'));
  const records = await openServerRecords({ DATA_DIR: dir }, { ownThread: true });
  try {
    log(`storing ${n.toLocaleString('en-GB')} index entries rated for ${today} ...`);
    const updatedAt = new Date().toISOString();
    const batch: Promise<void>[] = [];
    for (const [i, input] of inputs.entries()) {
      const ratingInput = storedRatingInput(input);
      const rated = rateStoredInput(ratingInput, today)!;
      const childId = `c${String(i).padStart(6, '0')}`;
      batch.push(records.putChild({ childId, name: `Child ${i}`, pathwayId: input.pathway.id, pathwayTitle: input.pathway.title, stage: null, ...rated, updatedAt, ratedOn: today }, ratingInput));
      if (batch.length >= 200) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    await records.markCaseloadRated(today);
    const rerating = new CaseloadRerating({ records, refreshFromPlan: () => Promise.resolve(false), timeZone: 'Europe/London', say: () => {} });
    log(`re-rating ${n.toLocaleString('en-GB')} children for ${addDays(today, 1)} ...`);
    let maxLoopDelayMs = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      maxLoopDelayMs = Math.max(maxLoopDelayMs, t - last - 1);
      last = t;
    }, 1);
    const report = await rerating.rateAll(addDays(today, 1));
    clearInterval(probe);
    if (report.failed > 0 || report.entries !== n) throw new Error(`re-rating failed: ${JSON.stringify(report)}`);
    const microsPerChild = (report.ms * 1000) / n;
    const run: RerateRun = { children: n, changed: report.changed, ms: report.ms, microsPerChild, ratioToEngine: microsPerChild / ((engine.ms * 1000) / n), maxLoopDelayMs };
    log(`  ${run.ms.toFixed(0)} ms, ${run.microsPerChild.toFixed(1)} µs/child (${run.ratioToEngine.toFixed(2)} × the engine's), ${run.changed} changed, event loop waited at most ${run.maxLoopDelayMs.toFixed(1)} ms`);
    return run;
  } finally {
    await records.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const rerateAt = argv.indexOf('--rerate');
  const rerateSizes = argv.includes('--no-rerate') ? [] : rerateAt >= 0 ? (argv[rerateAt + 1] ?? '').split(',').map(Number).filter((n) => n > 0) : [2_000, 50_000];
  const args = argv.filter((a, i) => i !== rerateAt + 1 || rerateAt < 0).map(Number).filter((n) => Number.isInteger(n) && n > 0);
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
  if (rerateSizes.length > 0) {
    console.log('');
    const reruns: RerateRun[] = [];
    for (const n of rerateSizes) reruns.push(await runRerateBench(n, (l) => console.log(l)));
    console.log('');
    console.log('re-rating at day change (whole caseload, SQLite records in their own thread)');
    console.log('children   changed       ms   µs/child   × engine   max loop wait ms');
    for (const r of reruns) {
      console.log(
        `${String(r.children).padStart(8)} ${String(r.changed).padStart(9)} ${r.ms.toFixed(0).padStart(8)} ${r.microsPerChild.toFixed(1).padStart(10)} ${r.ratioToEngine.toFixed(2).padStart(10)} ${r.maxLoopDelayMs.toFixed(1).padStart(18)}`,
      );
    }
  }
}
