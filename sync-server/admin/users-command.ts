/**
 * `users add|list|disable|enable|password|sign-out|revoke-calendar`: the accounts people sign in
 * with, kept in the server records (never in a collaborative document). Passwords are read from
 * standard input (see `password-input.ts`), must pass `passwordWeakness` and are stored only as a
 * scrypt hash. Disabling an account, changing its password or `sign-out` ends every session of
 * the account (its session generation is deleted and the access version bumped), so every
 * running server closes that person's open connections within seconds; disabling and a new
 * password also revoke the calendar link. Grants stay, so enabling the account again restores
 * their access as it was (after a new sign-in).
 */
import { z } from 'zod';
import { hashPassword, SCRYPT_COST } from '../auth/password.ts';
import { passwordWeakness } from '../auth/password-strength.ts';
import { calendarKeySetting, sessionSetting } from '../storage/records/account-settings.ts';
import { storedText } from '../storage/records/record-checks.ts';
import { USERNAME, type Account } from '../storage/records/server-records.ts';
import { AdminReply, formatTable, parseCommandArgs, plural } from './admin-reply.ts';
import { runOnStore, type AdminEnv } from './admin-store.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { NewPassword, stdinPasswordSource, type PasswordSource } from './password-input.ts';

const USAGE = {
  add: 'users add <username> --name <full name> --role <role> --org <organisation> [--admin] [--json]  (password on standard input)',
  list: 'users list [--json]',
  disable: 'users disable <username> [--json]',
  enable: 'users enable <username> [--json]',
  password: 'users password <username> [--json]  (new password on standard input)',
  'sign-out': 'users sign-out <username> [--json]  (ends every session of the account)',
  'revoke-calendar': 'users revoke-calendar <username> [--json]  (the calendar link stops working)',
};
const ALL_USAGE = 'users add|list|disable|enable|password|sign-out|revoke-calendar ... (see npm run admin -- users --help)';

