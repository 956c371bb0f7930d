/**
 * Benchmark (figures only, no pass/fail): how fast an edit reaches the other clients of one
 * document, through this server and through a bare WebSocket relay of the same update frames,
 * with 2, 20 and 50 clients; and how long the sender waits for its acknowledgement, which the
 * server sends only once the update is durable (DESIGN decision 1). Goal from issue 4: server /
 * relay at most 1.5 at p99 with 50 clients.
 *
 * The server (`startTestServer`: SQLite in a temporary folder, update checks, access control,
 * durable storage) or the relay runs on this thread; the clients (bare wire clients, each with
 * its own Y.Doc) run in one worker thread, so client work does not delay the server's event loop
 * and each arrival is timed on the clients' own clock. One client edits at a time (the editors
 * take turns), at a steady rate; each edit waits for the previous one to reach everyone.
 *
 * Relay clients start each run from the document as the server holds it at that moment, so both
 * paths apply the same updates to the same document (its text and history grow over the runs).
 *
 * Each client count runs `--repeat` times, relay and server alternating, and the samples are
 * pooled: a single run's p99 rests on its 4 slowest edits, which on a small VM is mostly noise.
 * The event-loop delay of this thread (server or relay) is reported alongside, to tell stalls of
 * the server's main thread from stalls elsewhere.
 *
 *   npm run bench:sync -- [--clients 2,20,50] [--edits 400] [--interval 20] [--repeat 3]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { WireClient } from './wire-client.ts';
import { option, percentile } from './bench-options.ts';

/** The event-loop delay histogram of `monitorEventLoopDelay`. */
type LoopDelay = ReturnType<typeof monitorEventLoopDelay>;

/** What the main thread asks the worker to run. */
interface Run {
  readonly mode: 'server' | 'relay';
  readonly url: string;
  readonly document: string;
  readonly token?: string;
  readonly initialState?: Uint8Array;
  readonly clients: number;
  readonly edits: number;
  readonly intervalMs: number;
}

/** What the worker measured: arrival latencies (ms) at every other client, and acknowledgement latencies at the sender. */
interface Measured {
  readonly receive: number[];
  /** Per edit, the latency of its first arrival: how long before the server (or relay) forwarded it at all. */
  readonly first: number[];
  readonly ack: number[];
  readonly missing: number;
}

/** Worker side: opens the clients, makes the edits, times arrivals and acknowledgements. */
async function measure(run: Run): Promise<Measured> {
  const receive: number[] = [];
  const first: number[] = [];
  const ack: number[] = [];
  /** The edit in flight: who sent it, and the sender's clock after it (an arrival covers it when the receiver's state reaches that clock). */
  let current: { sender: number; client: number; clock: number; sentAt: number; arrived: Set<number>; waiting: number; acked: boolean; done: () => void } | undefined;
  const settle = (): void => {
    if (current && current.waiting === 0 && (current.acked || run.mode === 'relay')) current.done();
  };
  const clients = Array.from(
    { length: run.clients },
    (_, index) =>
      new WireClient({
        url: run.url,
        document: run.document,
        token: run.token,
        initialState: run.initialState,
        onUpdate: (arrivedAt) => {
          // The sender's own echo, a late frame of an earlier edit, or a repeat: not this edit's arrival.
          if (!current || index === current.sender || current.arrived.has(index)) return;
          if (Y.getState(clients[index]!.doc.store, current.client) < current.clock) return;
          if (current.arrived.size === 0) first.push(arrivedAt - current.sentAt);
          current.arrived.add(index);
          receive.push(arrivedAt - current.sentAt);
          current.waiting--;
          settle();
        },
        onAck: (arrivedAt) => {
          if (!current || index !== current.sender || current.acked) return;
          ack.push(arrivedAt - current.sentAt);
          current.acked = true;
          settle();
        },
      }),
  );
  await Promise.all(clients.map((c) => c.ready));
  await sleep(300);
  let missing = 0;
  const start = performance.now();
  for (let k = 0; k < run.edits; k++) {
    const due = start + k * run.intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sender = k % run.clients;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        missing += current?.waiting ?? 0;
        resolve();
      }, 5000);
      const editor = clients[sender]!;
      current = {
        sender,
        client: editor.doc.clientID,
        clock: 0,
        sentAt: 0,
        arrived: new Set(),
        waiting: run.clients - 1,
        acked: false,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      current.sentAt = editor.edit(`e${k}`);
      current.clock = Y.getState(editor.doc.store, editor.doc.clientID);
    });
    current = undefined;
  }
  for (const c of clients) c.close();
  await sleep(200);
  return { receive, first, ack, missing };
}

if (!isMainThread) {
  const result = await measure(workerData as Run);
  parentPort!.postMessage(result);
} else {
  await main();
}

/** Runs `run` in a client worker while `loop` records this thread's event-loop delay. */
async function inWorker(run: Run, loop?: LoopDelay): Promise<Measured> {
  loop?.enable();
  try {
    return await clientWorker(run);
  } finally {
    loop?.disable();
  }
}

function clientWorker(run: Run): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: run });
    worker.once('message', (m: Measured) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`client worker exited with ${code}`));
    });
  });
}

