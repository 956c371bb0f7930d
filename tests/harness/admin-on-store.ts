/**
 * The admin command line run in this process against a test server's store, as `npm run admin`
 * does from another process with the same DATA_DIR: `runAdmin` opens its own connections. While
 * in use, DATA_DIR names the server's folder and DATABASE_URL is unset; `restore()` puts the
 * environment back as it was.
 */
import { runAdmin } from '../../sync-server/admin/main.ts';

/** What one admin command printed and its exit status. */
export interface AdminRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export interface AdminOnStore {
  /** Runs `npm run admin -- <argv>` against the store. */
  admin(...argv: string[]): Promise<AdminRun>;
  /** Puts DATA_DIR and DATABASE_URL back as they were before. */
  restore(): void;
}

/** Points the admin command line at the SQLite store in `dataDir`. */
export function adminOnStore(dataDir: string): AdminOnStore {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  return {
    async admin(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out, err };
    },
    restore() {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
