/**
 * Identity and sessions (issue 13, items 5 to 9) against real servers on 127.0.0.1: a raw socket
 * writing a value as someone else or dated in the future is refused with 4424 `wrong-writer`
 * while an honest offline write keeps its earlier time; sessions end at their absolute lifetime,
 * on a password change, a disable and "sign out everywhere", for HTTP and open connections;
 * calendar keys are rotated, revoked and never made by a probe; sign-in attempts are counted
 * before the password check, per account and per address (X-Forwarded-For through TRUST_PROXY);
 * the calendar endpoint answers known and unknown usernames alike and is limited per address.
 * Throughout, other people's editing and `/healthz` carry on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeRegister, registerEntries } from '../model/register.ts';
import { CLOSE } from '../model/wire/index.ts';
import { sessionGeneration } from '../sync-server/auth/session-generation.ts';
import { issueToken, SESSION_LIFETIME_SECONDS } from '../sync-server/auth/tokens.ts';
import { hashPassword } from '../sync-server/auth/password.ts';
import { calendarKeySetting, readSetting } from '../sync-server/storage/records/account-settings.ts';
import { adminOnStore, type AdminOnStore } from './harness/admin-on-store.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { updateMessage, WireClient } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

let server: TestServer;
let childId: string;
let name: string;
/** Two real providers of another person that keep editing throughout. */
let alice: TestClient;
let bob: TestClient;
let edits = 0;

beforeAll(async () => {
  server = await startTestServer();
  childId = await addChild(server.app, 'Hollis Fiction');
  name = `child:${childId}`;
  for (const u of ['editor', 'bystander', 'iro']) {
    await addUser(server.app, u);
    await server.app.records.grant({ username: u, childId, level: 'edit', restricted: false });
  }
  const token = await login(server.url, 'bystander');
  alice = connect(server.wsUrl, name, token);
  bob = connect(server.wsUrl, name, token);
  await Promise.all([alice.synced(), bob.synced()]);
}, 60_000);

afterAll(async () => {
  alice?.destroy();
  bob?.destroy();
  await server?.stop();
});

/** Another person's edit still reaches their other client within the usual time, and /healthz answers. */
async function othersUnaffected(): Promise<void> {
  const marker = `still-works-${++edits}`;
  const started = Date.now();
  appendMarker(alice.doc, marker);
  await alice.saved(5000);
  await eventually(() => missingMarkers(bob.doc, [marker]).length === 0, 'the edit to reach the other provider', 5000);
  expect(Date.now() - started).toBeLessThan(5000);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

/** The child's name register in `doc`. */
const nameRegister = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('child').get('name') as Y.Map<unknown>;

/** The update that writes the child's name as `by` at `at`, made on a copy of `doc` (left unchanged). */
function nameWrite(doc: Y.Doc, value: string, by: string, at: Date): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array | undefined;
  copy.on('update', (u: Uint8Array) => (update = u));
  writeRegister(nameRegister(copy), value, { actor: by, now: () => at, newId: () => randomUUID() });
  return update!;
}

/** A raw editor socket signed in as `editor`, synced. */
async function rawEditor(): Promise<{ wire: WireClient; doc: Y.Doc }> {
  const wire = await WireClient.open(server.wsUrl);
  await wire.authenticate(name, await login(server.url, 'editor'));
  return { wire, doc: await wire.sync(name) };
}

/** The names the server holds for the child, live. */
const liveNames = (): string[] => registerEntries(nameRegister(server.app.hocuspocus.documents.get(name)!)).map((e) => String(e.value));

describe('item 5: who wrote it, and when', () => {
  it('refuses a value written "as an IRO, 1 Jan 2020" and a future-dated one; keeps an offline write dated an hour earlier', async () => {
    const before = liveNames();
    const forged = await rawEditor();
    forged.wire.send(updateMessage(name, nameWrite(forged.doc, 'Forged by an IRO', 'iro', new Date('2020-01-01T09:00:00Z'))));
    expect(await forged.wire.waitForClose(5000)).toEqual({ code: CLOSE.wrongWriter.code, reason: CLOSE.wrongWriter.reason });
    expect(liveNames()).toEqual(before);

    const future = await rawEditor();
    future.wire.send(updateMessage(name, nameWrite(future.doc, 'From the future', 'editor', new Date(Date.now() + 60 * 60_000))));
    expect(await future.wire.waitForClose(5000)).toEqual({ code: 4424, reason: 'wrong-writer' });
    expect(liveNames()).toEqual(before);
    await othersUnaffected();

    const offline = await rawEditor();
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const from = offline.wire.messages.length;
    offline.wire.send(updateMessage(name, nameWrite(offline.doc, 'Written offline', 'editor', hourAgo)));
    await offline.wire.waitForMessage((m) => m.kind === 'sync-status' && m.saved, from, 5000);
    offline.wire.terminate();
    const entries = registerEntries(nameRegister(server.app.hocuspocus.documents.get(name)!));
    expect(entries.map((e) => [e.value, e.by, e.at])).toEqual([['Written offline', 'editor', hourAgo.toISOString()]]);
    // The audit names the same person as the value's writer (what the page and the minutes show).
    await server.app.activity.settle();
    const [latest] = await server.app.records.auditOf(name, 1);
    expect(latest).toMatchObject({ username: 'editor', action: 'edit' });
    await othersUnaffected();
  });
});

