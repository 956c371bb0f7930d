import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { createRegister, readRegister, resolveRegister, writeRegister } from './register.ts';

/** Two replicas of a doc holding one register under key "r", synced once. */
function pair() {
  const a = new Y.Doc();
  a.getMap('root').set('r', createRegister());
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const reg = (d: Y.Doc) => d.getMap('root').get('r') as Y.Map<unknown>;
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, reg, sync };
}

describe('single-valued field (multi-value register)', () => {
  it('is unset until written, then holds the value with who and when', () => {
    const { a, reg } = pair();
    expect(readRegister(reg(a)).value).toBeUndefined();
    writeRegister(reg(a), '2026-03-01', fixedContext('Asha Patel (SW)', 'a'));
    const state = readRegister(reg(a));
    expect(state.value).toBe('2026-03-01');
    expect(state.current?.by).toBe('Asha Patel (SW)');
    expect(state.conflicts).toEqual([]);
  });

  it('keeps both concurrent offline writes as a conflict, on both replicas', () => {
    const { a, b, reg, sync } = pair();
    writeRegister(reg(a), '2026-03-01', fixedContext('Asha', 'a'));
    writeRegister(reg(b), '2026-04-15', fixedContext('Ben', 'b', new Date('2026-01-05T09:00:05Z')));
    sync();
    for (const d of [a, b]) {
      const s = readRegister(reg(d));
      expect(s.entries.map((e) => e.value).sort()).toEqual(['2026-03-01', '2026-04-15']);
      expect(s.value).toBe('2026-04-15'); // the later write is shown
      expect(s.conflicts.map((e) => [e.value, e.by])).toEqual([['2026-03-01', 'Asha']]);
    }
  });

  it('does not call equal concurrent values a conflict', () => {
    const { a, b, reg, sync } = pair();
    writeRegister(reg(a), true, fixedContext('Asha', 'a'));
    writeRegister(reg(b), true, fixedContext('Ben', 'b'));
    sync();
    expect(readRegister(reg(a)).conflicts).toEqual([]);
    expect(readRegister(reg(a)).entries).toHaveLength(2);
  });

  it('clears the conflict on a write made after seeing it', () => {
    const { a, b, reg, sync } = pair();
    writeRegister(reg(a), 'x', fixedContext('Asha', 'a'));
    writeRegister(reg(b), 'y', fixedContext('Ben', 'b'));
    sync();
    writeRegister(reg(a), 'z', fixedContext('Chair', 'c'));
    sync();
    expect(readRegister(reg(b))).toMatchObject({ value: 'z', conflicts: [] });
    expect(readRegister(reg(b)).entries).toHaveLength(1);
  });

  it('resolves by choosing one write; concurrent resolutions keep both choices', () => {
    const { a, b, reg, sync } = pair();
    writeRegister(reg(a), 'x', fixedContext('Asha', 'a'));
    writeRegister(reg(b), 'y', fixedContext('Ben', 'b'));
    sync();
    const [first, second] = readRegister(reg(a)).entries;
    expect(resolveRegister(reg(a), first!.id, fixedContext('Chair A', 'ra'))).toBe(true);
    expect(resolveRegister(reg(b), second!.id, fixedContext('Chair B', 'rb'))).toBe(true);
    sync();
    const s = readRegister(reg(a));
    expect(s.entries.map((e) => e.value).sort()).toEqual(['x', 'y']);
    expect(s.entries.map((e) => e.by).sort()).toEqual(['Chair A', 'Chair B']);
    expect(resolveRegister(reg(a), 'no-such-entry', fixedContext('Chair', 'r'))).toBe(false);
  });

  it('records a clear as a write, so a concurrent clear and set show as a conflict', () => {
    const { a, b, reg, sync } = pair();
    writeRegister(reg(a), 'x', fixedContext('Asha', 'a'));
    sync();
    writeRegister(reg(a), null, fixedContext('Asha', 'a2'));
    writeRegister(reg(b), 'y', fixedContext('Ben', 'b', new Date('2025-01-01T00:00:00Z')));
    sync();
    const s = readRegister(reg(a));
    expect(s.value).toBeUndefined();
    expect(s.conflicts.map((e) => e.value)).toEqual(['y']);
  });
});
