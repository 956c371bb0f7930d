/**
 * Where the store lives: the storage part of the server's environment (merged into
 * `config.ts`'s schema) and how to name it in messages. SQLite in DATA_DIR by default,
 * PostgreSQL when DATABASE_URL is set; documents and server records share it.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

/** The storage part of the server's environment; merge into `config.ts`'s schema. */
export const StorageConfig = z.object({
  /** Directory of the SQLite store (`documents.sqlite`), relative to the working directory. */
  DATA_DIR: z.string().min(1).default('data'),
  /** When set, PostgreSQL is used instead of SQLite, e.g. `postgres://user:pw@host:5432/db`. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
});
export type StorageConfig = z.infer<typeof StorageConfig>;

/** Where a store lives, for messages: the SQLite file or the database URL without its password. */
export function describeStore(config: StorageConfig): string {
  if (config.DATABASE_URL === undefined) return `SQLite in ${resolve(config.DATA_DIR)}`;
  const url = new URL(config.DATABASE_URL);
  if (url.password !== '') url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}

/** How to open a backend. */
export interface OpenOptions {
  /**
   * SQLite only: run the connection in a thread of its own, so that commits never pause the
   * caller's event loop. The server does; short-lived commands need not. PostgreSQL's client
   * never blocks, so this changes nothing there.
   */
  readonly ownThread?: boolean;
}
