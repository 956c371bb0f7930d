/**
 * The error a Hocuspocus hook throws to close a connection with one of the named close codes of
 * `model/wire` ({@link CLOSE}): Hocuspocus closes the socket with the error's `code` and
 * `reason`, so the client reads the same table the server writes from.
 */
import type { CloseCode } from '../../model/wire/index.ts';

export { CLOSE } from '../../model/wire/index.ts';

/** An error a hook throws to close the connection with a named code. */
export class WireError extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(close: CloseCode, detail?: string) {
    super(detail ? `${close.reason}: ${detail}` : close.reason);
    this.code = close.code;
    this.reason = close.reason;
  }
}
