import { describe, expect, it } from 'vitest';
import { controlCharacterMessage, firstControlCharacter, hasControlCharacters, MULTI_LINE_TEXT, ONE_LINE_TEXT, PLAN_LIMITS } from './limits.ts';

describe('control characters', () => {
  it('refuses C0, DEL and C1 in one line, allowing only newline and tab in multi-line text', () => {
    for (const c of ['\u0000', '\u0007', '\u000b', '\u000d', '\u001b', '\u007f', '\u0085', '\u009f']) {
      expect(hasControlCharacters(`a${c}b`)).toBe(true);
      expect(hasControlCharacters(`a${c}b`, true)).toBe(true);
      expect(ONE_LINE_TEXT.test(`a${c}b`)).toBe(false);
      expect(MULTI_LINE_TEXT.test(`a${c}b`)).toBe(false);
    }
    for (const c of ['\n', '\t']) {
      expect(hasControlCharacters(`a${c}b`)).toBe(true);
      expect(hasControlCharacters(`a${c}b`, true)).toBe(false);
      expect(MULTI_LINE_TEXT.test(`a${c}b`)).toBe(true);
    }
    expect(hasControlCharacters('Zoë Ní Bhriain – 10:30, “views”')).toBe(false);
    expect(ONE_LINE_TEXT.test('Zoë Ní Bhriain – 10:30')).toBe(true);
  });

  it('names the character by its code point, never itself', () => {
    expect(firstControlCharacter('ok\u0000')).toBe('U+0000');
    expect(firstControlCharacter('line\nnext\u001b]0;', true)).toBe('U+001B');
    expect(firstControlCharacter('fine')).toBeUndefined();
    const message = controlCharacterMessage('x\u0000');
    expect(message).toContain('U+0000');
    expect(message).not.toContain('\u0000');
  });

  it('has defaults a practitioner never reaches', () => {
    expect(PLAN_LIMITS).toEqual({ planBytes: 8 * 1024 * 1024, textChars: 100_000, rowsPerTable: 2_000, versionsPerChild: 200, childrenPerHour: 60 });
  });
});