describe('item 6: sessions end', () => {
  it('a renewal never carries a session past its lifetime from sign-in; the expired token and its connection end', async () => {
    const secret = await server.app.records.setting('token-signing-secret', () => {
      throw new Error('the server made its secret at start');
    });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const authTime = nowSeconds - SESSION_LIFETIME_SECONDS + 3;
    const old = await issueToken(secret, 'editor', { authTime, gen: await sessionGeneration(server.app.records, 'editor') });
    const renewed = await api('/api/token', old, { method: 'POST' });
    expect(renewed.status).toBe(200);
    const { token, expiresAt } = (await renewed.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual((authTime + SESSION_LIFETIME_SECONDS) * 1000);
    const open = connect(server.wsUrl, name, token);
    try {
      await open.synced();
      await new Promise((r) => setTimeout(r, (authTime + SESSION_LIFETIME_SECONDS) * 1000 - Date.now() + 300));
      const me = await api('/api/me', token);
      expect(me.status).toBe(401);
      expect(((await me.json()) as { error: string }).error).toBe('token-expired');
      expect((await api('/api/token', token, { method: 'POST' })).status).toBe(401);
      await eventually(() => open.closes.some((c) => c.reason === CLOSE.tokenExpired.reason), 'the expired connection to close', 3000);
    } finally {
      open.destroy();
    }
    await othersUnaffected();
  });

  it('a password change, a disable-then-enable and "sign out everywhere" end every token and open connection of the account', async () => {
    const ended = async (change: () => Promise<unknown>, what: string): Promise<void> => {
      const [first, second] = [await login(server.url, 'editor'), await login(server.url, 'editor')];
      const open = connect(server.wsUrl, name, second);
      try {
        await open.synced();
        expect((await api('/api/me', first)).status).toBe(200);
        await change();
        for (const t of [first, second]) expect((await api('/api/me', t)).status, what).toBe(401);
        expect((await api('/api/token', first, { method: 'POST' })).status, what).toBe(401);
        await eventually(() => open.closes.some((c) => c.reason === CLOSE.unauthorized.reason), `the connection to close after ${what}`, 3000);
      } finally {
        open.destroy();
      }
      await othersUnaffected();
    };

    await ended(async () => {
      const token = await login(server.url, 'editor');
      const res = await api('/api/session/sign-out-everywhere', token, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ signedOut: true });
      expect((await api('/api/me', token)).status).toBe(401);
    }, 'sign out everywhere');

    await ended(() => server.app.records.setDisabled('editor', true).then(() => server.app.records.setDisabled('editor', false)), 'a disable and enable');

    await ended(async () => server.app.records.setPasswordHash('editor', await hashPassword('a new long passphrase', { N: 1024, r: 8, p: 1 })), 'a password change');
    expect((await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'editor', password: 'pw-editor' }) })).status).toBe(401);
    await server.app.records.setPasswordHash('editor', await hashPassword('pw-editor', { N: 1024, r: 8, p: 1 }));
    // The bystander's own session was never touched.
    expect((await api('/api/me', await login(server.url, 'bystander'))).status).toBe(200);
  });
});