/** Printable text of 1 to 200 characters, without control characters. */
const label = (what: string) =>
  storedText(1, 200)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${what} must not be empty`)
    .refine((s) => !/\p{Cc}/u.test(s), `${what} must not hold control characters`);

/** What `users add` takes from its arguments. */
export const NewAccountArgs = z.object({
  username: z.string().regex(USERNAME, 'a username is 2 to 64 characters: lowercase letters a-z, digits and . _ - , starting with a letter or digit (e.g. asha.patel)'),
  name: label('the full name (--name)'),
  role: label('the role (--role)'),
  organisation: label('the organisation (--org)'),
  admin: z.boolean(),
});

/** An account as the commands show it: everything but the password hash. */
export function publicAccount(a: Account): Omit<Account, 'passwordHash'> {
  return { username: a.username, name: a.name, role: a.role, organisation: a.organisation, admin: a.admin, disabled: a.disabled, createdAt: a.createdAt };
}

/** What `makeUsersCommand` may be given instead of the defaults (tests). */
export interface UsersCommandOptions {
  /** Where DATA_DIR and DATABASE_URL come from; read when the command runs. Default process.env. */
  readonly env?: AdminEnv;
  /** Where new passwords come from. Default: standard input. */
  readonly password?: PasswordSource;
  /** scrypt cost, for tests only (verification reads the cost from the stored hash). */
  readonly hashCost?: { N: number; r: number; p: number };
}

/** Makes the `users` command; the registered one uses the defaults. */
export function makeUsersCommand(options: UsersCommandOptions = {}): AdminCommand {
  const env = options.env ?? process.env;
  const passwords = options.password ?? stdinPasswordSource();
  const cost = options.hashCost ?? SCRYPT_COST;
  return {
    name: 'users',
    summary: 'accounts: add <username> --name --role --org (password on stdin), list, disable, enable, password, sign-out, revoke-calendar',
    async run(args, io) {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'add':
          return add(rest, io, env, passwords, cost);
        case 'list':
          return list(rest, io, env);
        case 'disable':
        case 'enable':
          return setDisabled(sub, rest, io, env);
        case 'password':
          return setPassword(rest, io, env, passwords, cost);
        case 'sign-out':
        case 'revoke-calendar':
          return endSetting(sub, rest, io, env);
        case '--help':
        case '-h':
          for (const u of Object.values(USAGE)) io.err(`usage: npm run admin -- ${u}`);
          return 0;
        default:
          return new AdminReply(io, 'users', ALL_USAGE, args).usage(sub === undefined ? 'name what to do: add, list, disable, enable, password, sign-out or revoke-calendar' : `unknown users command "${sub}"`);
      }
    },
  };
}

async function add(args: string[], io: AdminIo, env: AdminEnv, passwords: PasswordSource, cost: { N: number; r: number; p: number }): Promise<number> {
  const reply = new AdminReply(io, 'users add', USAGE.add, args);
  const parsed = parseCommandArgs(args, { name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, admin: { type: 'boolean' } }, reply, { min: 1, max: 1, names: 'the username' });
  if (!parsed) return 2;
  const { values } = parsed;
  const missing = (['name', 'role', 'org'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) return reply.usage(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  const input = NewAccountArgs.safeParse({ username: parsed.positionals[0], name: values.name, role: values.role, organisation: values.org, admin: values.admin ?? false });
  if (!input.success) return reply.usage(input.error.issues.map((i) => i.message).join('; '));
  const wanted = input.data;
  return runOnStore(env, reply, 'adding the account', async (store) => {
    if (await store.records.account(wanted.username)) return reply.failed('username-taken', `there is already an account named ${wanted.username}; choose another username (see: npm run admin -- users list)`);
    const read = await passwords(wanted.username);
    if (!read.ok) return reply.usage(read.problem);
    const password = NewPassword.safeParse(read.password);
    if (!password.success) return reply.usage(`${password.error.issues[0]!.message}; nothing was changed`);
    const weak = passwordWeakness(password.data, wanted);
    if (weak) return reply.usage(`${weak}; nothing was changed`);
    const account: Account = { ...wanted, disabled: false, passwordHash: await hashPassword(password.data, cost), createdAt: new Date().toISOString() };
    if (!(await store.records.addAccount(account))) return reply.failed('username-taken', `there is already an account named ${wanted.username}; choose another username`);
    return reply.done({ account: publicAccount(account), store: store.where }, [
      `added ${account.username}: ${account.name}, ${account.role}, ${account.organisation}${account.admin ? ' (administrator)' : ''}`,
      `in ${store.where}`,
      `next: give access to a child with  npm run admin -- grant ${account.username} <childId> read|edit [--restricted]`,
    ]);
  });
}

async function list(args: string[], io: AdminIo, env: AdminEnv): Promise<number> {
  const reply = new AdminReply(io, 'users list', USAGE.list, args);
  if (!parseCommandArgs(args, {}, reply, { min: 0, max: 0, names: '' })) return 2;
  return runOnStore(env, reply, 'listing the accounts', async (store) => {
    const accounts = await store.records.accounts();
    const rows = await Promise.all(accounts.map(async (a) => ({ ...publicAccount(a), grants: (await store.records.grantsOf(a.username)).length })));
    const table = [
      ['USERNAME', 'NAME', 'ROLE', 'ORGANISATION', 'STATUS', 'CHILDREN'],
      ...rows.map((r) => [r.username, r.name, r.role, r.organisation, `${r.disabled ? 'disabled' : 'active'}${r.admin ? ', admin' : ''}`, String(r.grants)]),
    ];
    return reply.done({ accounts: rows }, [...formatTable(table), '', `${plural(rows.length, 'account')} in ${store.where}`]);
  });
}

async function setDisabled(sub: 'disable' | 'enable', args: string[], io: AdminIo, env: AdminEnv): Promise<number> {
  const reply = new AdminReply(io, `users ${sub}`, USAGE[sub], args);
  const parsed = parseCommandArgs(args, {}, reply, { min: 1, max: 1, names: 'the username' });
  if (!parsed) return 2;
  const username = parsed.positionals[0]!;
  const disabled = sub === 'disable';
  return runOnStore(env, reply, `${sub === 'disable' ? 'disabling' : 'enabling'} the account`, async (store) => {
    const before = await store.records.account(username);
    if (!before) return reply.failed('unknown-user', `there is no account named ${username} (see: npm run admin -- users list)`);
    if (!(await store.records.setDisabled(username, disabled))) return reply.failed('unknown-user', `the account ${username} was removed meanwhile`);
    const changed = before.disabled !== disabled;
    const lines = disabled
      ? [`${changed ? 'disabled' : 'already disabled:'} ${username} (${before.name}): they cannot sign in, and running servers close their open connections within seconds`, 'their grants are kept; enable the account to give them back']
      : [`${changed ? 'enabled' : 'already enabled:'} ${username} (${before.name}): they can sign in again, with the grants they held`];
    return reply.done({ username, disabled, changed }, lines);
  });
}

async function setPassword(args: string[], io: AdminIo, env: AdminEnv, passwords: PasswordSource, cost: { N: number; r: number; p: number }): Promise<number> {
  const reply = new AdminReply(io, 'users password', USAGE.password, args);
  const parsed = parseCommandArgs(args, {}, reply, { min: 1, max: 1, names: 'the username' });
  if (!parsed) return 2;
  const username = parsed.positionals[0]!;
  return runOnStore(env, reply, 'setting the password', async (store) => {
    const account = await store.records.account(username);
    if (!account) return reply.failed('unknown-user', `there is no account named ${username} (see: npm run admin -- users list)`);
    const read = await passwords(username);
    if (!read.ok) return reply.usage(read.problem);
    const password = NewPassword.safeParse(read.password);
    if (!password.success) return reply.usage(`${password.error.issues[0]!.message}; nothing was changed`);
    const weak = passwordWeakness(password.data, account);
    if (weak) return reply.usage(`${weak}; nothing was changed`);
    if (!(await store.records.setPasswordHash(username, await hashPassword(password.data, cost)))) return reply.failed('unknown-user', `the account ${username} was removed meanwhile`);
    return reply.done({ username, passwordChanged: true, sessionsEnded: true, calendarKeyRevoked: true }, [
      `set a new password for ${username}; every session of the account has ended (running servers close its connections within seconds) and its calendar link has stopped working (a new one comes from the app)`,
    ]);
  });
}

/** `users sign-out` ends every session of an account; `users revoke-calendar` stops its calendar link. */
async function endSetting(sub: 'sign-out' | 'revoke-calendar', args: string[], io: AdminIo, env: AdminEnv): Promise<number> {
  const reply = new AdminReply(io, `users ${sub}`, USAGE[sub], args);
  const parsed = parseCommandArgs(args, {}, reply, { min: 1, max: 1, names: 'the username' });
  if (!parsed) return 2;
  const username = parsed.positionals[0]!;
  return runOnStore(env, reply, sub === 'sign-out' ? 'ending the sessions' : 'revoking the calendar link', async (store) => {
    const account = await store.records.account(username);
    if (!account) return reply.failed('unknown-user', `there is no account named ${username} (see: npm run admin -- users list)`);
    const had = await store.records.deleteSetting(sub === 'sign-out' ? sessionSetting(username) : calendarKeySetting(username));
    return sub === 'sign-out'
      ? reply.done({ username, sessionsEnded: had }, [`ended every session of ${username} (${account.name}): they must sign in again; running servers close their open connections within seconds`])
      : reply.done({ username, calendarKeyRevoked: had }, [
          had ? `revoked the calendar link of ${username} (${account.name}): it stops working now; they get a new one from the app` : `${username} (${account.name}) had no calendar link; nothing to revoke`,
        ]);
  });
}

/** `npm run admin -- users ...`, reading the environment and standard input. */
export const usersCommand: AdminCommand = makeUsersCommand();
