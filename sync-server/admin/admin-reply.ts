/**
 * How the store commands (users, grant, revoke, children) answer: text for a person, or with
 * `--json` exactly one JSON document on stdout, and one exit status convention:
 * 0 done, 1 the operation failed (unknown user, storage error, rows that cannot be read),
 * 2 bad usage (with a usage line) or bad configuration. Messages also go to stderr in JSON mode,
 * so a person watching a script still sees them.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { AdminCommand, AdminIo } from './command.ts';

/**
 * `text` with every character that could steer a terminal shown escaped as `\uXXXX`: the C0
 * controls but tab and line ends (newline, and CR before a newline or at the end, where the line's newline follows), DEL, the C1 controls (CSI
 * among them) and the bidirectional overrides and isolates (which reorder what is shown). A name
 * made of `ESC ]0;…` is printed as `\u001b]0;…` instead of retitling or clearing the admin's
 * terminal. The escapes are also valid inside JSON strings, so `--json` output stays JSON.
 * {@link runAdmin} passes every line any command writes through it.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/\r(?!\n|$)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same `io` with every line passed through {@link escapeControls}. */
export function escapedIo(io: AdminIo): AdminIo {
  return { out: (line) => io.out(escapeControls(line)), err: (line) => io.err(escapeControls(line)) };
}

/** Exit statuses of the admin commands. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** What a command failed with in JSON mode: `{ "error": code, "message": ..., ...details }`. */
export interface FailureJson {
  readonly error: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/** Answers one run of a command: result, failure or usage error, as text or JSON (see the module comment). */
export class AdminReply {
  readonly json: boolean;
  readonly #io: AdminIo;
  readonly #command: string;
  readonly #usage: string;

  /**
   * `command` names the command in messages (e.g. `users add`); `usage` is its usage line
   * without the `npm run admin -- ` prefix. JSON mode is on when `args` holds `--json`, so even
   * a usage error is answered as JSON.
   */
  constructor(io: AdminIo, command: string, usage: string, args: readonly string[]) {
    this.#io = io;
    this.#command = command;
    this.#usage = usage;
    this.json = args.includes('--json');
  }

  /** Success: `data` as JSON, or `lines` as text. Returns 0. */
  done(data: unknown, lines: readonly string[]): number {
    if (this.json) this.#io.out(JSON.stringify(data, null, 2));
    else for (const line of lines) this.#io.out(line);
    return EXIT.ok;
  }

  /** The operation failed: the message on stderr (and as JSON on stdout with `--json`). Returns 1. */
  failed(code: string, message: string, details: Record<string, unknown> = {}, lines: readonly string[] = []): number {
    this.#io.err(`${this.#command}: ${message}`);
    for (const line of lines) this.#io.err(`  ${line}`);
    if (this.json) this.#io.out(JSON.stringify({ error: code, message, ...details } satisfies FailureJson, null, 2));
    return EXIT.failed;
  }

  /** Bad usage: the message and the usage line on stderr (JSON too with `--json`). Returns 2. */
  usage(message: string): number {
    this.#io.err(`${this.#command}: ${message}`);
    this.#io.err(`usage: npm run admin -- ${this.#usage}`);
    if (this.json) this.#io.out(JSON.stringify({ error: 'usage', message, usage: `npm run admin -- ${this.#usage}` } satisfies FailureJson, null, 2));
    return EXIT.usage;
  }

  /** The configuration cannot be used (e.g. DATABASE_URL is not a postgres:// URL). Returns 2. */
  configuration(problems: readonly string[]): number {
    this.#io.err(`${this.#command}: the configuration has problems:`);
    for (const p of problems) this.#io.err(`  ${p}`);
    if (this.json) this.#io.out(JSON.stringify({ error: 'configuration', message: 'The configuration has problems.', problems } satisfies FailureJson, null, 2));
    return EXIT.usage;
  }

  /** Storage could not be opened or failed during the command. Returns 1. */
  storage(error: unknown, what: string): number {
    return this.failed('storage', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Parses a command's arguments strictly (unknown options are bad usage); `--json` is always
 * accepted. Answers bad usage itself and returns undefined then.
 */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: T,
  reply: AdminReply,
  positionals: { min: number; max: number; names: string },
): { values: ReturnType<typeof parseArgs<{ args: string[]; options: T & { json: { type: 'boolean' } }; allowPositionals: true; strict: true }>>['values']; positionals: string[] } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    reply.usage((error as Error).message);
    return undefined;
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > positionals.max) {
    reply.usage(count < positionals.min ? `name ${positionals.names}` : `unexpected argument "${parsed.positionals[positionals.max]}"`);
    return undefined;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** `1 child`, `3 children`, `2 problems`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/**
 * Gives `--json` to a command that answers only in text (such as `backup` and `restore`): the
 * option is taken out, the command runs, its stderr lines still go to stderr, and stdout gets
 * one JSON document `{ "ok", "status", "messages", "errors" }` (`messages`: its stdout lines;
 * `errors`: its stderr lines). Without `--json` the command runs unchanged.
 */
export function withJsonOption(command: AdminCommand): AdminCommand {
  return {
    name: command.name,
    summary: `${command.summary} [--json]`,
    async run(args, io) {
      if (!args.includes('--json')) return command.run(args, io);
      const messages: string[] = [];
      const errors: string[] = [];
      const status = await command.run(
        args.filter((a) => a !== '--json'),
        {
          out: (line) => void messages.push(line),
          err: (line) => {
            errors.push(line);
            io.err(line);
          },
        },
      );
      io.out(JSON.stringify({ ok: status === 0, status, messages, errors }, null, 2));
      return status;
    },
  };
}
