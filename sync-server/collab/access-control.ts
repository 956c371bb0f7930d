/**
 * Authentication and access for collaborative documents (DESIGN decisions 2 and 3). Deny by
 * default: a connection to a document is accepted only with a valid token of an enabled account
 * that holds a grant on that child (and, for `child:<id>:restricted`, a grant that covers the
 * restricted part). A read grant makes the connection read-only in Hocuspocus, which then never
 * applies its updates nor forwards them. Open connections are re-checked every few seconds:
 * a revoked grant, a disabled account, an expired token or an ended session (the account's
 * session generation changed: sign out everywhere, password change, disable) closes them with a
 * named code.
 * Presence (awareness) is limited, and carries the identity the server authenticated, in `presence.ts`.
 */
import type {
  Connection,
  Extension,
  Hocuspocus,
  connectedPayload,
  onAuthenticatePayload,
  onDisconnectPayload,
  onTokenSyncPayload,
} from '@hocuspocus/server';
import type { ServerRecords } from '../storage/records/server-records.ts';
import { verifyToken } from '../auth/tokens.ts';
import { sessionGeneration } from '../auth/session-generation.ts';
import { CLOSE, WireError } from './wire-error.ts';
import { parseDocumentName } from '../../model/wire/index.ts';

/** Who is connected, as the server authenticated them. */
export interface SessionUser {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
}

/** Hocuspocus connection context set by this extension. */
export interface AccessContext {
  readonly user: SessionUser;
  readonly childId: string;
  readonly kind: 'plan' | 'restricted';
  readonly level: 'read' | 'edit';
  /** Token expiry, seconds since the epoch. */
  readonly exp: number;
  /** The session generation the token carried (`../storage/records/account-settings.ts`). */
  readonly gen: string;
}

export interface AccessOptions {
  /** How often open connections are re-checked, in ms. Default 1000. */
  readonly recheckMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * Counts the socket of `request` as one of `username`'s (`SocketFront.admit`): false when
   * they already hold the most sockets allowed (the front has closed it then).
   */
  readonly admitSocket?: (request: object, username: string) => boolean;
}

export class AccessControl implements Extension {
  readonly extensionName = 'access-control';
  readonly priority = 1000;
  readonly #records: ServerRecords;
  readonly #secret: Uint8Array;
  readonly #options: AccessOptions;
  readonly #open = new Set<Connection<AccessContext>>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #version = -1;
  #checking = false;

  constructor(records: ServerRecords, secret: Uint8Array, options: AccessOptions = {}) {
    this.#records = records;
    this.#secret = secret;
    this.#options = options;
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    void instance;
    this.#timer = setInterval(() => void this.recheck(), this.#options.recheckMs ?? 1000);
    this.#timer.unref();
    await Promise.resolve();
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.resolve();
  }

  async onAuthenticate(data: onAuthenticatePayload<AccessContext>): Promise<AccessContext> {
    const name = parseDocumentName(data.documentName);
    if (!name) throw new WireError(CLOSE.unknownDocument);
    const verified = await verifyToken(this.#secret, data.token);
    if (!verified.ok) throw new WireError(verified.reason === 'expired' ? CLOSE.tokenExpired : CLOSE.unauthorized);
    const account = await this.#records.account(verified.claims.sub);
    if (!account || account.disabled) throw new WireError(CLOSE.unauthorized);
    if (verified.claims.gen !== (await sessionGeneration(this.#records, account.username))) throw new WireError(CLOSE.unauthorized);
    const grant = await this.#records.grantFor(account.username, name.childId);
    if (!grant || (name.kind === 'restricted' && !grant.restricted)) throw new WireError(CLOSE.forbidden);
    if (this.#options.admitSocket && !this.#options.admitSocket(data.request, account.username)) throw new WireError(CLOSE.tooManyConnections);
    if (grant.level === 'read') data.connectionConfig.readOnly = true;
    return {
      user: { username: account.username, name: account.name, role: account.role, organisation: account.organisation },
      childId: name.childId,
      kind: name.kind,
      level: grant.level,
      exp: verified.claims.exp,
      gen: verified.claims.gen,
    };
  }

  async connected({ connection }: connectedPayload<AccessContext>): Promise<void> {
    this.#open.add(connection);
    await Promise.resolve();
  }

  async onDisconnect({ socketId, documentName }: onDisconnectPayload<AccessContext>): Promise<void> {
    for (const c of this.#open) if (c.socketId === socketId && c.document.name === documentName) this.#open.delete(c);
    await Promise.resolve();
  }

  /** Closes every open connection whose access has gone: revoked, account disabled, token expired. */
  async recheck(now = Date.now()): Promise<number> {
    if (this.#checking) return 0;
    this.#checking = true;
    let closed = 0;
    try {
      const version = await this.#records.accessVersion();
      const changed = version !== this.#version;
      this.#version = version;
      for (const connection of [...this.#open]) {
        const context = connection.context;
        if (!context) continue;
        let reason: (typeof CLOSE)[keyof typeof CLOSE] | undefined;
        if (context.exp * 1000 <= now) reason = CLOSE.tokenExpired;
        else if (changed) {
          const account = await this.#records.account(context.user.username);
          const grant = account && !account.disabled ? await this.#records.grantFor(context.user.username, context.childId) : undefined;
          if (!account || account.disabled || (await sessionGeneration(this.#records, account.username)) !== context.gen) reason = CLOSE.unauthorized;
          else if (!grant || (context.kind === 'restricted' && !grant.restricted) || (grant.level === 'read' && context.level === 'edit')) reason = CLOSE.forbidden;
        }
        if (reason) {
          this.#open.delete(connection);
          connection.close({ code: reason.code, reason: reason.reason });
          closed++;
        }
      }
    } catch (error) {
      this.#options.log?.('access-control: re-checking open connections failed; will try again', error);
    } finally {
      this.#checking = false;
    }
    return closed;
  }

  /**
   * Lets a renewed token extend the connection's expiry (provider `sendToken`): it must name the
   * same person in the same session generation, which is still the account's current one.
   */
  async onTokenSync(data: onTokenSyncPayload<AccessContext>): Promise<void> {
    const verified = await verifyToken(this.#secret, data.token);
    const connection = data.connection;
    if (!connection?.context) return;
    const current = verified.ok ? await sessionGeneration(this.#records, connection.context.user.username) : undefined;
    if (!verified.ok || verified.claims.sub !== connection.context.user.username || verified.claims.gen !== connection.context.gen || current !== verified.claims.gen) {
      connection.close({ code: CLOSE.unauthorized.code, reason: CLOSE.unauthorized.reason });
      return;
    }
    (connection.context as { exp: number }).exp = verified.claims.exp;
  }
}
