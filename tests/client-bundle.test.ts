/**
 * The first page's JavaScript as the real server sends it: the production build served by the
 * whole server on 127.0.0.1, read over raw HTTP (no client-side decompression) and by Chromium.
 * The sign-in page loads less than 150 KB of JavaScript gzip, compressed (brotli or gzip) with
 * `Vary: Accept-Encoding`; hashed files are cached for a year and the page is checked on every
 * load; the plan's code is a separate chunk that the sign-in page does not load.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, type BuildResult } from '../scripts/build-client.ts';
import { startTestServer, type TestServer } from './harness/collab.ts';
import { collectPageErrors, launchBrowser, type LaunchedBrowser } from './harness/index.ts';

/** The budget of the issue: the first page's JavaScript, gzip, as sent. */
const FIRST_LOAD_BUDGET = 150 * 1024;

let server: TestServer;
let built: BuildResult;
let launched: LaunchedBrowser;

beforeAll(async () => {
  built = await buildClient({ mode: 'production' });
  server = await startTestServer();
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

/** A raw GET: status, headers and the body exactly as it came over the wire. */
function rawGet(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

describe('the first page as sent', () => {
  it('names the hashed entry and preloads its chunks, and is checked on every load', async () => {
    const page = await rawGet('/', 'gzip, deflate, br');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['vary']).toBe('Accept-Encoding');
    const plain = (await rawGet('/')).body.toString('utf8');
    expect(plain).toContain(`<script type="module" src="/${built.entry}"></script>`);
    for (const chunk of built.firstLoad.filter((f) => f !== built.entry)) expect(plain).toContain(`<link rel="modulepreload" href="/${chunk}" />`);
    expect(built.entry).toMatch(/^main-[A-Z2-7]{8}\.js$/);
  });

  it(`sends the first page's JavaScript gzip in under ${FIRST_LOAD_BUDGET / 1024} KB, cached for a year`, async () => {
    let gzipBytes = 0;
    let brotliBytes = 0;
    let rawBytes = 0;
    for (const file of built.firstLoad) {
      const gz = await rawGet(`/${file}`, 'gzip');
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['vary']).toBe('Accept-Encoding');
      expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
      gzipBytes += gz.body.length;
      const br = await rawGet(`/${file}`, 'br;q=1, gzip;q=0.5');
      expect(br.headers['content-encoding']).toBe('br');
      brotliBytes += br.body.length;
      const raw = await rawGet(`/${file}`, 'identity');
      expect(raw.headers['content-encoding']).toBeUndefined();
      rawBytes += raw.body.length;
    }
    console.log(`first-load JavaScript (${built.firstLoad.length} files): ${(rawBytes / 1024).toFixed(1)} KB raw, ${(gzipBytes / 1024).toFixed(1)} KB gzip, ${(brotliBytes / 1024).toFixed(1)} KB brotli`);
    expect(gzipBytes).toBeLessThan(FIRST_LOAD_BUDGET);
    expect(brotliBytes).toBeLessThan(gzipBytes);
  });

  it('refuses a coding the browser refuses (q=0) and sends images as they are', async () => {
    const refused = await rawGet(`/${built.entry}`, 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    const icon = await rawGet('/favicon.svg', 'gzip');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('loads in Chromium without the plan code, under the budget as transferred', async () => {
    const context = await launched.browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const scripts: { url: string; encoding: string | undefined; bytes: number }[] = [];
    page.on('requestfinished', (req) => {
      if (req.resourceType() !== 'script') return;
      void Promise.all([req.sizes(), req.response()]).then(([sizes, res]) => scripts.push({ url: req.url(), encoding: res?.headers()['content-encoding'], bytes: sizes.responseBodySize }));
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expect.poll(() => scripts.length).toBe(built.firstLoad.length);
    expect(scripts.every((s) => s.encoding === 'br' || s.encoding === 'gzip')).toBe(true);
    expect(scripts.some((s) => s.url.includes('plan-workspace'))).toBe(false);
    const sent = scripts.reduce((sum, s) => sum + s.bytes, 0);
    console.log(`first-load JavaScript as Chromium received it: ${(sent / 1024).toFixed(1)} KB (${scripts.map((s) => s.encoding).join(', ')})`);
    expect(sent).toBeLessThan(FIRST_LOAD_BUDGET);
    expect(errors).toEqual([]);
    await context.close();
  });
});
