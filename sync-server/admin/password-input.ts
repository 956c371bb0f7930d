/**
 * Reading a new password for `users add` and `users password` from standard input, never from
 * the command line (where it would stay in the shell history and show in `ps`). From a pipe or
 * file: the first line, without its line ending. From a terminal: a prompt on stderr, typed
 * without echo, then asked again to catch a typing mistake.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';

import { MIN_PASSWORD_LENGTH } from '../auth/password-strength.ts';

export { MIN_PASSWORD_LENGTH };
/** Most characters of a password (scrypt takes any length; this only bounds the input). */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * What a new password must be, with messages a person can act on: its length and form. The
 * commands then check its strength for the account (`passwordWeakness`).
 */
export const NewPassword = z
  .string()
  .refine((p) => p.length > 0, 'the password is empty; type one, or pipe it in as one line')
  .refine((p) => [...p].length >= MIN_PASSWORD_LENGTH, `the password is too short: use at least ${MIN_PASSWORD_LENGTH} characters, for example three or four unrelated words`)
  .refine((p) => [...p].length <= MAX_PASSWORD_LENGTH, `the password is too long: at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((p) => p.trim().length > 0, 'the password is only spaces');

/** A password read, or why none was. */
export type PasswordRead = { ok: true; password: string } | { ok: false; problem: string };

/** Reads one new password; `label` says whose, e.g. `asha.patel`. */
export type PasswordSource = (label: string) => Promise<PasswordRead>;

/** A terminal input: a readable stream that can be switched to raw mode. */
interface TerminalInput extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * The password source of the command line: `input` (standard input by default) as a terminal
 * or as a pipe, prompts on `output` (stderr by default, so `--json` output stays clean).
 */
export function stdinPasswordSource(streams: { input?: TerminalInput; output?: Writable } = {}): PasswordSource {
  return async (label) => {
    // Resolved only when a password is wanted: touching process.stdin sets it up.
    const input = streams.input ?? process.stdin;
    const output = streams.output ?? process.stderr;
    if (input.isTTY && input.setRawMode) {
      const first = await readHidden(input, output, `New password for ${label}: `);
      if (!first.ok || first.password === '') return first;
      const again = await readHidden(input, output, 'Type it again: ');
      if (!again.ok) return again;
      return again.password === first.password ? first : { ok: false, problem: 'the two passwords typed differ; nothing was changed' };
    }
    return readFirstLine(input);
  };
}

/** The first line of a non-terminal input; the stream is not read further. */
export function readFirstLine(input: Readable): Promise<PasswordRead> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
    let done = false;
    const finish = (result: PasswordRead): void => {
      if (done) return;
      done = true;
      lines.close();
      input.pause();
      resolve(result);
    };
    lines.once('line', (line) => finish({ ok: true, password: line }));
    lines.once('close', () => finish({ ok: false, problem: 'no password on standard input: pipe it in as one line, or run the command in a terminal to be asked for it' }));
    input.once('error', (error: Error) => finish({ ok: false, problem: `standard input could not be read: ${error.message}` }));
  });
}

/** Reads a line typed at a terminal in raw mode, echoing nothing. Ctrl+C or Ctrl+D on an empty line cancels. */
export function readHidden(input: TerminalInput, output: Writable, prompt: string): Promise<PasswordRead> {
  return new Promise((resolve) => {
    output.write(prompt);
    input.setRawMode!(true);
    input.setEncoding('utf8');
    let typed: string[] = [];
    const finish = (result: PasswordRead): void => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      resolve(result);
    };
    const onData = (chunk: string): void => {
      // An escape sequence (arrow keys, function keys) arrives as one chunk: ignore it whole.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish({ ok: true, password: typed.join('') });
        if (ch === '\u0003') return finish({ ok: false, problem: 'cancelled; nothing was changed' });
        if (ch === '\u0004') {
          if (typed.length === 0) return finish({ ok: false, problem: 'cancelled; nothing was changed' });
          return finish({ ok: true, password: typed.join('') });
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch === '\u0015') typed = [];
        else if (ch >= ' ') typed.push(ch);
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
