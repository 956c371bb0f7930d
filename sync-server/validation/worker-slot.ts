/**
 * One validation worker thread with its time limit: it gets checks in order, and is replaced by
 * a fresh one when it is stuck or fails. Each worker has a new generation number, which tells
 * the documents' feeds that the replicas they kept up to date are gone.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './protocol.ts';
import { messageOf, refuse, type UpdateVerdict } from './verdict.ts';

/** A check message, built when it is (re)sent; undefined when it can no longer be sent. */
export type BuildCheck = (id: number, generation: number) => Extract<ToWorker, { type: 'check' }> | undefined;

interface Pending {
  readonly id: number;
  readonly build: BuildCheck;
  readonly resolve: (verdict: UpdateVerdict) => void;
}

const WORKER_SCRIPT = new URL('./validation-worker.ts', import.meta.url);

/**
 * How long a new worker may take to load (Yjs, zod, the templates: about 0.3 s) before it is
 * taken as failed. The time limit of checks only runs once it has loaded.
 */
const STARTUP_LIMIT_MS = 30_000;

/**
 * A time limit that fires this much later than it was due was held up by this thread (a long
 * synchronous task), not by the worker, whose answer may already be waiting: it is set again
 * instead, at most {@link MAX_LATE_RESETS} times in a row.
 */
const LATE_MS = 500;
const MAX_LATE_RESETS = 3;

/** Generations are unique across every slot of the process; 0 means "no worker". */
let lastGeneration = 0;

/** A validation worker, restarted as needed, and the checks it has not answered yet. */
export class WorkerSlot {
  readonly #data: WorkerData;
  readonly #timeoutMs: number;
  #worker: Worker | undefined;
  #ready = false;
  #generation = 0;
  /** Checks sent and not answered, oldest first: the worker answers in this order. */
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #timer: NodeJS.Timeout | undefined;
  /** When the time limit in `#timer` is due (`performance.now()`), and how often in a row it was set again for firing late. */
  #due = 0;
  #lateResets = 0;
  #closed = false;

  /** Starts the worker at once, so that the first check does not wait for it to load. */
  constructor(data: WorkerData, timeoutMs: number) {
    this.#data = data;
    this.#timeoutMs = timeoutMs;
    this.#start();
  }

  /**
   * Sends a check and resolves its verdict. The oldest check is refused with `timeout` when the
   * loaded worker answers nothing for `timeoutMs`, and with `error` when the worker fails; the
   * worker is then replaced and the other checks are sent again, rebuilt for the new generation.
   */
  check(build: BuildCheck): Promise<UpdateVerdict> {
    if (this.#closed) return Promise.resolve(refuse('error', 'the update validator was closed'));
    return new Promise((resolve) => {
      const pending: Pending = { id: this.#nextId++, build, resolve };
      this.#pending.set(pending.id, pending);
      this.#send(pending);
    });
  }

  /** Sends a message that needs no answer (a new worker has no state, so it is not resent). */
  tell(message: ToWorker): void {
    this.#worker?.postMessage(message);
  }

  /** Refuses every check still waiting with `error` and stops the worker. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const id of [...this.#pending.keys()]) this.#settle(id, refuse('error', 'the update validator was closed'));
    clearTimeout(this.#timer);
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }

  #send(pending: Pending): void {
    const worker = this.#worker ?? this.#start();
    const message = pending.build(pending.id, this.#generation);
    if (!message) return this.#settle(pending.id, refuse('error', 'the document was unloaded while its update was being checked'));
    worker.postMessage(message);
    worker.ref();
    if (this.#ready && this.#timer === undefined) {
      this.#lateResets = 0;
      this.#arm(this.#timeoutMs);
    }
  }

  #start(): Worker {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.#data, name: 'update-validator' });
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (worker === this.#worker) this.#answer(message);
    });
    worker.on('error', (error) => {
      if (worker === this.#worker) this.#replace(refuse('error', `the validation worker failed: ${messageOf(error)}`));
    });
    worker.on('exit', (code) => {
      if (worker === this.#worker) this.#replace(refuse('error', `the validation worker stopped (exit code ${code})`));
    });
    this.#worker = worker;
    this.#ready = false;
    this.#generation = ++lastGeneration;
    clearTimeout(this.#timer);
    this.#arm(STARTUP_LIMIT_MS).unref();
    return worker;
  }

  #answer(message: FromWorker): void {
    if (message.type === 'ready') this.#ready = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lateResets = 0;
    if (this.#pending.size > 0) this.#arm(this.#timeoutMs);
    if (message.type === 'verdict') this.#settle(message.id, message.verdict);
  }

  #arm(ms: number): NodeJS.Timeout {
    this.#due = performance.now() + ms;
    this.#timer = setTimeout(() => this.#stuck(), ms);
    return this.#timer;
  }

  #stuck(): void {
    this.#timer = undefined;
    if (this.#ready && performance.now() - this.#due >= LATE_MS && this.#lateResets < MAX_LATE_RESETS) {
      this.#lateResets++;
      this.#arm(this.#timeoutMs);
      return;
    }
    if (this.#ready) this.#replace(refuse('timeout', `checking took longer than ${this.#timeoutMs} ms`));
    else this.#replace(refuse('error', `the validation worker did not start within ${STARTUP_LIMIT_MS} ms`));
  }

  /**
   * Refuses the oldest check with `verdict`, replaces the worker, and sends the others again. A
   * worker that had loaded is replaced at once; one that failed to load only when a check needs
   * it, so a broken worker script fails each check once instead of restarting in a loop.
   */
  #replace(verdict: UpdateVerdict): void {
    const worker = this.#worker;
    const wasReady = this.#ready;
    this.#worker = undefined;
    this.#ready = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (worker) void worker.terminate();
    const [oldest] = this.#pending.keys();
    if (oldest !== undefined) this.#settle(oldest, verdict);
    if (this.#closed) return;
    if (wasReady) this.#start();
    for (const pending of [...this.#pending.values()]) this.#send(pending);
  }

  #settle(id: number, verdict: UpdateVerdict): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (this.#pending.size === 0) {
      if (this.#ready) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
      this.#worker?.unref();
    }
    pending.resolve(verdict);
  }
}
