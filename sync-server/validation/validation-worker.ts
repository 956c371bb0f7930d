/**
 * A validation worker thread (started by UpdateValidator, never imported). It keeps a replica of
 * each document sharded to it, catches it up with the server state sent along with each check,
 * and checks the update (check-update.ts), off the server's main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { templates } from '../../templates/index.ts';
import { checkUpdate } from './check-update.ts';
import { parseDocumentName } from '../../model/wire/index.ts';
import type { FromWorker, ToWorker, WorkerData } from './protocol.ts';
import { Replica } from './replica.ts';
import { refuse } from './verdict.ts';

const port = parentPort;
if (!port) throw new Error('validation-worker.ts runs as a worker thread');
const { testOnlySlowness, maxDocumentBytes } = workerData as WorkerData;

/** Catch-ups that take at least this long are reported, so the time limit restarts for the check. */
const REPORT_CATCH_UP_MS = 1;

const replicas = new Map<string, Replica>();

function post(message: FromWorker): void {
  port!.postMessage(message);
}

function check(message: Extract<ToWorker, { type: 'check' }>): void {
  const started = performance.now();
  let replica = replicas.get(message.name);
  if (message.catchUp.full || !replica) {
    // The main thread sends a full state whenever this worker may lack the replica.
    if (!message.catchUp.full) throw new Error(`no replica of ${message.name} to catch up`);
    replica?.destroy();
    replica = new Replica(message.catchUp.updates);
    replicas.set(message.name, replica);
  } else {
    for (const update of message.catchUp.updates) replica.applyServerState(update);
  }
  if (performance.now() - started >= REPORT_CATCH_UP_MS) post({ type: 'progress', id: message.id });

  if (testOnlySlowness?.slowDocument === message.name) {
    const until = performance.now() + testOnlySlowness.busyMs;
    while (performance.now() < until); // TEST ONLY: a stuck validation
  }

  const target = parseDocumentName(message.name);
  const verdict = target ? checkUpdate(replica, target, message.update, templates, message.writer, maxDocumentBytes) : refuse('invalid', `"${message.name}" is not a document name the server serves`);
  post({ type: 'verdict', id: message.id, verdict });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'check') check(message);
  else {
    replicas.get(message.name)?.destroy();
    replicas.delete(message.name);
  }
});
post({ type: 'ready' });
