/**
 * `calendar <plan.json> [--today YYYY-MM-DD] [--out file.ics]`: one child's plan as an
 * iCalendar file to import into Outlook or Google Calendar: stages due, stages recorded, PPM
 * meetings, open PPM actions, introduction plan checks, and each running series of repeats
 * (PPMs, tracker meetings, visits) as one repeating event. Written to stdout, or to `--out`.
 *
 * The file holds the child's name and the text of PPM actions: it is part of the case record
 * and should be kept like one.
 *
 * Exit status: 0 when written, 2 when the plan cannot be read (as `check`) or the file cannot
 * be written. Red findings do not change the status: that is `check`'s job.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { templates } from '../../templates/index.ts';
import { planCalendar } from '../calendar/entries.ts';
import { toICalendar } from '../calendar/ical.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { parseToday, readTimelinePlan } from './plan-file.ts';

const USAGE = 'usage: npm run admin -- calendar <plan.json> [--today YYYY-MM-DD] [--out file.ics]';

export const calendarCommand: AdminCommand = {
  name: 'calendar',
  summary: "write a plan file's dates as an iCalendar (.ics) file [--today D] [--out file.ics]",
  async run(args, io) {
    let values: { today?: string; out?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: { today: { type: 'string' }, out: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }));
    } catch (error) {
      return usageError(io, (error as Error).message);
    }
    if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'name the plan file' : 'one plan file at a time');
    if (values.out === '') return usageError(io, '--out needs a file name');
    const path = positionals[0]!;
    const today = parseToday(values.today);
    if (!today.ok) return usageError(io, today.problem);

    const read = await readTimelinePlan(io, 'calendar', path, 'cannot be read as a plan', templates, today.today);
    if (!read) return 2;
    const childId = read.meta.childId;
    const calendar = planCalendar(read.plan, childId, read.input);
    const text = toICalendar({ name: calendar.title, description: calendar.description, entries: calendar.entries, stamp: new Date() });
    if (values.out === undefined) {
      // io.out ends each line with "\n"; the text ends with CRLF, so give it all but the "\n".
      io.out(text.slice(0, -1));
      return 0;
    }
    try {
      await writeFile(values.out, text, 'utf8');
    } catch (error) {
      io.err(`calendar: cannot write ${values.out}: ${(error as Error).message}`);
      return 2;
    }
    io.out(`Wrote ${calendar.entries.length} events for ${calendar.name} (child ${childId}) to ${values.out}`);
    return 0;
  },
};

function usageError(io: AdminIo, message: string): number {
  io.err(`calendar: ${message}`);
  io.err(USAGE);
  return 2;
}
