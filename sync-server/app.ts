/**
 * The whole server in one process and one port: Hocuspocus at the WebSocket path `/collab`
 * (access control, update checks, durable storage, optional Redis), the JSON API under `/api`,
 * `/healthz`, and the built client. `startApp` opens storage, listens, and returns a handle
 * whose `stop()` stops accepting, saves everything and closes storage.
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HealthReply } from '../model/wire/index.ts';
import { planLimitsOf, type Config } from './config.ts';
import { AccessControl } from './collab/access-control.ts';
import { DurableDocuments } from './collab/durable-documents.ts';
import { Presence } from './collab/presence.ts';
import { sharedThroughRedis } from './collab/redis-sharing.ts';
import { SocketFrontExtension, type SocketFront } from './collab/socket-front.ts';
import { UpdateChecks } from './collab/update-checks.ts';
import { calendarRoutes } from './http/calendar-api.ts';
import { childrenRoutes } from './http/children-api.ts';
import type { ApiDeps } from './http/guards.ts';
import { healthRoute } from './http/health-route.ts';
import { historyRoutes } from './http/history-api.ts';
import { Router, sendJson } from './http/router.ts';
import { securityHeaders, setSecurityHeaders } from './http/security-headers.ts';
import { Sessions } from './http/session.ts';
import { versionsRoutes } from './http/versions-api.ts';
import { AuditHeadLog } from './collab/audit-head-log.ts';
import { auditEntriesOf } from './plans/audit-entries.ts';
import { Activity } from './collab/activity.ts';
import { CaseloadRerating } from './collab/caseload-rerating.ts';
import { DEFAULT_TIME_ZONE, dayIn } from './plans/local-day.ts';
import { creatorRoles } from './plans/child-creators.ts';
import { openServerRecords } from './storage/records/open-server-records.ts';
import type { ServerRecords } from './storage/records/server-records.ts';
import { createCompactor, type Compactor } from './storage/documents/compaction.ts';
import type { DocumentLog } from './storage/documents/document-log.ts';
import { describeStore } from './storage/db/storage-config.ts';
import { openStoreLog } from './storage/backup/store-backup.ts';
import { Plans } from './plans/plans.ts';
import { staticFiles } from './static-files.ts';
import type { LoginLimits } from './http/login-limiter.ts';
import { UpdateValidator } from './validation/update-validator.ts';

export interface App {
  readonly url: string;
  readonly port: number;
  readonly hocuspocus: Hocuspocus;
  readonly records: ServerRecords;
  readonly log: DocumentLog;
  readonly durable: DurableDocuments;
  readonly activity: Activity;
  /** Re-rates the caseload index at each day's change and on start (`rerating.rateAll(day)` re-rates now, for tests). */
  readonly rerating: CaseloadRerating;
  /** Logs the audit chain head at start and at each day's change. */
  readonly auditHeadLog: AuditHeadLog;
  readonly plans: Plans;
  readonly access: AccessControl;
  readonly front: SocketFront;
  readonly server: Server;
  /** Today in the server's time zone (`TIME_ZONE`, Europe/London by default), YYYY-MM-DD. */
  today(): string;
  /** What `/healthz` reports. */
  health(): Health;
  /** Stops accepting, saves every document, closes storage. Resolves true when everything was saved. */
  stop(): Promise<boolean>;
}

/** What `/healthz` answers (`model/wire/http/health.ts`). */
export type Health = HealthReply;

export interface AppOptions {
  /** Folder of the built client; defaults to client/dist. */
  readonly clientDir?: string;
  readonly say?: (message: string, error?: unknown) => void;
  /** How often open connections re-check their access, ms. */
  readonly recheckMs?: number;
  /** The clock the caseload is rated by (tests move it); defaults to the system clock. */
  readonly now?: () => Date;
  /** Sign-in limits instead of the documented ones (tests shorten the windows). */
  readonly loginLimits?: Partial<LoginLimits>;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const say = options.say ?? ((m: string, e?: unknown) => (e ? console.error(m, e) : console.log(m)));
  // SQLite connections in threads of their own: a commit waiting for the disk never pauses forwarding.
  const log = await openStoreLog(config, { ownThread: true });
  const records = await openServerRecords(config, { ownThread: true });
  const secret = await records.setting('token-signing-secret', () => randomBytes(32));
  const compactor: Compactor = createCompactor(log, { onError: say });
  const limits = planLimitsOf(config);
  const validator = new UpdateValidator({ maxDocumentBytes: limits.planBytes });
  const durable = new DurableDocuments(log, { log: say, auditOf: (name, updates) => auditEntriesOf(name, updates, new Date().toISOString()) });
  const stopCompacting = durable.onStored((name) => compactor.noteAppend(name));
  // One clock and one time zone for the server's day: refreshes on edits, the nightly pass, the
  // calendar feeds and the demo all count days alike.
  const now = options.now ?? ((): Date => new Date());
  const timeZone = config.TIME_ZONE ?? DEFAULT_TIME_ZONE;
  const today = (): string => dayIn(now(), timeZone);
  const activity = new Activity({ records, log, stored: durable, today, say });
  const auditHeadLog = new AuditHeadLog({ records, now, timeZone, say });
  const rerating = new CaseloadRerating({ records, refreshFromPlan: (childId, day) => activity.refreshIndex(childId, day), now, timeZone, say });
  const front = new SocketFrontExtension({ barrier: (name) => durable.barrier(name), log: say, maxSocketsPerPerson: config.MAX_SOCKETS_PER_PERSON });
  const access = new AccessControl(records, secret, { recheckMs: options.recheckMs ?? 1000, log: say, admitSocket: (request, username) => front.admit(request, username) });
  const presence = new Presence({ log: say });
  const checks = new UpdateChecks(validator, (r) => say(`collab: refused an update to ${r.document} from ${r.username ?? 'unknown'} (${r.bytes} bytes): ${r.code}: ${r.reason}${r.problems ? `: ${r.problems.join('; ')}` : ''}`), {
    clockSkewMs: config.CLOCK_SKEW_SECONDS !== undefined ? config.CLOCK_SKEW_SECONDS * 1000 : undefined,
  });
  // Hook order by priority: access (1000), then Redis (1000, added after it), presence (900),
  // checks (200), durable storage (150), then activity and the socket front (100).
  const extensions: Extension[] = [access, presence, checks, durable, activity, front];
  if (config.REDIS_URL) extensions.push(sharedThroughRedis(config.REDIS_URL, say));
  const hocuspocus = new Hocuspocus({ name: 'permanence-board', quiet: true, timeout: 30_000, extensions });

