/**
 * When the fictional demo may be made, and where its passwords go. The demo is for a new user's
 * first `npm start` on an empty store, never for a real deployment:
 * - never when `NODE_ENV=production` or `DEMO=off` (see {@link demoRefusal});
 * - never into an existing store: one with any account or any child (`seedDemo` checks);
 * - the generated passwords are printed once to stdout only when stdout is a terminal (a person
 *   reading it). When stdout is not a terminal (a service manager, a pipe, a log file) they are
 *   never printed: they are written once to `DATA_DIR/demo-accounts.txt`, readable by the
 *   server's own user only (mode 0600), and only that path is printed, so a service's log never
 *   holds a password ({@link demoAnnouncement}).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The name of the file the demo passwords go to when stdout is not a terminal. */
export const DEMO_PASSWORDS_FILE = 'demo-accounts.txt';

/** What decides whether the demo is wanted: the environment. */
export interface DemoSwitches {
  readonly NODE_ENV?: string | undefined;
  readonly DEMO?: 'on' | 'off' | undefined;
}

/** Why the demo is not made (a sentence for the start-up message), or undefined when it may be. */
export function demoRefusal(env: DemoSwitches): string | undefined {
  if (env.DEMO === 'off') return 'DEMO=off';
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  return undefined;
}

/** One demo account as made, with its password. */
export interface SeededAccount {
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly role: string;
}

/** One line of the account table: `  <username> <password>   <name>, <role>` (the tests read it). */
function accountLine(a: SeededAccount): string {
  return `  ${a.username.padEnd(16)} ${a.password}   ${a.name}, ${a.role}`;
}

/**
 * The lines to print about the demo accounts just made. On a terminal (`tty`) they include the
 * passwords; otherwise the passwords are written to `dataDir/demo-accounts.txt` (mode 0600,
 * never over an existing file) and the lines name that file instead.
 */
export async function demoAnnouncement(accounts: readonly SeededAccount[], where: { readonly tty: boolean; readonly dataDir: string }): Promise<string[]> {
  const intro = 'First start: a fictional demo caseload and these demo accounts were created.';
  const reset = 'To give an account a new password: npm run admin -- users password <username>';
  if (where.tty) return [intro, 'The passwords are shown only now; keep them somewhere safe.', ...accounts.map(accountLine), reset];
  await mkdir(where.dataDir, { recursive: true });
  const file = resolve(join(where.dataDir, DEMO_PASSWORDS_FILE));
  const text = [intro, 'Delete this file once you have read it.', ...accounts.map(accountLine), reset, ''].join('\n');
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  return [
    `First start: a fictional demo caseload and demo accounts (${accounts.map((a) => a.username).join(', ')}) were created.`,
    `Their passwords are not printed here (stdout is not a terminal): they are in ${file}, readable by this user only; delete it once read.`,
    reset,
  ];
}

/** The lines to print when the store is empty and the demo was not made: how to add the first administrator. */
export function noDemoAdvice(reason: string): string[] {
  return [
    `No accounts yet, and no demo (${reason}). Add the first administrator with:`,
    '  npm run admin -- users add <username> --name "<Full Name>" --role "Team Manager" --org "<Team>" --admin',
  ];
}
