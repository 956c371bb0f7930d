/**
 * iCalendar feeds over HTTP: one child's plan (`GET /api/children/:id/calendar.ics`) and every
 * child a user may read (`GET /api/calendar.ics`), built as the admin `calendar` command builds
 * a file (`../calendar/entries.ts` and `../calendar/ical.ts`) from the live plan and today's
 * timeline.
 *
 * Calendar apps cannot send an Authorization header, so each user has a calendar feed key: a
 * random secret kept in the server settings (`calendar-key:<username>`), never in a document.
 * `GET /api/me/calendar-url` gives the feed address with `?key=<username>.<secret>` (making the
 * secret on first use, for the signed-in account only); `POST /api/me/calendar-key/rotate` makes
 * a new one and the old address stops at once; an administrator revokes one with
 * `npm run admin -- users revoke-calendar <username>`; a password change or a disable revokes it
 * too. The feed routes take either a bearer token or a valid key, and answer at most
 * {@link CALENDAR_LIMITS} requests per address. A key is checked with the same work whether or
 * not its username exists or has a key (both looked up, then compared in constant time with the
 * stored secret or a dummy one), and never makes a key; it only ever works while the account is
 * enabled and only for the children it may read now.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timelineInputOf } from '../../model/timeline/of-plan.ts';
import { ukDate } from '../../model/words.ts';
import { templates } from '../../templates/index.ts';
import { planCalendar, type CalendarEntry, type PlanCalendar } from '../calendar/entries.ts';
import { toICalendar } from '../calendar/ical.ts';
import { planOf } from '../plans/child-documents.ts';
import { planDocumentName, type CalendarUrlReply } from '../../model/wire/index.ts';
import { calendarKeySetting, readSetting } from '../storage/records/account-settings.ts';
import { USERNAME, type Account, type ServerRecords } from '../storage/records/server-records.ts';
import { guard, type ApiDeps } from './guards.ts';
import { HttpError, type Router } from './router.ts';

/** Feed requests per address (`TRUST_PROXY` says which) in a window: calendar apps poll every 15 minutes or more. */
export const CALENDAR_LIMITS = { perAddress: 60, windowSeconds: 60 } as const;

/** The key as it appears in a feed address: `<username>.<secret in base64url>`. */
export function formatCalendarKey(username: string, secret: Uint8Array): string {
  return `${username}.${Buffer.from(secret).toString('base64url')}`;
}

/** Splits a key into username and secret text; undefined when it cannot be one. */
export function parseCalendarKey(key: string): { username: string; secret: string } | undefined {
  const dot = key.lastIndexOf('.');
  if (dot < 0 || key.length > 200) return undefined;
  const username = key.slice(0, dot);
  const secret = key.slice(dot + 1);
  if (!USERNAME.test(username) || !/^[A-Za-z0-9_-]{16,}$/.test(secret)) return undefined;
  return { username, secret };
}

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** A user's calendar feed secret, made on first use (32 random bytes). Call it only for a signed-in account. */
export function calendarSecret(records: ServerRecords, username: string): Promise<Uint8Array> {
  return records.setting(calendarKeySetting(username), () => randomBytes(32));
}

const BAD_KEY = 'This calendar link is not valid (any more). Sign in and get a new link from GET /api/me/calendar-url.';

/** What a key is compared with when its username has no key: random, so no key ever matches it. */
const DUMMY_SECRET = randomBytes(32).toString('base64url');

/**
 * The enabled account a feed key names, or 401. A well-formed key costs the same lookups and
 * comparison whether or not its username exists or has a key, and never makes one.
 */
export async function accountForKey(records: ServerRecords, key: string): Promise<Account> {
  const parsed = parseCalendarKey(key);
  if (!parsed) throw new HttpError(401, 'unauthorized', BAD_KEY);
  const [account, stored] = await Promise.all([records.account(parsed.username), readSetting(records, calendarKeySetting(parsed.username))]);
  const expected = stored ? Buffer.from(stored).toString('base64url') : DUMMY_SECRET;
  const same = sameSecret(parsed.secret, expected);
  if (!same || !stored || !account || account.disabled) throw new HttpError(401, 'unauthorized', BAD_KEY);
  return account;
}

