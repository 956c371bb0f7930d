/** TEST ONLY: a worker serving a small object for thread-calls.test.ts; `workerData` says how to behave. */
import { workerData } from 'node:worker_threads';
import { serveCalls } from '../storage/db/thread-calls.ts';

const { failOpen } = workerData as { failOpen?: boolean };

serveCalls(async () => {
  await Promise.resolve();
  if (failOpen) throw new RangeError('cannot open: schema version 99 is newer than this server');
  return {
    add: (a: number, b: number) => a + b,
    slowly: (value: string, ms: number) => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
    refuse: () => {
      throw Object.assign(new TypeError('not a username'), { code: 'ERR_TEST' });
    },
    die: () => {
      setTimeout(() => process.exit(3), 10);
      return new Promise(() => {});
    },
  };
});
