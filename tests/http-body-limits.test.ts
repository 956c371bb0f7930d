/**
 * Request bodies are capped per route and refused before they are parsed, against the real
 * server on 127.0.0.1 (issue 13 item 3): ten 4 MB bodies of deeply nested arrays sent to
 * `/api/login` at once, without signing in, are refused with 413 as soon as their length is
 * known, while `/healthz` keeps answering fast; a small body nested too deep is refused with 400
 * before `JSON.parse`; other routes have their own caps; every refusal is the wire's error body.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorReply } from '../model/wire/index.ts';
import { BODY_LIMITS, MAX_JSON_DEPTH } from '../sync-server/http/body-limits.ts';
import { addUser, login, startTestServer, type TestServer } from './harness/collab.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // An administrator, so the routes that create children let them try.
  await addUser(server.app, 'worker', undefined, { admin: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
}

/** POSTs `body` with node:http (streamed, optionally without a length), resolving at the answer even if the server stops reading. */
function post(path: string, body: Buffer, options: { chunked?: boolean; token?: string } = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!options.chunked) headers['content-length'] = String(body.length);
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', () => undefined);
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

const nested = (depth: number, filler = 0): Buffer => Buffer.from(`${'['.repeat(depth)}${'0,'.repeat(filler)}0${']'.repeat(depth)}`);

it('refuses ten 4 MB nested bodies to /api/login fast while /healthz keeps answering', async () => {
  const attack = nested(2_000_000);
  expect(attack.length).toBe(4_000_001);
  const latencies: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const answers = await Promise.all([
    ...Array.from({ length: 5 }, () => post('/api/login', attack)),
    // Without a declared length, the cap is hit while reading.
    ...Array.from({ length: 5 }, () => post('/api/login', attack, { chunked: true })),
  ]);
  probing = false;
  await probe;
  for (const a of answers) {
    expect(a.status).toBe(413);
    expect(ErrorReply.parse(a.body)).toMatchObject({ error: 'too-large', message: expect.stringContaining('4 KiB') as string });
    expect(a.ms).toBeLessThan(3000);
  }
  expect(latencies.length).toBeGreaterThan(0);
  expect(Math.max(...latencies)).toBeLessThan(500);
  // Signing in still works.
  expect(await login(server.url, 'worker')).toMatch(/\./);
});

it('refuses a small body nested deeper than the limit with 400 before parsing it', async () => {
  const deep = nested(MAX_JSON_DEPTH + 1);
  expect(deep.length).toBeLessThan(BODY_LIMITS.login);
  const answer = await post('/api/login', deep);
  expect(answer.status).toBe(400);
  expect(ErrorReply.parse(answer.body).error).toBe('too-deep');
  // Brackets inside strings do not count.
  const inString = Buffer.from(JSON.stringify({ username: '['.repeat(100), password: 'x' }));
  expect((await post('/api/login', inString)).status).toBe(400);
  expect(ErrorReply.parse((await post('/api/login', inString)).body).error).toBe('invalid-body');
});

it('caps the other routes at their own sizes', async () => {
  const token = await login(server.url, 'worker');
  const overDefault = Buffer.from(JSON.stringify({ name: 'x'.repeat(BODY_LIMITS.default) }));
  const created = await post('/api/children', overDefault, { token });
  expect(created.status).toBe(413);
  expect(ErrorReply.parse(created.body).message).toContain('1 MiB');
  const overImport = Buffer.from(JSON.stringify({ plan: 'x'.repeat(BODY_LIMITS.import) }));
  const imported = await post('/api/children/import', overImport, { token, chunked: true });
  expect(imported.status).toBe(413);
  expect(ErrorReply.parse(imported.body).message).toContain('5 MiB');
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
