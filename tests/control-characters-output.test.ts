/* eslint-disable no-control-regex -- these tests look for control characters */
/**
 * Control characters that reached a stored plan (before the model refused them, or by any other
 * way in) never reach a terminal or a calendar raw, against the real server on 127.0.0.1 (issue
 * 13 item 13): a child named with `ESC ]0;…`, NUL and vertical tab is listed by the admin line
 * with the characters escaped, and the child's .ics feed leaves out what RFC 5545 forbids while
 * keeping its escaping, and still parses.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { adminOnStore, type AdminOnStore } from './harness/admin-on-store.ts';
import { addChild, addUser, eventually, login, startTestServer, type TestServer } from './harness/collab.ts';

const HOSTILE = 'Rowan\u001b]0;pwned\u0007\u001b[2J; Fiction,\u000b end';
/** With NUL too, which the caseload index cannot hold (issue 13 item 4), so only in the plan for the feed. */
const WITH_NUL = 'Rowan\u001b]0;pwned\u0007\u001b[2J; Fiction\u0000,\u000b end';
let server: TestServer;
let admin: AdminOnStore;
let childId: string;

/**
 * Renames the child on the server itself, writing the name's register as a plan stored before
 * control characters were refused holds it: past the update checks and the model's accessors.
 */
async function rename(name: string): Promise<void> {
  const direct = await server.app.hocuspocus.openDirectConnection(`child:${childId}`);
  await direct.transact((doc) => {
    const register = doc.getMap('child').get('name') as Y.Map<unknown>;
    for (const key of [...register.keys()]) register.delete(key);
    register.set(`legacy-${Date.now()}`, { value: name, by: 'Test admin', at: new Date().toISOString() });
  });
  await direct.disconnect();
}

beforeAll(async () => {
  server = await startTestServer();
  childId = await addChild(server.app, 'Rowan Fiction');
  await addUser(server.app, 'viewer');
  await server.app.records.grant({ username: 'viewer', childId, level: 'read', restricted: false });
  await rename(HOSTILE);
  await eventually(async () => (await server.app.records.child(childId))?.name === HOSTILE, 'the index to hold the new name');
  admin = adminOnStore(server.dataDir);
}, 60_000);

afterAll(async () => {
  admin?.restore();
  await server?.stop();
});

it('prints the name with its control characters escaped in the admin line, text and JSON', async () => {
  const text = await admin.admin('children', 'list');
  expect(text.code).toBe(0);
  const line = text.out.find((l) => l.includes('Rowan'));
  expect(line).toContain('Rowan\\u001b]0;pwned\\u0007\\u001b[2J; Fiction,\\u000b end');
  expect([...text.out, ...text.err].join('\n')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  const json = await admin.admin('children', 'list', '--json');
  expect(json.out.join('\n')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  expect(JSON.stringify(JSON.parse(json.out.join('\n')))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
});

it('strips the forbidden characters from the .ics feed and keeps its escaping', async () => {
  await rename(WITH_NUL);
  const token = await login(server.url, 'viewer');
  const res = await fetch(`${server.url}/api/children/${childId}/calendar.ics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  expect(unfolded).toContain('X-WR-CALNAME:Rowan]0\\;pwned[2J\\; Fiction\\, end: permanence plan');
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  expect(calendar.name).toBe('vcalendar');
  expect(String(calendar.getFirstPropertyValue('x-wr-caldesc'))).toContain('Fiction');
});
