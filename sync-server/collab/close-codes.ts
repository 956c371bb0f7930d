/**
 * Named WebSocket close codes the server uses (4000 to 4999 are for applications), so a client
 * and the logs can tell why a connection ended. Hocuspocus closes a connection with the `code`
 * and `reason` of an error thrown from a hook.
 */
export const CLOSE = {
  unauthorized: { code: 4401, reason: 'unauthorized' },
  tokenExpired: { code: 4402, reason: 'token-expired' },
  forbidden: { code: 4403, reason: 'forbidden' },
  unknownDocument: { code: 4404, reason: 'unknown-document' },
  invalidUpdate: { code: 4422, reason: 'invalid-update' },
  tooLarge: { code: 4413, reason: 'message-too-large' },
  rateLimited: { code: 4429, reason: 'rate-limited' },
  authTimeout: { code: 4408, reason: 'authentication-timeout' },
  storageUnavailable: { code: 4503, reason: 'storage-unavailable' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/** An error a hook throws to close the connection with a named code. */
export class WireError extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(close: CloseReason, detail?: string) {
    super(detail ? `${close.reason}: ${detail}` : close.reason);
    this.code = close.code;
    this.reason = close.reason;
  }
}
