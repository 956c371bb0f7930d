/**
 * What every HTTP response says about itself, and what `/healthz` and calendar links give away,
 * against the real server on 127.0.0.1 (issue 13 items 10, 11 and 12):
 * - every response (page, script, API, errors, 404) carries the CSP, `Referrer-Policy:
 *   no-referrer` and `X-Content-Type-Options: nosniff`; source maps are not served unless
 *   `SOURCE_MAPS=on`;
 * - with PUBLIC_URL unset, a calendar link names the address the server listens on, whatever
 *   Host header the request carries (`Host: evil.example`); with PUBLIC_URL, that address;
 * - `/healthz` answers only `{ "status" }` without sign-in or to a non-administrator, and the
 *   whole report to an administrator.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarUrlReply, HealthReply, PublicHealthReply } from '../model/wire/index.ts';
import { buildClient } from '../scripts/build-client.ts';
import { addChild, addUser, connect, login, startTestServer, type TestServer } from './harness/collab.ts';
import { appendMarker } from './harness/plan-edits.ts';

let server: TestServer;
let other: TestServer | undefined;

beforeAll(async () => {
  // The server serves client/dist: build it from the current source first.
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  await addUser(server.app, 'worker');
  await addUser(server.app, 'boss', undefined, { admin: true });
}, 120_000);

afterAll(async () => {
  await other?.stop();
  await server?.stop();
});

/** A GET with node:http, so that any Host header can be sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The page's one script, by its hashed name (`/main-<hash>.js`), as the built page names it. */
async function mainScript(url: string): Promise<string> {
  const page = (await get(`${url}/`)).body;
  const src = /<script type="module" src="([^"]+)">/.exec(page)?.[1];
  if (!src) throw new Error('the page names no module script');
  return src;
}

describe('security headers', () => {
  it('are on every response: the page, files, the API, errors and refusals', async () => {
    const token = await login(server.url, 'worker');
    const main = await mainScript(server.url);
    const answers = await Promise.all([
      get(`${server.url}/`),
      get(`${server.url}/children/cabc`),
      get(`${server.url}${main}`),
      get(`${server.url}/no-such-file.js`),
      get(`${server.url}/api/me`),
      get(`${server.url}/api/me`, { authorization: `Bearer ${token}` }),
      get(`${server.url}/api/no-such-route`),
      get(`${server.url}/api/children/cnosuchchild`, { authorization: `Bearer ${token}` }),
      get(`${server.url}/healthz`),
      get(`${server.url}/favicon.svg`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 404, 401, 200, 404, 404, 200, 200]);
    const origin = new URL(server.url).host;
    for (const a of answers) {
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(a.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ws://${origin}`);
      expect(csp).not.toContain('unsafe-inline');
    }
    // The page itself has no inline script: its only script is a file.
    const page = answers[0].body;
    expect(page.match(/<script\b[^>]*>/g)).toEqual([`<script type="module" src="${main}">`]);
    expect(page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/);
  });

  it('serves no source maps unless SOURCE_MAPS=on', async () => {
    const main = await mainScript(server.url);
    expect((await get(`${server.url}${main}.map`)).status).toBe(404);
    other = await startTestServer({ SOURCE_MAPS: 'on' });
    const map = await get(`${other.url}${main}.map`);
    expect(map.status).toBe(200);
    expect(map.headers['x-content-type-options']).toBe('nosniff');
    await other.stop();
    other = undefined;
  });
});

describe('calendar links', () => {
  it('name the address the server listens on, never the Host header', async () => {
    const token = await login(server.url, 'worker');
    const reply = await get(`${server.url}/api/me/calendar-url`, { authorization: `Bearer ${token}`, host: 'evil.example' });
    expect(reply.status).toBe(200);
    const links = CalendarUrlReply.parse(JSON.parse(reply.body));
    expect(links.url.startsWith(`${server.url}/api/calendar.ics?key=`)).toBe(true);
    expect(links.childUrl.startsWith(`${server.url}/api/children/`)).toBe(true);
    expect(reply.body).not.toContain('evil.example');
  });

  it('name PUBLIC_URL when it is set', async () => {
    other = await startTestServer({ PUBLIC_URL: 'https://plans.example.org/board/' });
    try {
      await addUser(other.app, 'worker');
      const token = await login(other.url, 'worker');
      const reply = await get(`${other.url}/api/me/calendar-url`, { authorization: `Bearer ${token}`, host: 'evil.example' });
      expect(CalendarUrlReply.parse(JSON.parse(reply.body)).url.startsWith('https://plans.example.org/board/api/calendar.ics?key=')).toBe(true);
      expect(String(reply.headers['content-security-policy'])).toContain("connect-src 'self' wss://plans.example.org");
    } finally {
      await other.stop();
      other = undefined;
    }
  });
});

describe('/healthz', () => {
  it('tells anyone only ok or degraded, and an administrator everything', async () => {
    const childId = await addChild(server.app, 'Quince Fiction');
    await server.app.records.grant({ username: 'worker', childId, level: 'edit', restricted: false });
    const workerToken = await login(server.url, 'worker');
    const client = connect(server.wsUrl, `child:${childId}`, workerToken);
    try {
      await client.synced();
      appendMarker(client.doc, 'health-check');
      await client.saved();
      const anonymous = await get(`${server.url}/healthz`);
      expect(JSON.parse(anonymous.body)).toEqual({ status: 'ok' });
      expect(PublicHealthReply.safeParse(JSON.parse(anonymous.body)).success).toBe(true);
      const forged = await get(`${server.url}/healthz`, { authorization: 'Bearer not.a.token' });
      expect(JSON.parse(forged.body)).toEqual({ status: 'ok' });
      const worker = await get(`${server.url}/healthz`, { authorization: `Bearer ${workerToken}` });
      expect(JSON.parse(worker.body)).toEqual({ status: 'ok' });
      const admin = await get(`${server.url}/healthz`, { authorization: `Bearer ${await login(server.url, 'boss')}` });
      expect(admin.status).toBe(200);
      const full = HealthReply.parse(JSON.parse(admin.body));
      expect(full).toMatchObject({ status: 'ok', storage: { state: 'ok' }, unsaved: [] });
      expect(full.documents).toBeGreaterThanOrEqual(1);
      expect(full.connections.open).toBeGreaterThanOrEqual(1);
    } finally {
      client.destroy();
    }
  });
});
