/**
 * Benchmark (figures only, no pass/fail) of the workspace as a person meets it, on the real
 * server (this process, 127.0.0.1, SQLite in a temp folder, the production build) and Debian's
 * headless Chromium:
 *
 * 1. First-load JavaScript: the entry and the chunks it imports (what the sign-in page loads),
 *    raw, gzip and brotli as the server sends them, and what Chromium received.
 * 2. Navigation to a usable plan: from `page.goto(/children/<id>)` (signed in, this device's copy
 *    deleted, so the plan comes from the server) until the plan's PPM record is shown and the
 *    sync status says "Stored on the server"; for a plan with two years of history (20 PPMs,
 *    200 decisions) against an empty plan. Median and worst of `--runs`.
 * 3. Keystroke to display in a second browser: a colleague (a Node provider, through the
 *    server) types `--keys` characters into the child's name, one every `--interval` ms; the
 *    browser's heading shows each (timed inside the page by a MutationObserver on the same
 *    clock). Baseline: the same edits between two bare Y.Docs joined by a bare WebSocket relay
 *    (no server, no browser). p50 and p99.
 *
 *   npm run bench:workspace -- [--runs 5] [--keys 500] [--interval 40]
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import * as Y from 'yjs';
import { buildClient } from '../../scripts/build-client.ts';
import { liveContext } from '../../model/context.ts';
import { Plan } from '../../model/plan.ts';
import { planOf } from '../../sync-server/plans/child-documents.ts';
import { option, percentile } from './bench-options.ts';

const runs = Number(option('runs', '5'));
const keys = Number(option('keys', '500'));
const intervalMs = Number(option('interval', '40'));

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A bare relay: every binary message goes to every other socket, as it came. */
async function startRelay(): Promise<{ url: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws: ServerSocket) => {
    ws.on('message', (data: Buffer) => {
      for (const other of wss.clients) if (other !== ws && other.readyState === 1) other.send(data);
    });
  });
  const { port } = wss.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((r) => wss.close(() => r())) };
}

/** Keystroke to arrival between two Y.Docs through the bare relay: the same edits, no server, no browser. */
async function relayBaseline(initial: Uint8Array, text: (doc: Y.Doc) => Y.Text): Promise<number[]> {
  const relay = await startRelay();
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(relay.url);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const typist = new Y.Doc();
  const reader = new Y.Doc();
  Y.applyUpdate(typist, initial);
  Y.applyUpdate(reader, initial);
  const [a, b] = [await open(), await open()];
  typist.on('update', (update: Uint8Array) => a.send(update));
  const arrivals = new Map<number, number>();
  b.on('message', (data: Buffer) => {
    Y.applyUpdate(reader, new Uint8Array(data));
    arrivals.set(text(reader).length, performance.timeOrigin + performance.now());
  });
  const sent = new Map<number, number>();
  for (let i = 0; i < keys; i++) {
    sent.set(text(typist).length + 1, performance.timeOrigin + performance.now());
    text(typist).insert(text(typist).length, String.fromCharCode(97 + (i % 26)));
    await sleep(intervalMs);
  }
  await sleep(200);
  a.close();
  b.close();
  await relay.close();
  return [...sent].flatMap(([length, at]) => (arrivals.has(length) ? [arrivals.get(length)! - at] : []));
}

