/**
 * Serves the built client from a folder: GET and HEAD only, no path outside the folder, the
 * index page for the root and for unknown page paths (the client routes itself).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

/** What else to serve. */
export interface StaticOptions {
  /** Serve source maps (`*.map`): for development only (`SOURCE_MAPS=on`); otherwise 404. */
  readonly sourceMaps?: boolean;
}

/** Returns a handler that serves `root`; it answers 404 for anything it cannot serve. */
export function staticFiles(root: string, options: StaticOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
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
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
