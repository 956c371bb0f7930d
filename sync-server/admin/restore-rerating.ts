/**
 * After `restore`: every caseload entry re-rated for today from its restored plan, so a restored
 * store shows the ratings of today at once (the admin `children` list, and the board before the
 * server's own start-up pass has got to it), not those of the day the backup was taken, and
 * carries each entry's rating input for the nightly pass. A backup made by PostgreSQL (JSON lines)
 * holds each entry's rating and next due date but neither its rating input nor the day it was
 * rated for; a SQLite backup holds both, but of the backup's day. Either way the entries are
 * rewritten from the plans here, for the server's today (`TIME_ZONE`), and the caseload is marked
 * rated for it. A child without a plan document keeps its entry as restored.
 */
import { planDocumentName } from '../../model/wire/index.ts';
import { indexEntryOf } from '../plans/caseload-rating.ts';
import { readStored } from '../storage/documents/stored-document.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';

/** Entries read per page of the index. */
const PAGE = 200;

/** What the re-rating did: entries looked at, and those rewritten from their plan. */
export interface RestoreRerating {
  readonly entries: number;
  readonly rated: number;
}

/** Re-rates every caseload entry of the store for `today` (YYYY-MM-DD) from its plan, then marks the caseload rated. */
export async function rerateRestored(store: { readonly log: DocumentLog; readonly records: ServerRecords }, today: string): Promise<RestoreRerating> {
  let entries = 0;
  let rated = 0;
  let after: string | null = null;
  for (;;) {
    const page = await store.records.childrenToRate(after, PAGE);
    if (page.length === 0) break;
    after = page.at(-1)!.summary.childId;
    for (const { summary } of page) {
      entries++;
      const doc = await readStored(store.log, planDocumentName(summary.childId));
      if (!doc) continue;
      try {
        const entry = indexEntryOf(summary.childId, doc, today);
        await store.records.putChild({ ...entry.summary, updatedAt: summary.updatedAt }, entry.ratingInput);
        rated++;
      } finally {
        doc.destroy();
      }
    }
  }
  await store.records.markCaseloadRated(today);
  return { entries, rated };
}
