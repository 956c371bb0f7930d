/**
 * Why the server ended a plan's connection, read from what the provider reports, as a thin
 * adapter over the wire contract's close codes (`model/wire`: {@link closeOf}, whose table says
 * what each close `ends` and what to tell the person). What it adds: a close that `ends` only a
 * `retry` is not an end of access (the provider reconnects by itself), and a refused
 * authentication with a reason the contract does not name still asks the person to sign in
 * again, rather than leaving a plan that can never connect.
 */
import { closeOf } from '../../model/wire/index.ts';

/** `session`: the person must sign in again. `access`: this plan is closed to them. */
export interface AccessEnd {
  readonly kind: 'session' | 'access';
  /** The server's reason name, e.g. `forbidden`. */
  readonly reason: string;
  /** What to tell the person. */
  readonly message: string;
}

/** The end of access a close means, or undefined when the connection may simply reconnect. */
export function accessEndOfClose(code: number | undefined, reason: string | undefined): AccessEnd | undefined {
  const close = closeOf(code, reason);
  return close && close.ends !== 'retry' ? { kind: close.ends, reason: close.reason, message: close.message } : undefined;
}

/** The end of access a refused authentication means; an unknown reason asks the person to sign in again. */
export function accessEndOfAuthFailure(reason: string): AccessEnd {
  return accessEndOfClose(undefined, reason) ?? { kind: 'session', reason, message: `The server refused this session (${reason}): sign in again.` };
}

/**
 * What to tell the person when a close refused a change this device sent (`refusesChange` in
 * the wire contract: not fitting the plan, another writer's name, past a size limit), or
 * undefined for any other close. The connection still reconnects by itself.
 */
export function refusalOfClose(code: number | undefined, reason: string | undefined): string | undefined {
  const close = closeOf(code, reason);
  return close?.refusesChange ? close.message : undefined;
}
