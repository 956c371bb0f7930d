/**
 * The store commands honour DATABASE_URL as the server does: the same flow as on SQLite, against
 * a throwaway PostgreSQL server (tests/harness/postgres.ts), with DATA_DIR pointing at a folder
 * that must stay empty.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../tests/harness/postgres.ts';
import { openServerRecords } from '../storage/records/open-server-records.ts';
import { makeChildrenCommand } from './children-command.ts';
import { makeGrantCommands } from './grant-command.ts';
import { makeUsersCommand } from './users-command.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/tracker-example.csv', import.meta.url));

let server: TestPostgres;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = await mkdtemp(join(tmpdir(), 'admin-postgres-'));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe('admin commands on PostgreSQL', () => {
  it('add a user, import a tracker, create a child, grant and revoke, all in the database DATABASE_URL names', async () => {
    const databaseUrl = await server.createDatabase();
    const env = { DATA_DIR: join(dir, 'unused'), DATABASE_URL: databaseUrl };
    const users = makeUsersCommand({ env, hashCost: { N: 1024, r: 8, p: 1 }, password: () => Promise.resolve({ ok: true, password: 'a long test password' }) });
    const children = makeChildrenCommand({ env, today: () => '2026-11-23' });
    const { grant, revoke } = makeGrantCommands(env);

    const added = io();
    expect(await users.run(['add', 'asha.patel', '--name', 'Asha Patel', '--role', 'Social Worker', '--org', 'CiC Team'], added.io)).toBe(0);
    expect(added.out[1]).toMatch(/^in PostgreSQL at postgres(ql)?:\/\//);
    const imported = io();
    expect(await children.run(['import', EXAMPLE], imported.io)).toBe(0);
    expect(imported.out[0]).toMatch(/^imported 5 children from tracker-example\.csv into PostgreSQL at /);
    const made = io();
    expect(await children.run(['create', '--template', 'pathway-pace', '--name', 'Lee Sample', '--jurisdiction', 'Scotland'], made.io)).toBe(0);
    const childId = made.out[0]!;
    expect(await grant.run(['asha.patel', childId, 'edit', '--restricted'], io().io)).toBe(0);

    const records = await openServerRecords(env);
    try {
      expect((await records.children()).map((c) => c.name)).toEqual(['Bailey Example', 'Casey Sample', 'Devon Fiction', 'Frankie Placeholder', 'Harley Testcase', 'Lee Sample']);
      expect(await records.grantFor('asha.patel', childId)).toEqual({ username: 'asha.patel', childId, level: 'edit', restricted: true });
      expect((await records.verifyAudit()).ok).toBe(true);
    } finally {
      await records.close();
    }
    expect(await revoke.run(['asha.patel', childId], io().io)).toBe(0);
    const again = io();
    expect(await children.run(['import', EXAMPLE, '--skip-existing'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/^imported 0 children/);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });
});
