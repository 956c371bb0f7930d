/**
 * The SQLite server records' own thread (started by `openThreadedSqliteServerRecords`, never
 * imported): opens the records with the options in `workerData` and serves calls to them.
 * A function cannot cross threads, so `setting` takes the value to store when the key is new,
 * made on the main thread, or no value to only read the setting (null when absent).
 */
import { workerData } from 'node:worker_threads';
import { serveCalls } from '../db/thread-calls.ts';
import type { ServerRecords } from './server-records.ts';
import { openSqliteServerRecords, type SqliteServerRecordsOptions } from './sqlite-server-records.ts';

serveCalls(async () => {
  const records = await openSqliteServerRecords(workerData as SqliteServerRecordsOptions);
  return new Proxy(records, {
    get(target, key) {
      if (key === 'setting') return (name: string, value: Uint8Array | undefined) => setting(target, name, value);
      const member: unknown = Reflect.get(target, key);
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
    },
  });
});

/** Thrown by `create` to tell "absent" from other failures when only reading a setting. */
class Absent extends Error {}

async function setting(records: ServerRecords, name: string, value: Uint8Array | undefined): Promise<Uint8Array | null> {
  if (value !== undefined) return records.setting(name, () => value);
  try {
    return await records.setting(name, () => {
      throw new Absent();
    });
  } catch (error) {
    if (error instanceof Absent) return null;
    throw error;
  }
}
