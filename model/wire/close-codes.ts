/**
 * The WebSocket close codes the sync server uses (4000 to 4999 are for applications), each with
 * what it means to the person whose connection ended, so that the server's logs, the client's
 * words and the tests all read one table.
 *
 * `ends`: what the close means for the client.
 * - `session`: the person must sign in again;
 * - `access`: this plan is closed to them (its copy on the device is removed);
 * - `retry`: the connection may simply reconnect (the provider does so by itself).
 *
 * `refusesChange`: the close refused a change this client sent (it does not fit the plan, names
 * another writer, or would pass a size limit): the plan on the server is unchanged, and the
 * client must tell the person with `message` (a reconnection sends the same change again).
 *
 * `wrongWriter` (4424): an update added a value naming a writer other than the signed-in
 * person, or a time beyond the allowed clock skew (the server's update checks).
 *
 * Hocuspocus closes a connection with the `code` and `reason` of an error thrown from a hook;
 * a document-level close reaches the provider as code 1000 with the reason, so a client reads
 * both ({@link closeOf}).
 */

export interface CloseCode {
  readonly code: number;
  /** The name sent as the close reason. */
  readonly reason: string;
  readonly ends: 'session' | 'access' | 'retry';
  /** The close refused a change this client sent; the person must be told (see above). */
  readonly refusesChange?: true;
  /** What to tell the person, in plain words. */
  readonly message: string;
}

export const CLOSE = {
  unauthorized: { code: 4401, reason: 'unauthorized', ends: 'session', message: 'Your session is no longer valid: sign in again.' },
  tokenExpired: { code: 4402, reason: 'token-expired', ends: 'session', message: 'Your session has expired: sign in again.' },
  forbidden: {
    code: 4403,
    reason: 'forbidden',
    ends: 'access',
    message: "You do not have access to this child's plan, or your access has ended. Ask the child's team manager if you need it.",
  },
  unknownDocument: {
    code: 4404,
    reason: 'unknown-document',
    ends: 'access',
    message: 'The server has no plan for this child. Go back to your caseload and choose the child again.',
  },
  authTimeout: { code: 4408, reason: 'authentication-timeout', ends: 'retry', message: 'The connection took too long to sign in; connecting again.' },
  tooLarge: {
    code: 4413,
    reason: 'message-too-large',
    ends: 'retry',
    refusesChange: true,
    message: 'A change was too large for the server to accept; the plan on the server is unchanged.',
  },
  invalidUpdate: {
    code: 4422,
    reason: 'invalid-update',
    ends: 'retry',
    refusesChange: true,
    message: 'The server refused a change that does not fit this plan; the plan on the server is unchanged.',
  },
  wrongWriter: {
    code: 4424,
    reason: 'wrong-writer',
    ends: 'retry',
    refusesChange: true,
    message:
      "The server refused a change written in another person's name or dated in the future; the plan on the server is unchanged. Check that this device's date and time are right.",
  },
  planLimit: {
    code: 4507,
    reason: 'plan-limit',
    ends: 'retry',
    refusesChange: true,
    message:
      "The server refused a change that would take this plan past one of its size limits (a text field's length, a table's rows or the plan's whole size); the plan on the server is unchanged. Shorten the text, or ask an administrator.",
  },
  rateLimited: { code: 4429, reason: 'rate-limited', ends: 'retry', message: 'Too many changes were sent at once; connecting again shortly.' },
  tooManyConnections: {
    code: 4430,
    reason: 'too-many-connections',
    ends: 'retry',
    message: 'Too many open windows or tabs of the board are signed in as you. Close some; this one connects again by itself.',
  },
  storageUnavailable: {
    code: 4503,
    reason: 'storage-unavailable',
    ends: 'retry',
    message: 'The server cannot save at the moment; your changes are kept on this device and sent when it can.',
  },
} as const satisfies Record<string, CloseCode>;

export type CloseName = keyof typeof CLOSE;
export type CloseReason = (typeof CLOSE)[CloseName];

const BY_CODE = new Map<number, CloseCode>(Object.values(CLOSE).map((c) => [c.code, c]));
const BY_REASON = new Map<string, CloseCode>(Object.values(CLOSE).map((c) => [c.reason, c]));

/**
 * The named close a code or reason stands for, or undefined for any other close (a normal
 * close, a network drop, a server shutting down). The code wins over the reason.
 */
export function closeOf(code: number | undefined, reason: string | undefined): CloseCode | undefined {
  return (code !== undefined ? BY_CODE.get(code) : undefined) ?? (reason !== undefined ? BY_REASON.get(reason) : undefined);
}
