/**
 * A generated caseload for benchmarks: fictional children, each on one of the shipped
 * pathways with two years of recorded events (stages in order, mostly on time, some late,
 * some missing; PPMs, tracker meetings and visits as the recurrences expect; PPM actions).
 * Deterministic for a seed, so runs are comparable.
 */
import { addMonths, formatDay, fromYmd, type Day } from '../../model/calendar/day.ts';
import type { PathwayTemplate } from '../../model/template/pathway.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import type { MeetingRecord, RecordedEvent, TimelineInput } from '../../model/timeline/types.ts';

/** mulberry32: a small, fast, seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stages in an order where every stage comes after those it requires. */
function ordered(p: PathwayTemplate): PathwayTemplate['stages'] {
  const byId = new Map(p.stages.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const out: PathwayTemplate['stages'][number][] = [];
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const r of byId.get(id)?.requires ?? []) visit(r);
    out.push(byId.get(id)!);
  };
  for (const s of p.stages) visit(s.id);
  return out;
}

const STEP_DAYS: Record<string, number> = { 'calendar-days': 1, 'working-days': 1.4, weeks: 7, months: 30, hours: 1 / 24 };

/** Generates `count` children's timeline inputs; `today` is two years after the earliest start. */
export function generateChildren(registry: TemplateRegistry, count: number, seed = 1): TimelineInput[] {
  const rnd = random(seed);
  const pathways = registry.ofKind('pathway');
  const plans = pathways.map((p) => ({ pathway: p, stages: ordered(p) }));
  const today = '2026-11-23';
  const todayDay = fromYmd(2026, 11, 23);
  const out: TimelineInput[] = [];
  for (let i = 0; i < count; i++) {
    const { pathway, stages } = plans[i % plans.length]!;
    const start: Day = todayDay - 730 + Math.floor(rnd() * 120);
    const facts = {
      jurisdiction: pathway.jurisdiction[0],
      proceedings: rnd() < 0.7 ? 'Care proceedings' : 'None',
      multiTrack: rnd() < 0.4,
      earlyPermanence: rnd() < 0.2,
      primaryPlan: ['Permanent fostering', 'Special Guardianship Order (SGO)', 'Adoption'][Math.floor(rnd() * 3)],
    };
    const events: RecordedEvent[] = [];
    const when = new Map<string, Day>();
    let cursor = start;
    for (const s of stages) {
      if (s.optional && rnd() < 0.6) continue;
      if (rnd() < 0.04) continue; // missing
      const after = Math.max(cursor, ...s.requires.map((r) => when.get(r) ?? cursor));
      const d0 = s.deadlines[0];
      const planned = d0 ? Math.max(1, Math.round(d0.offset.amount * STEP_DAYS[d0.offset.unit]! * 0.3)) : 3 + Math.floor(rnd() * 10);
      const date = after + planned + (rnd() < 0.15 ? 7 + Math.floor(rnd() * 30) : 0);
      if (date > todayDay) break;
      when.set(s.id, date);
      events.push({ stage: s.id, date: formatDay(date) });
      cursor = Math.max(cursor, date - 20);
      for (const r of s.recurrence.slice(0, 1)) {
        // Repeats roughly on the rule's rhythm, for up to two years.
        const step = /MONTHLY/.test(r.rrule) ? 30 : /INTERVAL=6/.test(r.rrule) ? 42 : /INTERVAL=4/.test(r.rrule) ? 28 : /YEARLY/.test(r.rrule) ? 365 : 7;
        let d = date + step - Math.floor(rnd() * 5);
        for (let k = 0; k < 60 && d <= todayDay; k++) {
          if (rnd() > 0.05) events.push({ stage: s.id, date: formatDay(d) });
          d += step - Math.floor(rnd() * 5) + (rnd() < 0.05 ? 20 : 0);
        }
      }
    }
    const meetings: MeetingRecord[] = [];
    for (let m = 0, d = start + 14; m < 12 && d <= todayDay; m++, d = addMonths(d, 2)) {
      meetings.push({
        id: `m${m}`,
        date: formatDay(d),
        actions: [0, 1, 2].map((k) => ({
          id: `m${m}a${k}`,
          text: `Action ${k + 1} agreed at meeting ${m + 1}`,
          responsible: 'Social worker',
          targetDate: formatDay(d + 14 + k * 7),
          completedDate: rnd() < 0.8 ? formatDay(d + 10 + k * 7 + Math.floor(rnd() * 14)) : undefined,
        })),
      });
    }
    out.push({ pathway, today, facts, events, meetings });
  }
  return out;
}
