import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NewPassword, readFirstLine, stdinPasswordSource } from './password-input.ts';

/** A stand-in terminal: keystrokes written to it arrive as raw-mode chunks; raw mode is tracked. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      input.rawModes.push(mode);
      return input;
    },
  });
  let shown = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      shown += chunk.toString();
      done();
    },
  });
  /** Sends keystrokes once the prompt is up. */
  const type = async (...chunks: string[]): Promise<void> => {
    for (const chunk of chunks) {
      await new Promise((r) => setTimeout(r, 5));
      input.write(chunk);
    }
  };
  return { input, output, type, shown: () => shown };
}

describe('reading a new password', () => {
  it('at a terminal: prompts on stderr, echoes nothing, handles backspace and arrow keys, asks twice', async () => {
    const t = terminal();
    const read = stdinPasswordSource({ input: t.input, output: t.output })('asha.patel');
    await t.type('corrext', '\u007f\u007fct', '\u001b[D', ' horse staple\r', 'correct horse staple\n');
    expect(await read).toEqual({ ok: true, password: 'correct horse staple' });
    expect(t.shown()).toBe('New password for asha.patel: \nType it again: \n');
    expect(t.input.rawModes).toEqual([true, false, true, false]);
  });

  it('at a terminal: two different passwords, or Ctrl+C, change nothing', async () => {
    const t = terminal();
    const read = stdinPasswordSource({ input: t.input, output: t.output })('asha.patel');
    await t.type('first long password\r', 'second long password\r');
    expect(await read).toEqual({ ok: false, problem: 'the two passwords typed differ; nothing was changed' });
    const c = terminal();
    const cancelled = stdinPasswordSource({ input: c.input, output: c.output })('asha.patel');
    await c.type('half\u0003');
    expect(await cancelled).toEqual({ ok: false, problem: 'cancelled; nothing was changed' });
    expect(c.input.rawModes.at(-1)).toBe(false);
  });

  it('from a pipe: the first line without its line end; nothing at all is a problem', async () => {
    const pipe = new PassThrough();
    const read = readFirstLine(pipe);
    pipe.end('a passphrase here\r\nsecond\n');
    expect(await read).toEqual({ ok: true, password: 'a passphrase here' });
    const empty = new PassThrough();
    const none = readFirstLine(empty);
    empty.end();
    expect(await none).toEqual({ ok: false, problem: expect.stringMatching(/^no password on standard input/) as unknown });
  });

  it('must be 12 characters or more (counted as characters, not bytes) and not only spaces', () => {
    expect(NewPassword.safeParse('').error?.issues[0]?.message).toMatch(/the password is empty/);
    expect(NewPassword.safeParse('elevenchars').error?.issues[0]?.message).toMatch(/at least 12 characters/);
    expect(NewPassword.safeParse('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂').success).toBe(false);
    expect(NewPassword.safeParse('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂').success).toBe(true);
    expect(NewPassword.safeParse(' '.repeat(12)).error?.issues[0]?.message).toMatch(/only spaces/);
    expect(NewPassword.safeParse('twelve chars').success).toBe(true);
  });
});
