/**
 * `npm run admin -- backup <file>` and `npm run admin -- restore <file> [--replace]`: the
 * command-line face of `storage/backup/store-backup.ts`. They read DATA_DIR and DATABASE_URL
 * like the server does. After a restore every caseload entry is re-rated for today from its plan
 * (`restore-rerating.ts`), so the restored store shows today's ratings without waiting for midnight.
 */
import { StorageConfig, describeStore } from '../storage/db/storage-config.ts';
import { backupDocumentStore, describeCounts, restoreDocumentStore, storeContent } from '../storage/backup/store-backup.ts';
import { DEFAULT_TIME_ZONE, dayIn, isTimeZone } from '../plans/local-day.ts';
import { withAdminStore } from './admin-store.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { rerateRestored } from './restore-rerating.ts';

type Env = Record<string, string | undefined>;

function config(env: Env, io: AdminIo): StorageConfig | undefined {
  const parsed = StorageConfig.safeParse(env);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) io.err(`configuration: ${issue.path.join('.')}: ${issue.message}`);
  return undefined;
}

function fileArgument(args: string[], allowed: readonly string[], usage: string, io: AdminIo): string | undefined {
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && !allowed.includes(a));
  if (files.length !== 1 || unknown.length > 0) {
    io.err(`usage: npm run admin -- ${usage}`);
    return undefined;
  }
  return files[0];
}

/**
 * The two commands, reading the configuration from `env` when they run. `today` (YYYY-MM-DD) is
 * the day a restore re-rates the caseload for; default the server's today in `TIME_ZONE`.
 */
export function storageCommands(env: Env = process.env, options: { today?: () => string } = {}): { backup: AdminCommand; restore: AdminCommand } {
  return {
    backup: {
      name: 'backup',
      summary: 'write a consistent online backup of every document and the server records to <file>',
      async run(args, io) {
        const file = fileArgument(args, [], 'backup <file>', io);
        const storage = config(env, io);
        if (file === undefined || storage === undefined) return 2;
        try {
          await backupDocumentStore(storage, file);
          io.out(`backed up ${describeStore(storage)} to ${file}`);
          return 0;
        } catch (error) {
          io.err(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        }
      },
    },
    restore: {
      name: 'restore',
      summary: 'replace every document and the server records with the backup in <file> (servers stopped; --replace if not empty)',
      async run(args, io) {
        const file = fileArgument(args, ['--replace'], 'restore <file> [--replace]', io);
        const storage = config(env, io);
        if (file === undefined || storage === undefined) return 2;
        try {
          const existing = await storeContent(storage);
          if (existing !== '' && !args.includes('--replace')) {
            io.err(`${describeStore(storage)} holds ${existing}; add --replace to replace them all with the backup`);
            return 2;
          }
          const counts = await restoreDocumentStore(storage, file);
          io.out(`restored ${describeCounts(counts)} into ${describeStore(storage)}`);
        } catch (error) {
          io.err(`restore failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        }
        // The restored entries are of the backup's day: rate them for today from their plans.
        const zone = env.TIME_ZONE !== undefined && isTimeZone(env.TIME_ZONE) ? env.TIME_ZONE : DEFAULT_TIME_ZONE;
        const today = options.today?.() ?? dayIn(new Date(), zone);
        try {
          const rerated = await withAdminStore({ ...storage, PORT: 0, HOST: '127.0.0.1' }, (store) => rerateRestored(store, today));
          io.out(`re-rated ${rerated.rated} of ${rerated.entries} caseload entries for ${today} from their plans`);
          return 0;
        } catch (error) {
          io.err(`restored, but the caseload could not be re-rated for ${today} (the server re-rates it when it starts): ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        }
      },
    },
  };
}

/** `npm run admin -- backup <file>`. */
export const backupCommand: AdminCommand = storageCommands().backup;
/** `npm run admin -- restore <file> [--replace]`. */
export const restoreCommand: AdminCommand = storageCommands().restore;
