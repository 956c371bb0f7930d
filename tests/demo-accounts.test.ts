/**
 * Issue 13 item 15: the demo accounts (one an administrator) are made only for a new user's first
 * `npm start` on an empty store, never with NODE_ENV=production or DEMO=off, never into an
 * existing store, and their passwords never reach a service's log: the server's stdout here is a
 * pipe (as under a service manager), so the passwords go to a private file in DATA_DIR and only
 * its path is printed. Real server processes on 127.0.0.1 (`node sync-server/main.ts`).
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login } from './harness/collab.ts';
import { adminOnStore } from './harness/admin-on-store.ts';
import { makeDataDir, spawnServer, type ServerProcess } from './harness/server-process.ts';

const dirs: string[] = [];
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, dir?: string): Promise<ServerProcess> {
  const dataDir = dir ?? (await makeDataDir());
  if (!dir) dirs.push(dataDir);
  const server = await spawnServer(dataDir, env);
  servers.push(server);
  return server;
}

/** Whether a username/password pair signs in. */
async function signsIn(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res.status;
}

describe('demo accounts', { timeout: 120_000 }, () => {
  it('first start on an empty store: demo made, passwords in a 0600 file, never in the log; not again on restart', async () => {
    const server = await start();
    const file = join(server.dataDir, 'demo-accounts.txt');
    expect(server.accounts.size).toBe(5);
    for (const password of server.accounts.values()) expect(server.output()).not.toContain(password);
    expect(server.output()).toContain(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const password = server.accounts.get('team.manager')!;
    expect(await login(server.url, 'team.manager', password)).toBeTruthy();
    await server.stop();
    await rm(file);
    const again = await start({}, server.dataDir);
    expect(again.output()).not.toMatch(/demo/i);
    await expect(stat(file)).rejects.toThrow();
    expect(await signsIn(again.url, 'team.manager', password)).toBe(200);
  });

  for (const env of [{ NODE_ENV: 'production' }, { DEMO: 'off' }] as Record<string, string>[]) {
    it(`no demo with ${JSON.stringify(env)}: no account, no file, advice to add the first administrator`, async () => {
      const server = await start(env);
      expect(server.accounts.size).toBe(0);
      expect(server.output()).toMatch(/No accounts yet, and no demo \((NODE_ENV=production|DEMO=off)\)/);
      expect(server.output()).toContain('users add');
      await expect(stat(join(server.dataDir, 'demo-accounts.txt'))).rejects.toThrow();
      expect(await signsIn(server.url, 'team.manager', 'whatever-password-1')).toBe(401);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  it('never into an existing store: a store holding only a child gets no demo accounts', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const admin = adminOnStore(dataDir);
    try {
      const made = await admin.admin('children', 'create', '--template', 'pathway-adoption', '--name', 'Kit Fiction', '--dob', '2024-06-14');
      expect(made.code, made.err.join('\n')).toBe(0);
    } finally {
      admin.restore();
    }
    const server = await start({}, dataDir);
    expect(server.accounts.size).toBe(0);
    expect(server.output()).not.toMatch(/demo caseload/);
    await expect(readFile(join(dataDir, 'demo-accounts.txt'))).rejects.toThrow();
  });
});
