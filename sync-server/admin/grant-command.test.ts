import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageCommands } from './backup-command.ts';
import { withJsonOption } from './admin-reply.ts';
import { openAdminStore } from './admin-store.ts';
import { makeChildrenCommand } from './children-command.ts';
import { makeGrantCommands } from './grant-command.ts';
import { makeUsersCommand } from './users-command.ts';

let dir: string;
let env: Record<string, string>;
let childId: string;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grant-command-'));
  env = { DATA_DIR: join(dir, 'data') };
  const users = makeUsersCommand({ env, hashCost: { N: 1024, r: 8, p: 1 }, password: () => Promise.resolve({ ok: true, password: 'a long test password' }) });
  expect(await users.run(['add', 'asha.patel', '--name', 'Asha Patel', '--role', 'Social Worker', '--org', 'CiC Team'], io().io)).toBe(0);
  const made = io();
  expect(await makeChildrenCommand({ env }).run(['create', '--template', 'pathway-adoption', '--name', 'Kit Fiction'], made.io)).toBe(0);
  childId = made.out[0]!;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(command: 'grant' | 'revoke', ...args: string[]) {
  const r = io();
  const code = await makeGrantCommands(env)[command].run(args, r.io);
  return { code, ...r };
}

async function state() {
  const store = await openAdminStore({ DATA_DIR: env.DATA_DIR!, PORT: 0, HOST: '127.0.0.1' });
  try {
    return { grant: await store.records.grantFor('asha.patel', childId), version: await store.records.accessVersion() };
  } finally {
    await store.close();
  }
}

describe('grant and revoke', () => {
  it('grants, changes and revokes access, bumping the access version each time', async () => {
    const v0 = (await state()).version;
    const granted = await run('grant', 'asha.patel', childId, 'edit', '--restricted');
    expect(granted.code).toBe(0);
    expect(granted.out).toEqual([`granted asha.patel (Asha Patel) edit access to Kit Fiction (${childId}): plan and restricted part`]);
    const s1 = await state();
    expect(s1.grant).toEqual({ username: 'asha.patel', childId, level: 'edit', restricted: true });
    expect(s1.version).toBeGreaterThan(v0);

    const narrowed = await run('grant', 'asha.patel', childId, 'read', '--json');
    expect(narrowed.code).toBe(0);
    expect(narrowed.json()).toMatchObject({ grant: { level: 'read', restricted: false }, previous: { level: 'edit', restricted: true }, child: { childId, name: 'Kit Fiction' } });
    const text = await run('grant', 'asha.patel', childId, 'edit');
    expect(text.out[0]).toBe(`changed asha.patel's access to Kit Fiction (${childId}): was read (plan only), now edit (plan only)`);
    const s2 = await state();
    expect(s2.version).toBeGreaterThan(s1.version);

    const revoked = await run('revoke', 'asha.patel', childId);
    expect(revoked.code).toBe(0);
    expect(revoked.out[0]).toBe(`revoked asha.patel's access to child ${childId}: was edit (plan only)`);
    const s3 = await state();
    expect(s3.grant).toBeUndefined();
    expect(s3.version).toBeGreaterThan(s2.version);
    const again = await run('revoke', 'asha.patel', childId, '--json');
    expect(again.code).toBe(1);
    expect(again.json()).toMatchObject({ error: 'no-grant', message: `asha.patel has no access to child ${childId}; nothing changed` });
  });

  it('refuses unknown users and children (status 1) and bad arguments (status 2)', async () => {
    const unknownUser = await run('grant', 'nobody.here', childId, 'read');
    expect([unknownUser.code, unknownUser.err[0]]).toEqual([1, 'grant: there is no account named nobody.here (see: npm run admin -- users list)']);
    const unknownChild = await run('grant', 'asha.patel', 'cnosuchchild', 'read');
    expect(unknownChild.code).toBe(1);
    expect(unknownChild.err[0]).toMatch(/^grant: there is no child with id cnosuchchild in SQLite in .* \(see: npm run admin -- children list\)$/);
    expect((await run('revoke', 'nobody.here', childId)).err[0]).toMatch(/there is no account named nobody\.here/);
    const bad: [('grant' | 'revoke'), string[], RegExp][] = [
      ['grant', ['asha.patel', childId, 'write'], /the access level is read or edit, not "write"/],
      ['grant', ['asha.patel', '../x', 'read'], /a child id is 1 to 64 letters/],
      ['grant', ['asha.patel', childId], /name the username, the child id and read or edit/],
      ['grant', ['asha.patel', childId, 'read', '--everything'], /Unknown option '--everything'/],
      ['revoke', ['asha.patel'], /name the username and the child id/],
    ];
    for (const [command, args, message] of bad) {
      const result = await run(command, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err.join('\n')).toMatch(message);
      expect(result.err.at(-1)).toMatch(new RegExp(`^usage: npm run admin -- ${command} <username> <childId>`));
    }
    expect((await state()).grant).toBeUndefined();
  });

  it('reports a bad configuration with status 2, like the server does', async () => {
    const r = io();
    const code = await makeGrantCommands({ DATA_DIR: env.DATA_DIR, DATABASE_URL: 'mysql://nope' }).grant.run(['asha.patel', childId, 'read', '--json'], r.io);
    expect(code).toBe(2);
    expect(r.err.join('\n')).toMatch(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(r.json()).toMatchObject({ error: 'configuration', problems: [expect.stringContaining('DATABASE_URL')] });
  });
});

describe('backup and restore with --json', () => {
  it('answers one JSON document with the messages of the text command', async () => {
    const commands = storageCommands(env);
    const file = join(dir, 'backup.sqlite');
    const backup = io();
    expect(await withJsonOption(commands.backup).run([file, '--json'], backup.io)).toBe(0);
    expect(backup.json()).toEqual({ ok: true, status: 0, messages: [expect.stringMatching(/^backed up SQLite in .* to .*backup\.sqlite$/)], errors: [] });
    const refused = io();
    expect(await withJsonOption(commands.restore).run([file, '--json'], refused.io)).toBe(2);
    expect(refused.json()).toMatchObject({ ok: false, status: 2, errors: [expect.stringMatching(/add --replace/)] });
    expect(refused.err).toEqual([expect.stringMatching(/add --replace/)]);
    const restored = io();
    expect(await withJsonOption(commands.restore).run([file, '--replace', '--json'], restored.io)).toBe(0);
    expect(restored.json()).toMatchObject({ ok: true, messages: [expect.stringMatching(/^restored 2 documents .* 1 accounts/), expect.stringMatching(/^re-rated \d+ of 1 caseload entries for \d{4}-\d{2}-\d{2} from their plans$/)] });
  });
});
