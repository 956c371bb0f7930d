import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const request = (forwarded: string | string[] | undefined, peer = '192.0.2.1'): IncomingMessage =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddress(request('203.0.113.9'))).toBe('192.0.2.1');
    expect(clientAddress(request('203.0.113.9'), 0)).toBe('192.0.2.1');
  });

  it('takes the n-th address from the right with n trusted proxies, so a client cannot choose its own', () => {
    expect(clientAddress(request('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('6.6.6.6, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientAddress(request(['6.6.6.6', '203.0.113.9']), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9'), 3)).toBe('203.0.113.9');
    expect(clientAddress(request(undefined), 1)).toBe('192.0.2.1');
    expect(clientAddress(request(' , '), 1)).toBe('192.0.2.1');
  });
});
