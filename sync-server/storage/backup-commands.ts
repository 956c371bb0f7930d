/**
 * `npm run admin -- backup <file>` and `npm run admin -- restore <file> [--replace]`, for the
 * admin command line to register. They read DATA_DIR and DATABASE_URL like the server does.
 */
import type { AdminCommand, AdminIo } from '../admin/main.ts';
import { openServerRecords } from '../records/open-server-records.ts';
import type { BackupCounts } from './backup-records.ts';
import { backupDocumentStore, describeStore, openDocumentLog, restoreDocumentStore, StorageConfig } from './open-document-log.ts';

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

/** What a store holds that a restore would replace, for the --replace question; '' when empty. */
async function existingContent(storage: StorageConfig): Promise<string> {
  const log = await openDocumentLog(storage);
  const documents = await log.names().finally(() => log.close());
  const records = await openServerRecords(storage);
  const accounts = await records.accounts().finally(() => records.close());
  if (documents.length === 0 && accounts.length === 0) return '';
  return [`${documents.length} documents`, ...(accounts.length > 0 ? [`${accounts.length} accounts`] : [])].join(' and ');
}

/** One line saying what a restore brought back. */
export function describeCounts(counts: BackupCounts): string {
  return (
    `${counts.documents} documents (${counts.snapshots} snapshots, ${counts.updates} updates), ` +
    `${counts.accounts} accounts, ${counts.grants} grants, ${counts.audit} audit entries, ${counts.versions} named versions, ` +
    `${counts.children} caseload entries, ${counts.settings} settings`
  );
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
          const existing = await existingContent(storage);
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
