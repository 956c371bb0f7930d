/**
 * Serves the built client from a folder: GET and HEAD only, no path outside the folder, the
 * index page for the root and for unknown page paths (the client routes itself).
 *
 * Compressed when the browser accepts it (`Accept-Encoding`: brotli first, then gzip): the
 * build's precompressed `<file>.br` / `<file>.gz` when they are there, otherwise compressed once
 * and kept in memory (at most {@link MEMORY_LIMIT} bytes of compressed bodies, files of at most
 * {@link COMPRESS_AT_MOST} bytes). Every compressible answer says `Vary: Accept-Encoding`.
 *
 * Cached: a file whose name carries the build's content hash (`main-<hash>.js`,
 * `chunks/<name>-<hash>.js`) never changes, so browsers keep it a year (`immutable`); the page
 * itself and anything unhashed is `no-cache` (checked on every load), so a new build is picked
 * up at once.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Types worth compressing (images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.map', '.json', '.svg']);

/** The build's hashed names: `-` then esbuild's 8-character base32 hash before the extension. */
const HASHED = /-[A-Z2-7]{8}\.(js|css)(\.map)?$/;

/** Long-lived caching for hashed names; the rest is checked on every load. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_CHECK = 'no-cache';

/** Files larger than this are sent uncompressed unless the build compressed them. */
export const COMPRESS_AT_MOST = 8 * 1024 * 1024;

/** The most compressed bytes kept in memory; beyond it the oldest entries are dropped. */
export const MEMORY_LIMIT = 32 * 1024 * 1024;

type Encoding = 'br' | 'gzip';
const SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };

/**
 * The encoding to send for an `Accept-Encoding` header: `br` if accepted, else `gzip`, else
 * none. A coding with `q=0` is refused; `*` accepts both.
 */
export function chooseEncoding(header: string | string[] | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (coding: string): boolean => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/** Compressed bodies kept in memory, by file, size and time of change; the oldest dropped first. */
class CompressedCache {
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  get(file: string, size: number, mtimeMs: number, encoding: Encoding): Buffer {
    const key = `${encoding}:${mtimeMs}:${size}:${file}`;
    const found = this.#entries.get(key);
    if (found) return found;
    const body = readFileSync(file);
    const compressed =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 6 });
    this.#entries.set(key, compressed);
    this.#bytes += compressed.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= MEMORY_LIMIT) break;
      this.#entries.delete(oldest);
      this.#bytes -= value.length;
    }
    return compressed;
  }
}

/** What else to serve. */
export interface StaticOptions {
  /** Serve source maps (`*.map`): for development only (`SOURCE_MAPS=on`); otherwise 404. */
  readonly sourceMaps?: boolean;
}

/** Returns a handler that serves `root`; it answers 404 for anything it cannot serve. */
export function staticFiles(root: string, options: StaticOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const cache = new CompressedCache();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    const target = normalize(join(root, path));
    if ((target !== root && !target.startsWith(root + sep)) || (extname(target) === '.map' && options.sourceMaps !== true)) {
      res.writeHead(404).end();
      return;
    }
    const file = existsSync(target) && statSync(target).isFile() ? target : extname(path) === '' ? join(root, 'index.html') : undefined;
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const ext = extname(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': HASHED.test(file) ? CACHE_IMMUTABLE : CACHE_CHECK,
    };
    const stat = statSync(file);
    const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : undefined;
    if (COMPRESSIBLE.has(ext)) headers['vary'] = 'Accept-Encoding';
    if (encoding) {
      const pre = file + SUFFIX[encoding];
      const preStat = existsSync(pre) ? statSync(pre) : undefined;
      // A precompressed file older than its source is stale (a rebuild in place): compress anew.
      if (preStat?.isFile() && preStat.mtimeMs >= stat.mtimeMs) {
        res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': String(preStat.size) });
        if (req.method === 'HEAD') res.end();
        else createReadStream(pre).pipe(res);
        return;
      }
      if (stat.size <= COMPRESS_AT_MOST) {
        const body = cache.get(file, stat.size, stat.mtimeMs, encoding);
        res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    res.writeHead(200, { ...headers, 'content-length': String(stat.size) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
