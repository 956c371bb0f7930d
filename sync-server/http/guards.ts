/**
 * The checks at the start of an API handler, written once: who is signed in (a bearer token of an
 * enabled account, else 401), and the grant they hold on the child of the route (none: 404, so
 * ids of others' children are not confirmed; read asking to change: 403), or that they
 * administer. And {@link ApiDeps}, what every route module is given.
 */
import type { IncomingMessage } from 'node:http';
import { CHILD_ID } from '../../model/wire/index.ts';
import { mayCreateChildren } from '../plans/child-creators.ts';
import type { Plans } from '../plans/plans.ts';
import type { Account, Grant, ServerRecords } from '../storage/records/server-records.ts';
import { HttpError } from './router.ts';
import type { Sessions } from './session.ts';

/** What the route modules use. */
export interface ApiDeps {
  readonly records: ServerRecords;
  readonly sessions: Sessions;
  /** Every read and write of a child's documents goes through the plans service. */
  readonly plans: Plans;
  /**
   * The address people reach the server at, for links such as calendar feeds: PUBLIC_URL, else
   * the address the server listens on; never taken from a request's Host header.
   */
  readonly publicUrl: string;
  /** Today in the server's time zone, YYYY-MM-DD: the day calendars and ratings are computed for. */
  readonly today: () => string;
  /** The roles that may create and import children besides administrators (`CHILD_CREATOR_ROLES`). */
  readonly childCreatorRoles: readonly string[];
}

/** Access a route needs on the child named by its `:id`. */
export type Need = 'read' | 'edit';

/** The grant a user holds on a child, or 404 (not 403, so ids of others' children are not confirmed). */
export async function requireGrant(records: ServerRecords, account: Account, childId: string, level: Need): Promise<Grant> {
  if (!CHILD_ID.test(childId)) throw new HttpError(404, 'not-found', 'There is no such child, or you have no access to them.');
  const grant = await records.grantFor(account.username, childId);
  if (!grant || (level === 'edit' && grant.level !== 'edit')) {
    if (grant) throw new HttpError(403, 'forbidden', 'You can read this plan but not change it.');
    throw new HttpError(404, 'not-found', 'There is no such child, or you have no access to them.');
  }
  return grant;
}

/** 403 unless the account may administer. */
export function requireAdmin(account: Account): void {
  if (!account.admin) throw new HttpError(403, 'forbidden', 'Only an administrator can do this. Ask your administrator.');
}

/** 403 unless the account may create and import children (`plans/child-creators.ts`). */
export function requireChildCreator(account: Account, roles: readonly string[]): void {
  if (!mayCreateChildren(account, roles)) {
    throw new HttpError(403, 'forbidden', `Only ${[...roles, 'administrators'].join(', ')} can add children to the board. Ask your team manager.`);
  }
}

/**
 * The signed-in account of `req` and its grant on `childId` at `level`: the start of every
 * handler of a child's route. `account` may be given when the caller was identified otherwise
 * (a calendar feed key).
 */
export async function guard(
  deps: Pick<ApiDeps, 'records' | 'sessions'>,
  req: IncomingMessage,
  childId: string,
  level: Need,
  account?: Account,
): Promise<{ account: Account; grant: Grant }> {
  const who = account ?? (await deps.sessions.user(req));
  return { account: who, grant: await requireGrant(deps.records, who, childId, level) };
}

/** The signed-in account of `req`, which must administer. */
export async function guardAdmin(deps: Pick<ApiDeps, 'sessions'>, req: IncomingMessage): Promise<Account> {
  const account = await deps.sessions.user(req);
  requireAdmin(account);
  return account;
}
