import { describe, expect, it } from 'vitest';
import { CLOSE, closeOf, documentName, NewChildBody, NewVersionBody, parseDocumentName, planDocumentName, restrictedDocumentName } from './index.ts';

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

describe('request bodies refuse control characters', () => {
  it('in a new child, naming the character, and lone surrogates; well-formed names pass', () => {
    const ok = NewChildBody.safeParse({ name: 'Zoë Ní Bhriain', pathwayId: 'pathway-adoption', legalStatus: 'Interim care order' });
    expect(ok.success).toBe(true);
    for (const body of [{ name: 'Bad\u0000Name' }, { name: 'Tab\tName' }, { name: 'x', legalStatus: 'ICO\u001b]0;' }, { name: 'Half \ud800' }]) {
      const parsed = NewChildBody.safeParse({ pathwayId: 'pathway-adoption', ...body });
      expect(parsed.success).toBe(false);
    }
    expect(NewChildBody.safeParse({ name: 'Bad\u0000Name', pathwayId: 'p' }).error?.issues[0]?.message).toMatch(/U\+0000/);
    expect(NewVersionBody.safeParse({ name: 'PPM\u0007' }).success).toBe(false);
    expect(CLOSE.planLimit).toMatchObject({ code: 4507, reason: 'plan-limit', ends: 'retry' });
    expect(closeOf(4507, undefined)).toBe(CLOSE.planLimit);
  });
});