  // The address people reach the server at: PUBLIC_URL, else the address it listens on (never a
  // request's Host header). Known once listening; calendar links and the CSP use it.
  let address = config.PUBLIC_URL ?? 'http://127.0.0.1/';
  let headers = securityHeaders(address);
  const sessions = new Sessions(records, secret, { trustedProxies: config.TRUST_PROXY ?? 0, limits: options.loginLimits });
  const router = new Router();
  sessions.routes(router);
  const barrier = (name: string): Promise<void> | undefined => durable.barrier(name);
  const index = { refreshIndex: async (childId: string): Promise<void> => void (await activity.refreshIndex(childId)) };
  const plans = new Plans({ records, log, host: hocuspocus, durable: barrier, index, limits });
  const apiDeps: ApiDeps = {
    records,
    sessions,
    plans,
    get publicUrl(): string {
      return address;
    },
    today,
    childCreatorRoles: creatorRoles(config.CHILD_CREATOR_ROLES),
  };
  childrenRoutes(router, apiDeps);
  historyRoutes(router, apiDeps);
  versionsRoutes(router, apiDeps);
  calendarRoutes(router, apiDeps);
  const serveClient = staticFiles(options.clientDir ?? fileURLToPath(new URL('../client/dist', import.meta.url)), { sourceMaps: config.SOURCE_MAPS === 'on' });

  const health = (): Health => {
    const d = durable.health();
    return {
      status: d.storage === 'ok' && d.unsaved.length === 0 ? 'ok' : 'degraded',
      storage: { kind: log.kind, state: d.storage, lastError: d.lastError },
      unsaved: [...d.unsaved],
      documents: hocuspocus.getDocumentsCount(),
      connections: front.counts(),
    };
  };

  const answerHealth = healthRoute(sessions, health);
  const server = createServer((req, res) => {
    setSecurityHeaders(res, headers);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      void answerHealth(req, res);
      return;
    }
    if (path.startsWith('/api/') || path === '/api') {
      void router.handle(req, res).then((handled) => {
        if (!handled) sendJson(res, 404, { error: 'not-found', message: `There is no API at ${path}.` });
      });
      return;
    }
    serveClient(req, res);
  });
  front.attach(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  void compactor.checkAll().catch((error: unknown) => say('compaction: start-up check failed', error));
  // In the background: a server that was down over midnight re-rates every plan now.
  void rerating.start();
  void auditHeadLog.start();
  const port = (server.address() as AddressInfo).port;
  const url = config.PUBLIC_URL ?? listenAddress(config.HOST, port);
  address = url;
  headers = securityHeaders(address);
  say(`storage: ${describeStore(config)}`);

  let stopping: Promise<boolean> | undefined;
  const stop = (): Promise<boolean> =>
    (stopping ??= (async () => {
      front.close(1001, 'server-shutting-down');
      server.close();
      server.closeAllConnections();
      const saved = await durable.flushAll(7000);
      // With Redis, documents unload a second after their last connection (the extension lets
      // last syncs through first); destroying it before that would leave them unsubscribing
      // on a closed Redis connection.
      if (config.REDIS_URL) await documentsUnloaded(hocuspocus, 1500);
      await rerating.stop();
      auditHeadLog.stop();
      await activity.settle().catch((error: unknown) => say('activity: could not settle on shutdown', error));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined);
      stopCompacting();
      await compactor.close().catch(() => undefined);
      await validator.close().catch(() => undefined);
      await log.close();
      await records.close();
      return saved;
    })());

  return { url, port, hocuspocus, records, log, durable, activity, rerating, auditHeadLog, plans, access, front, server, today, health, stop };
}

/** `http://<host>:<port>/` for the address the server listens on (IPv6 in brackets). */
function listenAddress(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** Resolves once Hocuspocus holds no document, or after `timeoutMs`. */
async function documentsUnloaded(hocuspocus: Hocuspocus, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (hocuspocus.getDocumentsCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}
