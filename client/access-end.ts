/**
 * Why the server ended a plan's connection, read from what the provider reports: the reason of
 * a refused authentication, or the named close code and reason of the server's close codes
 * (`sync-server/collab/close-codes.ts`: 4401 unauthorized, 4402 token expired, 4403 forbidden,
 * 4404 unknown document). A document-level close reaches the provider as code 1000 with the
 * reason, so both are looked at. Other closes (too large, rate limited, shutting down) are not
 * an end of access: the provider reconnects.
 */

/** `session`: the person must sign in again. `access`: this plan is closed to them. */
export interface AccessEnd {
  readonly kind: 'session' | 'access';
  /** The server's reason name, e.g. `forbidden`. */
  readonly reason: string;
  /** What to tell the person. */
  readonly message: string;
}

const BY_REASON: Readonly<Record<string, AccessEnd>> = {
  unauthorized: { kind: 'session', reason: 'unauthorized', message: 'Your session is no longer valid: sign in again.' },
  'token-expired': { kind: 'session', reason: 'token-expired', message: 'Your session has expired: sign in again.' },
  forbidden: {
    kind: 'access',
    reason: 'forbidden',
    message: "You do not have access to this child's plan, or your access has ended. Ask the child's team manager if you need it.",
  },
  'unknown-document': { kind: 'access', reason: 'unknown-document', message: 'The server has no plan for this child. Go back to your caseload and choose the child again.' },
};

const BY_CODE: Readonly<Record<number, string>> = { 4401: 'unauthorized', 4402: 'token-expired', 4403: 'forbidden', 4404: 'unknown-document' };

/** The end of access a close means, or undefined when the connection may simply reconnect. */
export function accessEndOfClose(code: number | undefined, reason: string | undefined): AccessEnd | undefined {
  const name = (code !== undefined ? BY_CODE[code] : undefined) ?? reason;
  return name !== undefined ? known(name) : undefined;
}

/** The end of access a refused authentication means; an unknown reason asks the person to sign in again. */
export function accessEndOfAuthFailure(reason: string): AccessEnd {
  return known(reason) ?? { kind: 'session', reason, message: `The server refused this session (${reason}): sign in again.` };
}

function known(reason: string): AccessEnd | undefined {
  return Object.hasOwn(BY_REASON, reason) ? BY_REASON[reason] : undefined;
}
