import { describe, expect, it } from 'vitest';
import { generatePassword } from '../demo/demo-caseload.ts';
import { commonPasswords, MIN_PASSWORD_LENGTH, passwordWeakness } from './password-strength.ts';

describe('passwordWeakness', () => {
  it('refuses short, common, padded-common, own-name, repeated and consecutive passwords', () => {
    expect(passwordWeakness('elevenchars')).toMatch(/at least 12 characters/);
    for (const common of ['password1234', 'Password1234!', 'qwertyuiop12', '123456789012', '!!Welcome123!!', 'P@ssw0rd2026', 'iloveyou1234', 'Qwerty123456']) {
      expect(passwordWeakness(common), common).toMatch(/most common|consecutive|repeat/);
    }
    expect(passwordWeakness('asha.patel2026', { username: 'asha.patel' })).toMatch(/username or name/);
    expect(passwordWeakness('Patel!!123456', { name: 'Asha Patel' })).toMatch(/username or name/);
    expect(passwordWeakness('aaaaaaaaaaab')).toMatch(/different/);
    expect(passwordWeakness('abcdeabcdeab')).toMatch(/repeat|group|consecutive/);
    expect(passwordWeakness('abcdefghijklmnop')).toMatch(/most common|consecutive/);
    expect(passwordWeakness('zyxwvutsrqpo')).toMatch(/consecutive/);
  });

  it('accepts passphrases and the demo accounts\' generated passwords', () => {
    for (const good of ['correct horse battery', 'a different long passphrase', 'twelve chars', 'Kettle-Orbit-Maple-7']) expect(passwordWeakness(good), good).toBeUndefined();
    for (let i = 0; i < 200; i++) {
      const demo = generatePassword();
      expect(passwordWeakness(demo), demo).toBeUndefined();
    }
  });

  it('reads its bundled list of common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThan(150);
    expect(commonPasswords().has('password')).toBe(true);
    expect(MIN_PASSWORD_LENGTH).toBe(12);
  });
});
