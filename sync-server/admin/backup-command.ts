/**
 * `npm run admin -- backup <file>` and `npm run admin -- restore <file> [--replace]`: the
 * command-line face of `storage/backup/store-backup.ts`. They read DATA_DIR and DATABASE_URL
 * like the server does.
 */
import { StorageConfig, describeStore } from '../storage/db/storage-config.ts';
import { backupDocumentStore, describeCounts, restoreDocumentStore, storeContent } from '../storage/backup/store-backup.ts';
import type { AdminCommand, AdminIo } from './command.ts';

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

/** The two commands, reading the configuration from `env` when they run. */
export function storageCommands(env: Env = process.env): { backup: AdminCommand; restore: AdminCommand } {
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
          return 0;
        } catch (error) {
          io.err(`restore failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
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
