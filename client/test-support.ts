/**
 * Helpers for the element tests (`client/*.test.ts`, run in Chromium by web-test-runner); not
 * part of the built client. A Storage held in memory, a `fetch` that answers from a table
 * (so session and caseload tests need no server), and axe-core run on one element.
 */

/** A `Storage` in memory, like `sessionStorage` but private to one test. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** One canned answer: status, JSON body and headers; or `offline` for a network failure. */
export type Answer = { status: number; body: unknown; headers?: Record<string, string> } | 'offline';

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
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } }));
  };
  return { fetch: fetchFn, received };
}

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

/** Runs axe-core (WCAG 2.2 AA rules) on the element and returns its serious and critical violations. */
export async function axeViolations(el: Element): Promise<string[]> {
  const w = window as unknown as { axe?: { run: (ctx: Element, opts: unknown) => Promise<AxeResult> } };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  const result = await w.axe!.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Text of an element's shadow root (or the element) with white space squashed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot ?? el).textContent.replace(/\s+/g, ' ').trim();
}

/** A session reply as the server sends it, expiring `inMs` from now. */
export function sessionReply(username = 'asha', inMs = 15 * 60_000, token = `token-${username}-${Math.random().toString(36).slice(2)}`): {
  token: string;
  expiresAt: string;
  user: { username: string; name: string; role: string; organisation: string; admin: boolean };
} {
  return {
    token,
    expiresAt: new Date(Date.now() + inMs).toISOString(),
    user: { username, name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team', admin: false },
  };
}
