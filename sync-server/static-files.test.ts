import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_CHECK, CACHE_IMMUTABLE, chooseEncoding, staticFiles } from './static-files.ts';

describe('choosing a content coding from Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding(['deflate', 'gzip'])).toBe('gzip');
  });
});

describe('serving the built client', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const script = 'console.log("hello");\n'.repeat(200);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'main-ABCDEF23.js'), script);
    writeFileSync(join(dir, 'plain.js'), script);
    // A stale precompressed file (older than its source) is not sent.
    writeFileSync(join(dir, 'plain.js.gz'), 'stale');
    utimesSync(join(dir, 'plain.js.gz'), new Date(0), new Date(0));
    server = createServer(staticFiles(dir));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, encoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('caches hashed names for a year and checks the page on every load', async () => {
    expect((await get('/main-ABCDEF23.js')).headers['cache-control']).toBe(CACHE_IMMUTABLE);
    expect((await get('/plain.js')).headers['cache-control']).toBe(CACHE_CHECK);
    expect((await get('/')).headers['cache-control']).toBe(CACHE_CHECK);
    expect((await get('/children/abc')).headers['cache-control']).toBe(CACHE_CHECK);
  });

  it('compresses in memory when the build did not, with Vary and the length sent', async () => {
    const res = await get('/main-ABCDEF23.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(res.body).toString()).toBe(script);
    const stale = await get('/plain.js', 'gzip');
    expect(gunzipSync(stale.body).toString()).toBe(script);
  });

  it('sends the file as it is without an accepted coding, and still refuses paths outside the folder', async () => {
    const res = await get('/main-ABCDEF23.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(script);
    // Dot segments are resolved inside the folder: the page, never a file outside it.
    const escape = await get('/%2e%2e/%2e%2e/etc/passwd');
    expect(escape.body.toString()).toBe('<!doctype html><title>x</title>');
    expect((await get('/../../etc/hostname.txt')).status).toBe(404);
  });
});
