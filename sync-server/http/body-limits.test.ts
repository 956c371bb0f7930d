import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './body-limits.ts';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it('counts arrays and objects together, up to the limit', () => {
    expect(nestsDeeperThan(bytes('[{"a":[1]}]'), 3)).toBe(false);
    expect(nestsDeeperThan(bytes('[{"a":[[1]]}]'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('[[],[],[]]'), 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(JSON.stringify({ a: '[[[[[[', b: 'say \\"[[[[" ok' })), 1)).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify(['"[[[', [[1]]])), 2)).toBe(true);
  });

  it('scans a 4 MB body quickly', () => {
    const body = bytes(`${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`);
    const t = performance.now();
    expect(nestsDeeperThan(body, 32)).toBe(true);
    const flat = bytes(`[${'1,'.repeat(2_000_000)}1]`);
    expect(nestsDeeperThan(flat, 32)).toBe(false);
    expect(performance.now() - t).toBeLessThan(500);
  });
});
