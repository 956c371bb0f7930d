/**
 * Benchmark (figures only, no pass/fail) of durable editing through the real server
 * (`startTestServer`: SQLite in a temporary folder, or PostgreSQL when DATABASE_URL is set):
 * - durable updates per second on one document (several clients) and across 100 documents (one
 *   client each): clients send edits, each with a few in flight, and count acknowledgements,
 *   which the server sends only once an update is on disk;
 * - memory per open document: heap of this thread (the server's) after gc, with 100 documents
 *   open and edited, less the heap with none open, divided by 100; the process's resident size
 *   too, which includes the validation workers' replicas;
 * - idle documents unloaded: once the clients disconnect and saves complete, the server's
 *   document count returns to 0.
 * The clients are bare wire clients in a worker thread, so their memory and work are not the
 * server's. Each client stays under the server's per-socket rate cap (200 messages/s).
 *
 *   npm run bench:durable -- [--seconds 10] [--rate 150] [--window 8] [--clients 20] [--documents 100]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { WireClient } from './wire-client.ts';
import { option, percentile } from './bench-options.ts';

/** Commands the main thread sends the client worker, one at a time. */
type Command =
  | { readonly cmd: 'open'; readonly url: string; readonly token: string; readonly documents: readonly string[] }
  | { readonly cmd: 'load'; readonly seconds: number; readonly rate: number; readonly window: number }
  | { readonly cmd: 'close' };

/** What a load run measured. */
interface LoadResult {
  readonly sent: number;
  readonly acked: number;
  readonly seconds: number;
  readonly ackMs: number[];
  readonly closed: number;
}

/** Worker side: a set of clients, each with its queue of send times awaiting acknowledgement. */
function clientWorker(): void {
  let clients: { client: WireClient; inFlight: number[]; sent: number }[] = [];
  let measuring: { ackMs: number[]; acked: number } | undefined;
  let edits = 0;
  const reply = (message: unknown): void => parentPort!.postMessage(message);
  parentPort!.on('message', (command: Command) => {
    void (async () => {
      if (command.cmd === 'open') {
        clients = command.documents.map((document) => {
          const entry = { client: undefined as unknown as WireClient, inFlight: [] as number[], sent: 0 };
          entry.client = new WireClient({
            url: command.url,
            document,
            token: command.token,
            onAck: (arrivedAt) => {
              const sentAt = entry.inFlight.shift();
              if (sentAt === undefined || !measuring) return;
              measuring.acked++;
              measuring.ackMs.push(arrivedAt - sentAt);
            },
          });
          return entry;
        });
        await Promise.all(clients.map((c) => c.client.ready));
        // Let the handshake's own acknowledgement arrive before anything is counted.
        await sleep(500);
        // One acknowledged edit each, so every document has content and a validation replica.
        measuring = { ackMs: [], acked: 0 };
        for (const c of clients) {
          c.inFlight.push(c.client.edit(`open${edits++}`));
        }
        while (measuring.acked < clients.length) await sleep(5);
        measuring = undefined;
        reply({ opened: clients.length });
      } else if (command.cmd === 'load') {
        const result = { ackMs: [] as number[], acked: 0 };
        measuring = result;
        const start = performance.now();
        const end = start + command.seconds * 1000;
        let sent = 0;
        for (const c of clients) c.sent = 0;
        while (performance.now() < end) {
          const elapsed = (performance.now() - start) / 1000;
          for (const c of clients) {
            while (c.inFlight.length < command.window && c.sent < command.rate * elapsed && c.client.closed === undefined) {
              c.inFlight.push(c.client.edit(`e${edits++}`));
              c.sent++;
              sent++;
            }
          }
          await sleep(2);
        }
        // Count what is acknowledged of what was sent (a little after the end).
        const drainUntil = performance.now() + 5000;
        while (clients.some((c) => c.inFlight.length > 0 && c.client.closed === undefined) && performance.now() < drainUntil) await sleep(5);
        const seconds = (performance.now() - start) / 1000;
        measuring = undefined;
        reply({ sent, acked: result.acked, seconds, ackMs: result.ackMs, closed: clients.filter((c) => c.client.closed !== undefined).length } satisfies LoadResult);
      } else {
        for (const c of clients) c.client.close();
        clients = [];
        await sleep(100);
        reply({ closed: true });
      }
    })();
  });
}

if (!isMainThread) {
  clientWorker();
} else {
  await main();
}

/** The main thread's end of the client worker. */
function startClients(): { ask: <T>(command: Command) => Promise<T>; stop: () => Promise<number> } {
  const worker = new Worker(new URL(import.meta.url));
  worker.on('error', (error) => {
    console.error('client worker failed', error);
    process.exit(1);
  });
  return {
    ask: <T>(command: Command): Promise<T> => {
      const answer = new Promise<T>((resolve) => worker.once('message', (m: T) => resolve(m)));
      worker.postMessage(command);
      return answer;
    },
    stop: () => worker.terminate(),
  };
}

