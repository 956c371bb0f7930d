/**
 * Calls to an object that lives in a worker thread: the server keeps its synchronous SQLite
 * connections (node:sqlite's DatabaseSync) there, so that a commit waiting for the disk (fsync,
 * a WAL checkpoint, another process's write lock) never stops the event loop that forwards
 * edits and answers clients.
 *
 * Written here rather than taken from a library (Comlink is the usual one) because the server
 * needs what those leave out: a call never hangs when the thread dies (every waiting call is
 * rejected and the next ones too), an object that fails to open fails `start` with its own
 * message, and errors keep their class (TypeError, RangeError) and their SQLite code.
 */
import { parentPort, Worker } from 'node:worker_threads';

/** What the main thread sends: one method call. */
interface Call {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** What the thread sends back: the object is ready (or failed to open), or a call's outcome. */
type Reply =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: SentError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SentError };

/** An error as it crosses threads: its class name, message and own fields such as `code`. */
export interface SentError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields: Record<string, unknown>;
}

/** An error as it can be posted to another thread. */
export function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

const CLASSES: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, Error };

/** The error posted as `sent`, with its class (built-in ones) and fields back. */
export function revived(sent: SentError): Error {
  const error = new (CLASSES[sent.name] ?? Error)(sent.message);
  if (!(sent.name in CLASSES)) error.name = sent.name;
  Object.assign(error, sent.fields);
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}

/**
 * Worker side: opens the object with `open` and answers calls to its methods. Calls start in
 * the order they were made, as they would on the main thread; the object decides what runs
 * together (the document log groups appends into one commit). Only the object's own methods
 * can be called, not those every object has (`constructor`, `toString`).
 */
export function serveCalls(open: () => Promise<object>): void {
  const port = parentPort;
  if (!port) throw new Error('serveCalls runs in a worker thread');
  void open().then(
    (target) => {
      port.on('message', (call: Call) => {
        const method = (target as Record<string, unknown>)[call.method];
        const outcome =
          typeof method === 'function' && !(call.method in Object.prototype)
            ? new Promise<unknown>((resolve) => resolve((method as (...a: unknown[]) => unknown).apply(target, call.args as unknown[])))
            : Promise.reject(new TypeError(`no method "${call.method}"`));
        outcome.then(
          (value) => port.postMessage({ type: 'result', id: call.id, value } satisfies Reply),
          (error: unknown) => port.postMessage({ type: 'error', id: call.id, error: sendable(error) } satisfies Reply),
        );
      });
      port.postMessage({ type: 'ready' } satisfies Reply);
    },
    (error: unknown) => port.postMessage({ type: 'failed', error: sendable(error) } satisfies Reply),
  );
}

/** Main-thread side: the worker holding the object, and the calls waiting for it. */
export class CallThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  #nextId = 1;
  /** Why calls can no longer be made; set when the thread stops or fails. */
  #gone: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /**
   * Starts `script` (a module calling {@link serveCalls}) with `workerData`, and resolves once
   * its object is open; rejects with the object's own error when it cannot be opened.
   */
  static start(script: URL, workerData: unknown, name: string): Promise<CallThread> {
    const worker = new Worker(script, { workerData, name });
    const thread = new CallThread(worker);
    // Kept alive by waiting calls only (see `call`): an idle thread never holds the process open.
    return new Promise((resolve, reject) => {
      let started = false;
      worker.on('message', (reply: Reply) => {
        if (reply.type === 'ready') {
          started = true;
          worker.unref();
          resolve(thread);
        } else if (reply.type === 'failed') {
          void worker.terminate();
          reject(revived(reply.error));
        } else thread.#settle(reply);
      });
      const stop = (error: Error): void => {
        thread.#stopped(error);
        if (!started) reject(error);
      };
      worker.on('error', (error: Error) => stop(new Error(`the ${name} thread failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => stop(new Error(`the ${name} thread stopped (exit code ${code})`)));
    });
  }

  /** Calls `method` on the object with `args` (structured-cloned); resolves its result. */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, method, args } satisfies Call);
    });
  }

  /** Ends the thread (call the object's own close first); calls still waiting are rejected. */
  async stop(): Promise<void> {
    this.#stopped(new Error('storage is closed'));
    await this.#worker.terminate();
  }

  /**
   * Functions that call the methods `names` on the thread's object, typed as `T`'s methods of
   * those names: `remote<ServerRecords>(thread)(['grant', 'revoke'])`. Use with `satisfies` to
   * check that a proxy covers an interface.
   */
  static remote<T>(thread: CallThread): <const N extends keyof T>(names: readonly N[]) => Pick<T, N> {
    return (names) => Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => thread.call(String(name), ...args)])) as Pick<T, (typeof names)[number]>;
  }

  #settle(reply: Extract<Reply, { id: number }>): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    if (reply.type === 'result') waiting.resolve(reply.value);
    else waiting.reject(revived(reply.error));
  }

  #stopped(error: Error): void {
    this.#gone ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(this.#gone);
    this.#waiting.clear();
  }
}
