/**
 * The security headers of every response the server sends (pages, files, the API, errors):
 * - `Content-Security-Policy`: scripts, styles, images and fonts only from the server itself, no
 *   inline script or style element (but the minutes' one stylesheet, by its hash, for the minutes
 *   shown in a frame), connections only to the server and its WebSocket, no
 *   framing (`frame-ancestors 'none'`), no plugins, no `<base>`. The client complies: its page
 *   loads `/main.js` only, and Lit's styles are adopted stylesheets, which CSP does not govern.
 * - `Referrer-Policy: no-referrer`, so no address (a child's id, a calendar key) leaves in a
 *   Referer header;
 * - `X-Content-Type-Options: nosniff`, so nothing is run as a type it was not sent as;
 * - `X-Frame-Options: DENY`, `frame-ancestors` for older browsers.
 * A route may still set its own value of one of these (its `writeHead` headers win).
 */
import type { ServerResponse } from 'node:http';
import { MINUTES_STYLE_HASH } from './minutes-page.ts';

/** The WebSocket origin (`ws:` or `wss:`) of an `http:` or `https:` address. */
export function webSocketOrigin(address: string): string {
  const url = new URL(address);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/**
 * The Content-Security-Policy: `publicAddress` is where people reach the server (PUBLIC_URL, or
 * the address it listens on), whose WebSocket origin `connect-src` allows besides `'self'`.
 */
export function contentSecurityPolicy(publicAddress: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // The minutes' stylesheet, by its hash: the page shows a version's minutes in a frame (srcdoc).
    `style-src 'self' '${MINUTES_STYLE_HASH}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${webSocketOrigin(publicAddress)}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The headers {@link setSecurityHeaders} sets. */
export function securityHeaders(publicAddress: string): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy(publicAddress),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}

/** Sets `headers` on `res` before anything is written (call first for every request). */
export function setSecurityHeaders(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
