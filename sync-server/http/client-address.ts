/**
 * The address a request comes from, for per-address limits (sign-in, calendar feeds). By default
 * the socket's peer address: `X-Forwarded-For` is written by the client and proves nothing.
 * Behind reverse proxies, `TRUST_PROXY=<n>` says how many proxies of your own stand in front of
 * the server: the address is then the n-th entry from the right of `X-Forwarded-For` (each proxy
 * appends the address it received the request from, so the entries to the left of those are the
 * client's to write and are ignored). With fewer entries than that, the leftmost is used.
 */
import type { IncomingMessage } from 'node:http';

/** Most proxies `TRUST_PROXY` may name. */
export const MAX_TRUSTED_PROXIES = 10;

/** The client's address for limits, given how many proxies are trusted (0: none, the socket's peer). */
export function clientAddress(req: IncomingMessage, trustedProxies = 0): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return peer;
  const hops = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= 64);
  if (hops.length === 0) return peer;
  return hops[Math.max(0, hops.length - trustedProxies)]!;
}
