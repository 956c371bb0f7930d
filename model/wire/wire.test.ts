import { describe, expect, it } from 'vitest';
import { CLOSE, closeOf, documentName, parseDocumentName, planDocumentName, restrictedDocumentName } from './index.ts';

describe('document names', () => {
  it('reads the two documents of a child and writes them back', () => {
    expect(parseDocumentName('child:abc-1')).toEqual({ childId: 'abc-1', kind: 'plan' });
    expect(parseDocumentName('child:abc-1:restricted')).toEqual({ childId: 'abc-1', kind: 'restricted' });
    expect(planDocumentName('abc-1')).toBe('child:abc-1');
    expect(restrictedDocumentName('abc-1')).toBe('child:abc-1:restricted');
    expect(documentName('x', 'restricted')).toBe('child:x:restricted');
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'child:', 'child:../x', 'child:a:b', 'plan:a', `child:${'a'.repeat(65)}`, 'child:a\0', 42, undefined]) {
      expect(parseDocumentName(bad)).toBeUndefined();
    }
  });
});

describe('close codes', () => {
  it('are unique by code and by reason', () => {
    const all = Object.values(CLOSE);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    expect(new Set(all.map((c) => c.reason)).size).toBe(all.length);
    for (const c of all) expect(c.code).toBeGreaterThanOrEqual(4000);
  });

  it('are read from the code, or from the reason of a document-level close (code 1000)', () => {
    expect(closeOf(4403, undefined)?.ends).toBe('access');
    expect(closeOf(1000, 'token-expired')?.ends).toBe('session');
    expect(closeOf(4429, 'whatever')?.reason).toBe('rate-limited');
    expect(closeOf(1006, undefined)).toBeUndefined();
    expect(closeOf(1000, 'server-shutting-down')).toBeUndefined();
  });
});
