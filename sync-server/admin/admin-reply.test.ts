/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import { escapeControls } from './admin-reply.ts';
import { runAdmin } from './main.ts';

describe('escapeControls', () => {
  it('shows terminal controls escaped and leaves tab, newline and ordinary text alone', () => {
    expect(escapeControls('\u001b]0;owned\u0007Name')).toBe('\\u001b]0;owned\\u0007Name');
    expect(escapeControls('a\u0000b\u000bc\u007fd\u009be')).toBe('a\\u0000b\\u000bc\\u007fd\\u009be');
    expect(escapeControls('over\rwritten')).toBe('over\\u000dwritten');
    expect(escapeControls('line\r\nnext\tcol\nlast')).toBe('line\r\nnext\tcol\nlast');
    expect(escapeControls('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
    expect(escapeControls('Zoë Ñandú – 👋')).toBe('Zoë Ñandú – 👋');
  });

  it('keeps JSON valid: the escapes read back as the characters', () => {
    const json = escapeControls(JSON.stringify({ name: '\u0085\u202e\u001b' }));
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect((JSON.parse(json) as { name: string }).name).toBe('\u0085\u202e\u001b');
  });

  it('is applied to everything the admin line writes', async () => {
    const lines: string[] = [];
    const status = await runAdmin(['\u001b]0;title\u0007\u001b[2J'], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(status).toBe(2);
    expect(lines[0]).toBe('unknown command "\\u001b]0;title\\u0007\\u001b[2J"');
    expect(lines.join('\n')).not.toContain('\u001b');
  });
});