async function main(): Promise<void> {
  const { addChild, addUser, eventually, login, startTestServer } = await import('../harness/collab.ts');
  const seconds = Number(option('seconds', '10'));
  const rate = Number(option('rate', '150'));
  const window = Number(option('window', '8'));
  const oneDocClients = Number(option('clients', '20'));
  const documentCount = Number(option('documents', '100'));
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = (): number => {
    for (let i = 0; i < 3; i++) gc?.();
    return process.memoryUsage().heapUsed;
  };

  const server = await startTestServer(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}, { recheckMs: 1000 });
  const clients = startClients();
  const { app } = server;
  try {
    console.log(`durable editing through the server: storage ${app.log.kind}${app.log.kind === 'sqlite' ? ` in ${server.dataDir}` : ''}; node ${process.version}${gc ? '' : ' (run with --expose-gc for memory figures)'}`);
    await addUser(app, 'bench');
    const t = performance.now();
    const documents: string[] = [];
    for (let i = 0; i < documentCount; i++) {
      const childId = await addChild(app, `Bench Fiction ${i}`);
      await app.records.grant({ username: 'bench', childId, level: 'edit', restricted: false });
      documents.push(`child:${childId}`);
    }
    console.log(`made ${documentCount} children in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const token = await login(server.url, 'bench');
    const unloaded = async (what: string, started = performance.now()): Promise<number> => {
      await eventually(() => app.durable.health().unsaved.length === 0 && app.hocuspocus.getDocumentsCount() === 0, what, 60_000);
      return performance.now() - started;
    };
    await unloaded('the new children to be unloaded');

    const report = (label: string, r: LoadResult, commits: number): void => {
      console.log(
        `${label.padEnd(34)} ${(r.acked / r.seconds).toFixed(0).padStart(6)} durable updates/s  (${r.acked} acknowledged of ${r.sent} sent in ${r.seconds.toFixed(1)} s; ${commits} commits, ${(r.acked / Math.max(1, commits)).toFixed(1)} updates per commit; ack p50 ${percentile(r.ackMs, 0.5).toFixed(1)} ms, p99 ${percentile(r.ackMs, 0.99).toFixed(1)} ms${r.closed ? `; ${r.closed} sockets closed` : ''})`,
      );
    };
    console.log(`\nload: each client sends up to ${rate} edits/s with at most ${window} unacknowledged, for ${seconds} s\n`);

    // One document, several clients.
    await clients.ask({ cmd: 'open', url: server.wsUrl, token, documents: Array.from({ length: oneDocClients }, () => documents[0]!) });
    let commits = app.log.stats().commits;
    const one = await clients.ask<LoadResult>({ cmd: 'load', seconds, rate, window });
    report(`1 document, ${oneDocClients} clients`, one, app.log.stats().commits - commits);
    await clients.ask({ cmd: 'close' });
    await unloaded('the document to be unloaded');

    // Memory: none open, then every document open with one client each.
    const before = heap();
    const rssBefore = process.memoryUsage().rss;
    await clients.ask({ cmd: 'open', url: server.wsUrl, token, documents });
    const open = app.hocuspocus.getDocumentsCount();
    const after = heap();
    const rssAfter = process.memoryUsage().rss;

    commits = app.log.stats().commits;
    const many = await clients.ask<LoadResult>({ cmd: 'load', seconds, rate, window });
    report(`${documentCount} documents, 1 client each`, many, app.log.stats().commits - commits);

    if (gc) {
      console.log(
        `\nmemory per open document: heap ${((after - before) / open / 1024).toFixed(1)} KiB (server thread, after gc; ${open} documents open and edited), resident ${((rssAfter - rssBefore) / open / 1024).toFixed(1)} KiB (whole process, validation workers included)`,
      );
    }

    const leaving = performance.now();
    await clients.ask({ cmd: 'close' });
    const waited = await unloaded('every document to be unloaded', leaving);
    const heapAfterClose = heap();
    console.log(
      `idle documents unloaded: ${open} documents open, then ${app.hocuspocus.getDocumentsCount()} ${(waited / 1000).toFixed(2)} s after their clients started leaving (nothing unsaved: ${app.durable.health().unsaved.length === 0 ? 'yes' : 'no'})${gc ? `; heap then ${((heapAfterClose - before) / 1024).toFixed(0)} KiB from where it was with none open` : ''}`,
    );
  } finally {
    await clients.stop();
    await server.stop();
  }
}