/**
 * One child's plan as a calendar for `today` (no entries when it names no known pathway);
 * undefined when it has no readable plan. Kept per plan state and day (`plans.derive`), read from
 * the live plan without a copy: fetching a large plan's feed again costs nothing until it changes.
 */
export async function childCalendar(
  deps: Pick<ApiDeps, 'plans'>,
  childId: string,
  today: string,
): Promise<PlanCalendar | undefined> {
  const calendar = await deps.plans.derive('calendar', planDocumentName(childId), today, (doc) => {
    const plan = planOf(doc);
    return plan ? planCalendar(plan, childId, timelineInputOf(plan, templates, today)) : null;
  });
  return calendar ?? undefined;
}

/** The address of the server as people reach it (PUBLIC_URL or the listen address, never the Host header), ending in "/". */
function baseUrl(deps: ApiDeps): string {
  const base = deps.publicUrl;
  return base.endsWith('/') ? base : `${base}/`;
}

function sendCalendar(res: ServerResponse, text: string, filename: string): undefined {
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `inline; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(text);
  return undefined;
}

/** Registers the calendar feeds and `GET /api/me/calendar-url`. */
export function calendarRoutes(router: Router, deps: ApiDeps): void {
  const { records, sessions } = deps;
  const perAddress = new RateLimiterMemory({ points: CALENDAR_LIMITS.perAddress, duration: CALENDAR_LIMITS.windowSeconds });
  const who = async (req: IncomingMessage, query: URLSearchParams): Promise<Account> => {
    try {
      await perAddress.consume(sessions.address(req));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new HttpError(429, 'too-many-requests', `Too many calendar requests from this address. Try again in ${seconds} second(s).`, { 'retry-after': String(seconds) });
    }
    const key = query.get('key');
    return key !== null ? accountForKey(records, key) : sessions.user(req);
  };
  const feedUrls = async (req: IncomingMessage, account: Account, message: string): Promise<CalendarUrlReply> => {
    const key = formatCalendarKey(account.username, await calendarSecret(records, account.username));
    const base = baseUrl(deps);
    return {
      url: new URL(`api/calendar.ics?key=${encodeURIComponent(key)}`, base).href,
      childUrl: `${new URL('api/children/', base).href}{childId}/calendar.ics?key=${encodeURIComponent(key)}`,
      message,
    };
  };

  router.on('GET', '/api/me/calendar-url', async ({ req }) =>
    feedUrls(req, await sessions.user(req), 'Subscribe to this address in Outlook or Google Calendar. It works without signing in, so keep it as private as a password.'),
  );

  router.on('POST', '/api/me/calendar-key/rotate', async ({ req }) => {
    const account = await sessions.user(req);
    await records.deleteSetting(calendarKeySetting(account.username));
    return feedUrls(req, account, 'Your calendar link has changed and the old one has stopped working: subscribe to this new address in your calendar apps.');
  });

  router.on('GET', '/api/children/:id/calendar.ics', async ({ req, res, params, query }) => {
    await guard(deps, req, params.id!, 'read', await who(req, query));
    const today = deps.today();
    const child = await childCalendar(deps, params.id!, today);
    if (!child) throw new HttpError(404, 'not-found', 'This child has no readable plan.');
    const text = toICalendar({ name: child.title, description: child.description, entries: child.entries, stamp: new Date() });
    return sendCalendar(res, text, `plan-${params.id!}.ics`);
  });

  router.on('GET', '/api/calendar.ics', async ({ req, res, query }) => {
    const account = await who(req, query);
    const today = deps.today();
    const entries: CalendarEntry[] = [];
    const grants = await records.grantsOf(account.username);
    for (const grant of grants) {
      const child = await childCalendar(deps, grant.childId, today);
      if (!child) continue;
      for (const e of child.entries) entries.push({ ...e, summary: `${child.name}: ${e.summary}`, description: `Child: ${child.name}\n${e.description}` });
    }
    const text = toICalendar({
      name: `Permanence plans: ${account.name}`,
      description: `Dates of the permanence plans ${account.name} may read (${grants.length} ${grants.length === 1 ? 'child' : 'children'}), as of ${ukDate(today)}.`,
      entries,
      stamp: new Date(),
    });
    return sendCalendar(res, text, 'permanence-plans.ics');
  });
}
