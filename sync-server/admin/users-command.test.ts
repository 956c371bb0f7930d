import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import { openServerRecords } from '../storage/records/open-server-records.ts';
import { calendarKeySetting, readSetting, sessionSetting } from '../storage/records/account-settings.ts';
import type { PasswordRead } from './password-input.ts';
import { makeUsersCommand } from './users-command.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'users-command-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function users(args: string[], password: PasswordRead = { ok: true, password: 'correct horse battery' }) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const command = makeUsersCommand({
    env: { DATA_DIR: join(dir, 'data') },
    hashCost: CHEAP,
    password: async (label) => {
      asked.push(label);
      return Promise.resolve(password);
    },
  });
  const code = await command.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, asked, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
}

const ADD = ['add', 'asha.patel', '--name', 'Asha Patel', '--role', "Child's Social Worker", '--org', 'Children in Care Team'];

async function stored(username: string) {
  const records = await openServerRecords({ DATA_DIR: join(dir, 'data') });
  try {
    return { account: await records.account(username), version: await records.accessVersion() };
  } finally {
    await records.close();
  }
}

describe('users add', () => {
  it('adds an account with the password from the source, stored only as a hash', async () => {
    const result = await users([...ADD, '--admin']);
    expect(result.code).toBe(0);
    expect(result.asked).toEqual(['asha.patel']);
    expect(result.out[0]).toBe("added asha.patel: Asha Patel, Child's Social Worker, Children in Care Team (administrator)");
    const { account } = await stored('asha.patel');
    expect(account).toMatchObject({ name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team', admin: true, disabled: false });
    expect(account!.passwordHash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', account!.passwordHash)).toBe(true);
  });

  it('refuses an empty or short password with a clear message, and stores nothing', async () => {
    const empty = await users(ADD, { ok: true, password: '' });
    expect(empty.code).toBe(2);
    expect(empty.err[0]).toBe('users add: the password is empty; type one, or pipe it in as one line; nothing was changed');
    const short = await users(ADD, { ok: true, password: 'elevenchars' });
    expect(short.code).toBe(2);
    expect(short.err[0]).toMatch(/the password is too short: use at least 12 characters/);
    const none = await users(ADD, { ok: false, problem: 'no password on standard input: pipe it in as one line' });
    expect(none.code).toBe(2);
    expect((await stored('asha.patel')).account).toBeUndefined();
  });

  it('refuses a taken username (status 1) before asking for a password, and bad arguments (status 2)', async () => {
    expect((await users(ADD)).code).toBe(0);
    const taken = await users([...ADD, '--json']);
    expect(taken.code).toBe(1);
    expect(taken.asked).toEqual([]);
    expect(taken.json()).toMatchObject({ error: 'username-taken', message: expect.stringContaining('already an account named asha.patel') as unknown });
    const bad: [string[], RegExp][] = [
      [['add', 'Asha Patel', '--name', 'A', '--role', 'R', '--org', 'O'], /a username is 2 to 64 characters/],
      [['add', 'asha', '--role', 'R'], /missing --name, --org/],
      [['add', 'asha', '--name', ' ', '--role', 'R', '--org', 'O'], /the full name \(--name\) must not be empty/],
      [['add'], /name the username/],
      [['remove', 'asha'], /unknown users command "remove"/],
    ];
    for (const [args, message] of bad) {
      const result = await users(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err.join('\n')).toMatch(message);
      expect(result.err.join('\n')).toMatch(/usage: npm run admin -- users/);
    }
  });
});

describe('users list, disable, enable, password', () => {
  it('lists accounts without password hashes, in text and JSON', async () => {
    await users(ADD);
    await users(['add', 'jordan.blake', '--name', 'Jordan Blake', '--role', 'Independent Reviewing Officer', '--org', 'IRO Service']);
    const text = await users(['list']);
    expect(text.code).toBe(0);
    expect(text.out[0]).toMatch(/^USERNAME\s+NAME\s+ROLE\s+ORGANISATION\s+STATUS\s+CHILDREN$/);
    expect(text.out[1]).toMatch(/^asha\.patel\s+Asha Patel\s+Child's Social Worker\s+Children in Care Team\s+active\s+0$/);
    expect(text.out.at(-1)).toMatch(/^2 accounts in SQLite in /);
    const json = (await users(['list', '--json'])).json();
    expect(json.accounts).toEqual([expect.objectContaining({ username: 'asha.patel', grants: 0 }), expect.objectContaining({ username: 'jordan.blake' })]);
    expect(JSON.stringify(json)).not.toContain('scrypt');
  });

  it('disables and enables an account, bumping the access version each time', async () => {
    await users(ADD);
    const before = (await stored('asha.patel')).version;
    const disabled = await users(['disable', 'asha.patel']);
    expect(disabled.code).toBe(0);
    expect(disabled.out[0]).toMatch(/^disabled asha\.patel \(Asha Patel\): they cannot sign in, and running servers close their open connections within seconds$/);
    const afterDisable = await stored('asha.patel');
    expect(afterDisable.account!.disabled).toBe(true);
    expect(afterDisable.version).toBeGreaterThan(before);
    expect((await users(['disable', 'asha.patel', '--json'])).json()).toEqual({ username: 'asha.patel', disabled: true, changed: false });
    expect((await users(['enable', 'asha.patel'])).out[0]).toMatch(/^enabled asha\.patel/);
    expect((await stored('asha.patel')).account!.disabled).toBe(false);
    const unknown = await users(['disable', 'nobody.here']);
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toBe('users disable: there is no account named nobody.here (see: npm run admin -- users list)');
  });

  it('sets a new password from the source', async () => {
    await users(ADD);
    const changed = await users(['password', 'asha.patel'], { ok: true, password: 'a different long passphrase' });
    expect(changed.code).toBe(0);
    const { account } = await stored('asha.patel');
    expect(await verifyPassword('a different long passphrase', account!.passwordHash)).toBe(true);
    expect(await verifyPassword('correct horse battery', account!.passwordHash)).toBe(false);
    expect((await users(['password', 'asha.patel'], { ok: true, password: 'short' })).code).toBe(2);
  });

  it('refuses a common or guessable password in add and password, changing nothing', async () => {
    const common = await users(ADD, { ok: true, password: 'Password1234!' });
    expect(common.code).toBe(2);
    expect(common.err[0]).toMatch(/most common passwords.*nothing was changed/);
    expect((await stored('asha.patel')).account).toBeUndefined();
    await users(ADD);
    const own = await users(['password', 'asha.patel'], { ok: true, password: 'asha.patel.2026' });
    expect(own.code).toBe(2);
    expect(own.err[0]).toMatch(/username or name/);
    expect(await verifyPassword('correct horse battery', (await stored('asha.patel')).account!.passwordHash)).toBe(true);
  });

  it('ends sessions and revokes the calendar link of an account', async () => {
    await users(ADD);
    const records = await openServerRecords({ DATA_DIR: join(dir, 'data') });
    try {
      await records.setting(sessionSetting('asha.patel'), () => new Uint8Array([1]));
      await records.setting(calendarKeySetting('asha.patel'), () => new Uint8Array([2]));
    } finally {
      await records.close();
    }
    const signOut = await users(['sign-out', 'asha.patel', '--json']);
    expect(signOut.code).toBe(0);
    expect(signOut.json()).toMatchObject({ username: 'asha.patel', sessionsEnded: true });
    const revoke = await users(['revoke-calendar', 'asha.patel']);
    expect(revoke.code).toBe(0);
    expect(revoke.out[0]).toMatch(/^revoked the calendar link of asha\.patel/);
    expect((await users(['revoke-calendar', 'asha.patel'])).out[0]).toMatch(/had no calendar link/);
    expect((await users(['sign-out', 'nobody.here'])).code).toBe(1);
    const after = await openServerRecords({ DATA_DIR: join(dir, 'data') });
    try {
      expect(await readSetting(after, sessionSetting('asha.patel'))).toBeUndefined();
      expect(await readSetting(after, calendarKeySetting('asha.patel'))).toBeUndefined();
    } finally {
      await after.close();
    }
  });
});

describe('npm run admin -- users add, as a process', () => {
  const run = (args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, DATA_DIR: join(dir, 'data') }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('reads the password as the first line of a pipe, and refuses an empty pipe or a short line', async () => {
    const added = await run(['users', ...ADD, '--json'], 'a passphrase from a pipe\nignored second line\n');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ account: { username: 'asha.patel', disabled: false } });
    const { account } = await stored('asha.patel');
    expect(await verifyPassword('a passphrase from a pipe', account!.passwordHash)).toBe(true);

    const other = ['users', 'add', 'kai.morgan', '--name', 'Kai Morgan', '--role', 'Health Visitor', '--org', 'Health Visiting'];
    const empty = await run(other, '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no password on standard input/);
    const short = await run(other, 'short\r\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/the password is too short/);
    expect((await stored('kai.morgan')).account).toBeUndefined();
  }, 30_000);
});
