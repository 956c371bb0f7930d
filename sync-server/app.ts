/**
 * The whole server in one process and one port: Hocuspocus at the WebSocket path `/collab`
 * (access control, update checks, durable storage, optional Redis), the JSON API under `/api`,
 * `/healthz`, and the built client. `startApp` opens storage, listens, and returns a handle
 * whose `stop()` stops accepting, saves everything and closes storage.
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { AccessControl } from './collab/access-control.ts';
import { DurableDocuments } from './collab/durable-documents.ts';
import { attachSocketFront, type SocketFront } from './collab/socket-front.ts';
import { UpdateChecks } from './collab/update-checks.ts';
import { childrenRoutes } from './http/children-api.ts';
import { Router, sendJson } from './http/router.ts';
import { Sessions } from './http/session.ts';
import { Activity } from './records/activity.ts';
import { openServerRecords } from './records/open-server-records.ts';
import type { ServerRecords } from './records/server-records.ts';
import { createCompactor, type Compactor } from './storage/compaction.ts';
import type { DocumentLog } from './storage/document-log.ts';
import { describeStore, openDocumentLog } from './storage/open-document-log.ts';
import { staticFiles } from './static-files.ts';
import { UpdateValidator } from './validation/update-validator.ts';

export interface App {
  readonly url: string;
  readonly port: number;
  readonly hocuspocus: Hocuspocus;
  readonly records: ServerRecords;
  readonly log: DocumentLog;
  readonly durable: DurableDocuments;
  readonly activity: Activity;
  readonly access: AccessControl;
  readonly front: SocketFront;
  readonly server: Server;
  /** What `/healthz` reports. */
  health(): Health;
  /** Stops accepting, saves every document, closes storage. Resolves true when everything was saved. */
  stop(): Promise<boolean>;
}

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly storage: { readonly kind: string; readonly state: 'ok' | 'failing'; readonly lastError?: string };
  readonly unsaved: readonly { document: string; updates: number; since: string }[];
  readonly documents: number;
  readonly connections: { open: number; unauthenticated: number };
}

export interface AppOptions {
  /** Folder of the built client; defaults to client/dist. */
  readonly clientDir?: string;
  readonly say?: (message: string, error?: unknown) => void;
  /** How often open connections re-check their access, ms. */
  readonly recheckMs?: number;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const say = options.say ?? ((m: string, e?: unknown) => (e ? console.error(m, e) : console.log(m)));
  const log = await openDocumentLog(config);
  const records = await openServerRecords(config);
  const secret = await records.setting('token-signing-secret', () => randomBytes(32));
  const compactor: Compactor = createCompactor(log, { onError: say });
  const validator = new UpdateValidator();
  /** Parts made later that earlier callbacks refer to. */
  const late: { hocuspocus?: Hocuspocus; front?: SocketFront } = {};
  const activity = new Activity(records, log, () => late.hocuspocus!, say);
  const durable = new DurableDocuments(log, {
    afterAppend: (name) => compactor.noteAppend(name),
    onDurable: (name, batch) => activity.onDurable(name, batch),
    log: say,
  });
  const access = new AccessControl(records, secret, { recheckMs: options.recheckMs ?? 1000, log: say });
  const checks = new UpdateChecks(validator, (r) => say(`collab: refused an update to ${r.document} from ${r.username ?? 'unknown'} (${r.bytes} bytes): ${r.code}: ${r.reason}`));
  const extensions: Extension[] = [
    access,
    checks,
    durable,
    {
      extensionName: 'socket-authenticated',
      connected: async ({ request }) => {
        late.front?.authenticated(request);
        await Promise.resolve();
      },
    },
  ];
  if (config.REDIS_URL) {
    const url = new URL(config.REDIS_URL);
    extensions.push(new RedisExtension({ host: url.hostname, port: Number(url.port || 6379), options: { password: url.password || undefined } }));
  }
  const hocuspocus = new Hocuspocus({ name: 'permanence-board', quiet: true, timeout: 30_000, extensions });
  late.hocuspocus = hocuspocus;

  const sessions = new Sessions(records, secret);
  const router = new Router();
  sessions.routes(router);
  childrenRoutes(router, { records, log, hocuspocus, sessions, activity, durable: (name) => durable.barrier(name) });
  const serveClient = staticFiles(options.clientDir ?? fileURLToPath(new URL('../client/dist', import.meta.url)));

  const health = (): Health => {
    const d = durable.health();
    return {
      status: d.storage === 'ok' && d.unsaved.length === 0 ? 'ok' : 'degraded',
      storage: { kind: log.kind, state: d.storage, lastError: d.lastError },
      unsaved: d.unsaved,
      documents: hocuspocus.getDocumentsCount(),
      connections: late.front?.counts() ?? { open: 0, unauthenticated: 0 },
    };
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      const h = health();
      sendJson(res, h.storage.state === 'ok' ? 200 : 503, h);
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
  const front = attachSocketFront(server, hocuspocus, (name) => durable.barrier(name), say);
  late.front = front;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  void compactor.checkAll().catch((error: unknown) => say('compaction: start-up check failed', error));
  const port = (server.address() as AddressInfo).port;
  const url = config.PUBLIC_URL ?? `http://${config.HOST}:${port}/`;
  say(`storage: ${describeStore(config)}`);

  let stopping: Promise<boolean> | undefined;
  const stop = (): Promise<boolean> =>
    (stopping ??= (async () => {
      front.close(1001, 'server-shutting-down');
      server.close();
      server.closeAllConnections();
      const saved = await durable.flushAll(7000);
      await activity.settle().catch((error: unknown) => say('activity: could not settle on shutdown', error));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined);
      await compactor.close().catch(() => undefined);
      await validator.close().catch(() => undefined);
      await log.close();
      await records.close();
      return saved;
    })());

  return { url, port, hocuspocus, records, log, durable, activity, access, front, server, health, stop };
}
