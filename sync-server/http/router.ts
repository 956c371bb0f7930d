/**
 * A small HTTP router for the JSON API: routes by method and path pattern (`/api/children/:id`),
 * bodies read with a size cap and checked with zod, and every error answered as JSON with a
 * message a person can act on: `{ "error": "<code>", "message": "..." }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { BODY_LIMITS, MAX_JSON_DEPTH, nestsDeeperThan } from './body-limits.ts';

/** An error with the HTTP status and message to answer with. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
}

/** What a handler returns: a JSON value, or a raw response it has sent itself (`undefined`). */
export type Handler = (ctx: RequestContext) => Promise<unknown>;

interface Route {
  readonly method: string;
  readonly parts: readonly string[];
  readonly handler: Handler;
}

export class Router {
  readonly #routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.#routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Handles the request when a route matches its path; resolves false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    const matches = this.#routes.map((r) => ({ r, params: match(r.parts, parts) })).filter((m) => m.params !== undefined);
    if (matches.length === 0) return false;
    const found = matches.find((m) => m.r.method === req.method);
    try {
      if (!found) throw new HttpError(405, 'method-not-allowed', `${req.method ?? ''} is not allowed here; use ${[...new Set(matches.map((m) => m.r.method))].join(' or ')}.`);
      const value = await found.r.handler({ req, res, params: found.params!, query: url.searchParams });
      if (value !== undefined && !res.headersSent) sendJson(res, res.statusCode || 200, value);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.code, message: error.message }, error.headers);
      else {
        console.error(`http: ${req.method ?? ''} ${url.pathname} failed`, error);
        sendJson(res, 500, { error: 'internal', message: 'Something went wrong on the server; it has been logged. Try again, and tell your administrator if it keeps happening.' });
      }
    }
    return true;
  }
}

function match(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(parts[i]!);
      } catch {
        return undefined;
      }
    } else if (p !== parts[i]) return undefined;
  }
  return params;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Reads and parses a JSON body with `schema`, at most `maxBytes` long (`BODY_LIMITS`: the
 * route's own, else 1 MiB) and nested at most {@link MAX_JSON_DEPTH} deep, both checked before
 * parsing; 400/413/415 with a clear message otherwise. A 413 closes the connection, so the rest
 * of a large body is not read.
 */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, maxBytes: number = BODY_LIMITS.default): Promise<T> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON with "Content-Type: application/json".');
  const tooLarge = (): HttpError => new HttpError(413, 'too-large', `The body is larger than ${describeBytes(maxBytes)}, the most this address accepts.`, { connection: 'close' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) throw new HttpError(400, 'too-deep', `The body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad-json', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`);
    throw new HttpError(400, 'invalid-body', `The request body is not right: ${problems.join('; ')}.`);
  }
  return parsed.data;
}

/** `4 KiB`, `1 MiB`. */
function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`;
}