async function main(): Promise<void> {
  const { addChild, addUser, connect, login, startTestServer } = await import('../harness/collab.ts');
  const { launchBrowser } = await import('../harness/index.ts');

  // 1. First-load JavaScript.
  const built = await buildClient({ mode: 'production' });
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of built.firstLoad) {
    const path = join(built.outdir, file);
    raw += readFileSync(path).length;
    gzip += readFileSync(`${path}.gz`).length;
    brotli += readFileSync(`${path}.br`).length;
  }
  const minimal = built.firstLoad.reduce((sum, f) => sum + gzipSync(readFileSync(join(built.outdir, f)), { level: 6 }).length, 0);

  const server = await startTestServer();
  const empty = await addChild(server.app, 'Empty Plan');
  const full = await addChild(server.app, 'Two Years Example');
  await addUser(server.app, 'bench.worker');
  for (const childId of [empty, full]) await server.app.records.grant({ username: 'bench.worker', childId, level: 'edit', restricted: false });
  const token = await login(server.url, 'bench.worker');

  // Two years of history: 20 PPMs a month or so apart, 10 decisions each.
  const seeder = connect(server.wsUrl, `child:${full}`, token);
  await seeder.synced();
  const plan = new Plan(seeder.doc, planOf(seeder.doc)!.spec, liveContext('bench.worker'));
  for (let m = 0; m < 20; m++) {
    const date = new Date(Date.UTC(2025, 0, 6 + m * 36)).toISOString().slice(0, 10);
    const meeting = plan.addMeeting({ meetingDate: date, meetingType: 'Permanence Care Planning Meeting' });
    const decisions = plan.ppms.row(meeting)!.table('decisions');
    plan.transact(() => {
      for (let d = 0; d < 10; d++) {
        const row = decisions.insert({ targetDate: date });
        decisions.row(row)!.replaceText('decision', `Decision ${d + 1} of meeting ${m + 1}: complete the assessment and report back to the next meeting.`);
      }
    });
  }
  await seeder.saved();
  seeder.destroy();
  await server.app.activity.settle();

  const launched = await launchBrowser();
  const context = await launched.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const scripts: number[] = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() === 'script') void req.sizes().then((s) => scripts.push(s.responseBodySize));
  });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  const asSent = scripts.reduce((a, b) => a + b, 0);
  await page.getByLabel('Username').fill('bench.worker');
  await page.getByLabel('Password').fill('pw-bench.worker');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();

  // 2. Navigation to a usable plan.
  const usable = async (target: Page, childId: string, name: string): Promise<number> => {
    await target.evaluate(async () => {
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    });
    const started = performance.now();
    await target.goto(`${server.url}/children/${childId}`, { waitUntil: 'commit' });
    await target.getByRole('heading', { level: 2, name: `Permanence Planning Meeting: ${name}` }).waitFor({ timeout: 30_000 });
    await target.locator('sync-status [role=status]', { hasText: 'Stored on the server' }).waitFor({ timeout: 30_000 });
    return performance.now() - started;
  };
  const times = { empty: [] as number[], full: [] as number[] };
  await usable(page, empty, 'Empty Plan'); // warm the server and the browser's cache of the code
  for (let i = 0; i < runs; i++) {
    times.empty.push(await usable(page, empty, 'Empty Plan'));
    times.full.push(await usable(page, full, 'Two Years Example'));
  }

  // 3. Keystroke to display in a second browser.
  await usable(page, empty, 'Empty Plan');
  await page.evaluate(() => {
    const seen: [string, number][] = [];
    (window as unknown as { seen: [string, number][] }).seen = seen;
    const view = document.querySelector('app-root')!.shadowRoot!.querySelector('plan-view')!;
    const h1 = view.shadowRoot!.querySelector('h1')!;
    new MutationObserver(() => seen.push([h1.textContent ?? '', performance.timeOrigin + performance.now()])).observe(h1, { subtree: true, characterData: true, childList: true });
  });
  const typist = connect(server.wsUrl, `child:${empty}`, token);
  await typist.synced();
  const typed = new Plan(typist.doc, planOf(typist.doc)!.spec, liveContext('bench.worker'));
  const initial = Y.encodeStateAsUpdate(typist.doc);
  const sent = new Map<string, number>();
  for (let i = 0; i < keys; i++) {
    // Each keystroke a new value of the name (kept short: a name is at most 500 characters).
    const name = `Empty Plan ${'abcdefghijklmnopqrstuvwxyz'.slice(0, (i % 26) + 1)} ${Math.floor(i / 26)}`;
    sent.set(name, performance.timeOrigin + performance.now());
    typed.child.set('name', name);
    await sleep(intervalMs);
  }
  await sleep(1000);
  const seen = await page.evaluate(() => (window as unknown as { seen: [string, number][] }).seen);
  const shown = new Map<string, number>();
  for (const [text, at] of seen) if (!shown.has(text.trim())) shown.set(text.trim(), at);
  const browserLatency = [...sent].flatMap(([text, at]) => (shown.has(text.trim()) ? [shown.get(text.trim())! - at] : []));
  typist.destroy();

  // The child's name is a single-valued field; the relay baseline types the same characters into a Y.Text.
  const baseline = await relayBaseline(initial, (doc) => doc.getText('bench-relay'));

  await launched.close();
  await server.stop();

  console.log('\nWorkspace benchmark (this machine, 2 cores shared)');
  console.log(`1. first-load JavaScript (${built.firstLoad.length} files): ${kb(raw)} raw, ${kb(gzip)} gzip (best, as sent), ${kb(brotli)} brotli (as sent to Chromium); gzip -6 ${kb(minimal)}; Chromium received ${kb(asSent)}`);
  const line = (label: string, values: number[]) => console.log(`   ${label}: median ${ms(percentile(values, 0.5))}, worst ${ms(Math.max(...values))} (${values.length} runs)`);
  console.log('2. navigation to a usable plan (copy on this device deleted, code cached):');
  line('empty plan (baseline)', times.empty);
  line('20 PPMs, 200 decisions', times.full);
  console.log(`3. keystroke to display, ${keys} keys every ${intervalMs} ms:`);
  console.log(`   second browser via the server: p50 ${ms(percentile(browserLatency, 0.5))}, p99 ${ms(percentile(browserLatency, 0.99))} (${browserLatency.length} of ${keys} shown; a render may show two keys at once)`);
  console.log(`   bare relay between two Y.Docs (baseline): p50 ${ms(percentile(baseline, 0.5))}, p99 ${ms(percentile(baseline, 0.99))} (${baseline.length} of ${keys})`);
}

await main();