/** A bare relay: every binary message goes to every other socket, as it came. */
async function startRelay(): Promise<{ url: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws: ServerSocket) => {
    ws.on('message', (data: Buffer) => {
      for (const other of wss.clients) if (other !== ws && other.readyState === 1) other.send(data);
    });
  });
  const { port } = wss.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((r) => wss.close(() => r())) };
}

async function main(): Promise<void> {
  const { addChild, addUser, login, startTestServer } = await import('../harness/collab.ts');
  const counts = option('clients', '2,20,50').split(',').map(Number);
  const edits = Number(option('edits', '400'));
  const intervalMs = Number(option('interval', '20'));
  const repeat = Number(option('repeat', '3'));

  // The production re-check interval of open connections (tests use a shorter one).
  const server = await startTestServer({}, { recheckMs: 1000 });
  const relay = await startRelay();
  try {
    await addUser(server.app, 'bench');
    const childId = await addChild(server.app, 'Bench Fiction');
    await server.app.records.grant({ username: 'bench', childId, level: 'edit', restricted: false });
    const token = await login(server.url, 'bench');
    const document = `child:${childId}`;
    /**
     * The document as the server holds it now. Each relay run starts from it, so that relay
     * clients apply updates to the same document (same length of text, same history) as the
     * server's clients, which sync it from the server.
     */
    const serverState = async (): Promise<Uint8Array> => {
      const live = server.app.hocuspocus.documents.get(document);
      if (live) return Y.encodeStateAsUpdate(live);
      const stored = await server.app.log.load(document);
      return Y.mergeUpdates([...(stored?.snapshot ? [stored.snapshot] : []), ...(stored?.updates ?? [])]);
    };
    const initialState = await serverState();

    console.log(`edit propagation: ${repeat} runs of ${edits} edits per client count and path, one edit every ${intervalMs} ms, editors taking turns; plan of ${initialState.length} bytes`);
    console.log(`storage: ${server.app.log.kind} in ${server.dataDir}; node ${process.version}\n`);
    // Warm both paths up (JIT, validator worker, SQLite pages) before measuring.
    await inWorker({ mode: 'server', url: server.wsUrl, document, token, clients: 2, edits: 100, intervalMs: 5 });
    await inWorker({ mode: 'relay', url: relay.url, document, initialState, clients: 2, edits: 100, intervalMs: 5 });

    const columns = ['clients', 'server p50', 'p99', 'relay p50', 'p99', 'ratio p50', 'p99', 'first p99 srv', 'relay', 'ack p50', 'p99', 'loop p99 srv', 'relay', 'samples'];
    const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(Math.max(columns[i]!.length, 6))).join(' ');
    console.log(line(columns));
    for (const n of counts) {
      const server_: Measured = { receive: [], first: [], ack: [], missing: 0 };
      const relay_: Measured = { receive: [], first: [], ack: [], missing: 0 };
      const loopServer = monitorEventLoopDelay({ resolution: 1 });
      const loopRelay = monitorEventLoopDelay({ resolution: 1 });
      const pool = (into: Measured, m: Measured): void => {
        into.receive.push(...m.receive);
        into.first.push(...m.first);
        into.ack.push(...m.ack);
        (into as { missing: number }).missing += m.missing;
      };
      for (let r = 0; r < repeat; r++) {
        const viaRelay = async (): Promise<Measured> =>
          inWorker({ mode: 'relay', url: relay.url, document, initialState: await serverState(), clients: n, edits, intervalMs }, loopRelay);
        const viaServer = (): Promise<Measured> => inWorker({ mode: 'server', url: server.wsUrl, document, token, clients: n, edits, intervalMs }, loopServer);
        if (r % 2 === 0) {
          pool(relay_, await viaRelay());
          pool(server_, await viaServer());
        } else {
          pool(server_, await viaServer());
          pool(relay_, await viaRelay());
        }
      }
      const s50 = percentile(server_.receive, 0.5);
      const s99 = percentile(server_.receive, 0.99);
      const r50 = percentile(relay_.receive, 0.5);
      const r99 = percentile(relay_.receive, 0.99);
      const missing = server_.missing + relay_.missing;
      const f = (x: number): string => x.toFixed(2);
      const loop = (h: LoopDelay): string => (h.percentile(99) / 1e6).toFixed(1);
      console.log(
        line([
          String(n),
          f(s50),
          f(s99),
          f(r50),
          f(r99),
          f(s50 / r50),
          f(s99 / r99),
          f(percentile(server_.first, 0.99)),
          f(percentile(relay_.first, 0.99)),
          f(percentile(server_.ack, 0.5)),
          f(percentile(server_.ack, 0.99)),
          loop(loopServer),
          loop(loopRelay),
          `${server_.receive.length}${missing ? ` (${missing} never arrived)` : ''}`,
        ]),
      );
    }
    console.log('\nlatencies in ms from send to arrival at each other client; ack = send to acknowledgement (update durable) at the sender;');
    console.log('first p99 = p99 over edits of the first arrival at any other client (how long before it was forwarded at all);');
    console.log('loop p99 = event-loop delay p99 (ms) of the thread running the server or the relay during its runs');
    console.log(`log: ${JSON.stringify(server.app.log.stats())}`);
  } finally {
    await relay.close();
    await server.stop();
  }
}
