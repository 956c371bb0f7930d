/**
 * What an admin command is, for `main.ts` to register and every command file to implement:
 * it parses its own arguments, writes lines to `io` and returns the exit status (0 done, 1 the
 * operation failed, 2 bad usage or configuration). Imports nothing, so any command may import it.
 */

/** A command: parses its own arguments, writes to stdout/stderr, returns the exit status. */
export interface AdminCommand {
  readonly name: string;
  readonly summary: string;
  run(args: string[], io: AdminIo): Promise<number> | number;
}

/** Where a command writes: one line at a time to stdout (`out`) and stderr (`err`). */
export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}