describe('item 7: calendar keys', () => {
  let admin: AdminOnStore;
  beforeAll(() => {
    admin = adminOnStore(server.dataDir);
  });
  afterAll(() => admin?.restore());

  const feedUrl = async (token: string): Promise<string> => ((await (await api('/api/me/calendar-url', token)).json()) as { url: string }).url;

  it('a person rotates their key and the old one stops at once; an administrator revokes any; a password change revokes it', async () => {
    const token = await login(server.url, 'editor');
    const first = await feedUrl(token);
    expect((await fetch(first)).status).toBe(200);
    const rotated = await api('/api/me/calendar-key/rotate', token, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const second = ((await rotated.json()) as { url: string }).url;
    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(401);
    expect((await fetch(second)).status).toBe(200);

    const revoke = await admin.admin('users', 'revoke-calendar', 'editor');
    expect(revoke.code).toBe(0);
    expect((await fetch(second)).status).toBe(401);

    const third = await feedUrl(await login(server.url, 'editor'));
    expect((await fetch(third)).status).toBe(200);
    await server.app.records.setPasswordHash('editor', await hashPassword('pw-editor', { N: 1024, r: 8, p: 1 }));
    expect((await fetch(third)).status).toBe(401);
    await othersUnaffected();
  });

  it('an anonymous probe for a real account makes no key', async () => {
    expect(await readSetting(server.app.records, calendarKeySetting('iro'))).toBeUndefined();
    const probe = await fetch(`${server.url}/api/calendar.ics?key=iro.${'A'.repeat(43)}`);
    expect(probe.status).toBe(401);
    expect(await readSetting(server.app.records, calendarKeySetting('iro'))).toBeUndefined();
  });
});

describe('items 8 and 9: sign-in limits and the calendar endpoint, per account and per address', () => {
  let limited: TestServer;
  const from = (address: string): Record<string, string> => ({ 'x-forwarded-for': address });
  const signIn = (username: string, password: string, address: string): Promise<Response> =>
    fetch(`${limited.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...from(address) }, body: JSON.stringify({ username, password }) });

  beforeAll(async () => {
    // One reverse proxy trusted, so each request's address is its X-Forwarded-For; a short address window.
    limited = await startTestServer({ TRUST_PROXY: '1' }, { loginLimits: { perAddress: 10, addressWindowSeconds: 2 } });
    for (const u of ['victim', 'walker', 'neighbour', 'caluser', ...Array.from({ length: 10 }, (_, i) => `guess${i}`)]) await addUser(limited.app, u);
  }, 60_000);
  afterAll(async () => {
    await limited?.stop();
  });

  it('thirty parallel wrong passwords for one account: at most five are checked, the rest refused before the check', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('victim', `wrong-${i}`, `10.0.0.${i + 1}`)));
    const checked = answers.filter((r) => r.status === 401).length;
    const refused = answers.filter((r) => r.status === 429);
    console.log(`login attempts checked out of 30 parallel ones: ${checked}`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused.length).toBe(30);
    expect(refused.every((r) => Number(r.headers.get('retry-after')) > 0)).toBe(true);
    // The account is locked for its window, from any address; another person signs in as usual.
    expect((await signIn('victim', 'pw-victim', '10.0.1.1')).status).toBe(429);
    expect((await signIn('neighbour', 'pw-neighbour', '10.0.0.1')).status).toBe(200);
  });

  it('an address over its limit is refused for a short while; then a right password for an unlocked account signs in', async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < 10; i++) expect((await signIn(`guess${i}`, 'wrong password', address)).status).toBe(401);
    const locked = await signIn('walker', 'pw-walker', address);
    expect(locked.status).toBe(429);
    // Someone at another address is not affected.
    expect((await signIn('neighbour', 'pw-neighbour', '10.9.9.10')).status).toBe(200);
    await new Promise((r) => setTimeout(r, Number(locked.headers.get('retry-after')) * 1000 + 200));
    expect((await signIn('walker', 'pw-walker', address)).status).toBe(200);
  });

  it('the calendar endpoint answers known and unknown usernames alike, makes no key, and limits each address', async () => {
    const token = ((await (await signIn('caluser', 'pw-caluser', '10.7.0.1')).json()) as { token: string }).token;
    const good = ((await (await fetch(`${limited.url}/api/me/calendar-url`, { headers: { authorization: `Bearer ${token}` } })).json()) as { url: string }).url;
    const wrongSecret = 'B'.repeat(43);
    const keys = { 'known, wrong secret': `caluser.${wrongSecret}`, 'known, no key': `walker.${wrongSecret}`, unknown: `nobody.here.${wrongSecret}` };
    const times: Record<string, number[]> = {};
    const bodies = new Set<string>();
    for (let round = 0; round < 15; round++) {
      for (const [what, key] of Object.entries(keys)) {
        const started = performance.now();
        const res = await fetch(`${limited.url}/api/calendar.ics?key=${encodeURIComponent(key)}`, { headers: from('10.7.0.2') });
        bodies.add(`${res.status} ${await res.text()}`);
        (times[what] ??= []).push(performance.now() - started);
      }
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toMatch(/^401 /);
    const medians = Object.fromEntries(Object.entries(times).map(([what, t]) => [what, [...t].sort((a, b) => a - b)[7]!]));
    console.log(`calendar key check, median ms: ${JSON.stringify(medians)}`);
    // Before, a known username cost one more storage call than an unknown one; now the same work.
    const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
    expect(spread).toBeLessThan(Math.max(5, Math.min(...Object.values(medians)) / 2));
    expect(await readSetting(limited.app.records, calendarKeySetting('walker'))).toBeUndefined();

    // One address gets 60 feed requests a minute; the 61st is refused, and another address is not affected.
    const flood = await Promise.all(Array.from({ length: 61 }, () => fetch(`${limited.url}/api/calendar.ics?key=${encodeURIComponent(keys.unknown)}`, { headers: from('10.7.0.3') })));
    expect(flood.filter((r) => r.status === 429)).toHaveLength(1);
    const other = await fetch(good, { headers: from('10.7.0.4') });
    expect(other.status).toBe(200);
    expect(await other.text()).toMatch(/^BEGIN:VCALENDAR/);
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  });
});
