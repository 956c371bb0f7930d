/**
 * The history part of the HTTP API: who changed which part of a child's plan when, read from the
 * audit log (`GET /api/children/:id/history`), and the audit chain check for administrators
 * (`GET /api/audit/verify`). Identities come from the accounts (full name and role of the
 * authenticated writer, never a Yjs client id). Entries of the restricted document are shown
 * only to users whose grant covers it; to others they do not exist.
 */
import {
  parseDocumentName,
  planDocumentName,
  restrictedDocumentName,
  type AuditVerifyReply,
  type HistoryEntry,
  HistoryQuery,
  type HistoryReply,
  type Person,
} from '../../model/wire/index.ts';
import { META_LABEL, META_ROOT } from '../../model/doc-spec.ts';
import { PLAN_PART_LABELS } from '../../model/plan-spec.ts';
import { RESTRICTED_SPEC } from '../../model/restricted-spec.ts';
import { type Account, type AuditEntry, type ServerRecords } from '../storage/records/server-records.ts';
import { guard, guardAdmin, type ApiDeps } from './guards.ts';
import { HttpError, type Router } from './router.ts';

/** What people call each part (root) of a plan and of its restricted document: the specs' own labels. */
export const PART_LABELS: Readonly<Record<string, string>> = {
  ...PLAN_PART_LABELS,
  [META_ROOT]: META_LABEL,
  ...Object.fromEntries(RESTRICTED_SPEC.roots.map((root) => [root.name, root.label])),
};

/** A part's label; a part without one (not made by this server) is shown by its name. */
export function partLabel(part: string): string {
  return PART_LABELS[part] ?? part;
}

/** Writers that are not accounts: the server itself and the admin command line. */
const NOT_ACCOUNTS: Readonly<Record<string, Person>> = {
  system: { username: 'system', name: 'The server', role: null, organisation: null },
  admin: { username: 'admin', name: 'Administrator (command line)', role: null, organisation: null },
  unknown: { username: 'unknown', name: 'Unknown user', role: null, organisation: null },
};

/** An account as others see it. */
export function personOf(account: Account): Person {
  return { username: account.username, name: account.name, role: account.role || null, organisation: account.organisation || null };
}

/**
 * Looks people up by username, once each per request. A username that is no longer an account
 * (cannot happen today: accounts are disabled, not deleted) is shown as itself.
 */
export function peopleLookup(records: ServerRecords): (username: string) => Promise<Person> {
  const seen = new Map<string, Promise<Person>>();
  return (username) => {
    let found = seen.get(username);
    if (!found) {
      found = records.account(username).then((a) => (a ? personOf(a) : (NOT_ACCOUNTS[username] ?? { username, name: username, role: null, organisation: null })));
      seen.set(username, found);
    }
    return found;
  };
}

/** An audit entry as a history entry (the document is the plan unless it ends in `:restricted`). */
export function historyEntry(entry: AuditEntry, user: Person): HistoryEntry {
  return {
    seq: entry.seq,
    at: entry.at,
    action: entry.action,
    document: parseDocumentName(entry.document)?.kind === 'restricted' ? 'restricted' : 'plan',
    user,
    parts: entry.parts.map((part) => ({ part, label: partLabel(part) })),
    bytes: entry.bytes,
  };
}

/** Merges pages of several documents (each newest first) into one page of at most `limit`, newest first. */
export function mergeNewestFirst(pages: readonly (readonly AuditEntry[])[], limit: number): AuditEntry[] {
  return pages
    .flat()
    .sort((a, b) => b.seq - a.seq)
    .slice(0, limit);
}

/**
 * One page of a child's history, newest first: the plan's entries, and the restricted document's
 * when `withRestricted` (the caller has checked the grant). `next` is the `before` of the next page.
 */
export async function historyPage(
  records: ServerRecords,
  childId: string,
  withRestricted: boolean,
  query: HistoryQuery,
): Promise<HistoryReply> {
  const documents = [planDocumentName(childId), ...(withRestricted ? [restrictedDocumentName(childId)] : [])];
  const pages = await Promise.all(documents.map((d) => records.auditOf(d, query.limit, query.before)));
  const merged = mergeNewestFirst(pages, query.limit);
  const person = peopleLookup(records);
  const entries = await Promise.all(merged.map(async (e) => historyEntry(e, await person(e.username))));
  const last = merged.at(-1);
  return { entries, next: merged.length === query.limit && last && last.seq > 1 ? last.seq : null };
}

/** Registers `GET /api/children/:id/history` (read access) and `GET /api/audit/verify` (administrators). */
export function historyRoutes(router: Router, deps: Pick<ApiDeps, 'records' | 'sessions'>): void {
  const { records } = deps;

  router.on('GET', '/api/children/:id/history', async ({ req, params, query }) => {
    const { grant } = await guard(deps, req, params.id!, 'read');
    const parsed = HistoryQuery.safeParse(Object.fromEntries(query));
    if (!parsed.success) {
      throw new HttpError(400, 'invalid-query', `The query is not right: ${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}.`);
    }
    return historyPage(records, params.id!, grant.restricted, parsed.data);
  });

  router.on('GET', '/api/audit/verify', async ({ req }) => {
    await guardAdmin(deps, req);
    return (await records.verifyAudit()) satisfies AuditVerifyReply;
  });
}
