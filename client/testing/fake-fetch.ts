/**
 * A `fetch` that answers from a table, so session and caseload tests need no server, and the
 * session reply the server sends, for element tests only. The reply is typed by the wire
 * contract (`model/wire`), so a test's data always has the shape the server sends.
 */
import type { SessionReply } from '../../model/wire/index.ts';

/** One canned answer: status, JSON body (or `text`, sent as it is) and headers; or `offline` for a network failure. */
export type Answer = { status: number; body: unknown; text?: string; headers?: Record<string, string> } | 'offline';

/** A request the fake fetch received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: unknown;
}

/**
 * A `fetch` that answers `METHOD /path` from `answers` (a function may look at the request) and
 * records every request in `received`. An unknown route answers 404 as the server does.
 */
export function fakeFetch(answers: Record<string, Answer | ((r: Received) => Answer)>): { fetch: typeof fetch; received: Received[] } {
  const received: Received[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://board.test');
    const headers = new Headers(init?.headers);
    const request: Received = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    received.push(request);
    const entry = answers[`${request.method} ${request.path}`];
    const answer = typeof entry === 'function' ? entry(request) : (entry ?? { status: 404, body: { error: 'not-found', message: 'There is no API here.' } });
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer.text !== undefined) return Promise.resolve(new Response(answer.text, { status: answer.status, headers: { 'content-type': 'text/html; charset=utf-8', ...answer.headers } }));
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } }));
  };
  return { fetch: fetchFn, received };
}

/** A session reply as the server sends it, expiring `inMs` from now. */
export function sessionReply(username = 'asha', inMs = 15 * 60_000, token = `token-${username}-${Math.random().toString(36).slice(2)}`): SessionReply {
  return {
    token,
    expiresAt: new Date(Date.now() + inMs).toISOString(),
    user: { username, name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team', admin: false },
  };
}
