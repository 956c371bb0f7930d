/**
 * The admin command line: `npm run admin -- <command> [options]`. Each command lives in its
 * own file and is registered here; unknown commands and bad options get a usage message and
 * exit status 2.
 */
import { escapedIo, withJsonOption } from './admin-reply.ts';
import { auditCommand } from './audit-command.ts';
import { backupCommand, restoreCommand } from './backup-command.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { calendarCommand } from './calendar-command.ts';
import { checkCommand } from './check-command.ts';
import { childrenCommand } from './children-command.ts';
import { exportCommand } from './export-command.ts';
import { grantCommand, revokeCommand } from './grant-command.ts';
import { importCommand } from './import-command.ts';
import { templatesCommand } from './templates-command.ts';
import { usersCommand } from './users-command.ts';
import { versionsCommand } from './versions-command.ts';

const COMMANDS: readonly AdminCommand[] = [
  templatesCommand,
  checkCommand,
  calendarCommand,
  usersCommand,
  grantCommand,
  revokeCommand,
  childrenCommand,
  exportCommand,
  importCommand,
  versionsCommand,
  auditCommand,
  withJsonOption(backupCommand),
  withJsonOption(restoreCommand),
];

function usage(io: AdminIo): void {
  io.err('usage: npm run admin -- <command> [options]');
  io.err('');
  io.err('commands:');
  for (const c of COMMANDS) io.err(`  ${c.name.padEnd(12)} ${c.summary}`);
}

/**
 * Runs the admin command line and returns the exit status. Everything written, by any command,
 * has its control characters escaped (`escapeControls`), so no stored name can steer the
 * terminal.
 */
export async function runAdmin(argv: string[], rawIo: AdminIo): Promise<number> {
  const io = escapedIo(rawIo);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    usage(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"`);
    usage(io);
    return 2;
  }
  return command.run(rest, io);
}

if (import.meta.main) {
  // Output piped into a command that stops reading early (`| head -1`) is not a failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const io: AdminIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  process.exitCode = await runAdmin(process.argv.slice(2), io);
}
