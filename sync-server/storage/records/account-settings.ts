/**
 * The server settings that belong to one account: its session generation and its calendar feed
 * key. Both are random values in `records_settings`, made on first use (insert-if-absent, so
 * every instance sharing a store agrees), and both are ended by deleting them:
 * `ServerRecords.deleteSetting`, and in the same transaction as a password change or a disable
 * (`setPasswordHash`, `setDisabled`), so no token and no feed address outlives those.
 *
 * - `session:<username>`: 16 random bytes that every token of the account carries (`gen`). A
 *   token whose generation is not the stored one is refused, on every request and by the
 *   open-connection re-check: deleting the setting ends every session at once (sign out
 *   everywhere, password change, disable, role change); the next sign-in makes a new one.
 * - `calendar-key:<username>`: 32 random bytes, the secret of the person's calendar feed
 *   address. Deleting it (rotate, revoke) stops the old address at once.
 */
import type { ServerRecords } from './server-records.ts';

/** The settings key of an account's session generation. */
export function sessionSetting(username: string): string {
  return `session:${username}`;
}

/** The settings key of an account's calendar feed secret. */
export function calendarKeySetting(username: string): string {
  return `calendar-key:${username}`;
}

/** Every setting of one account, as `setPasswordHash` and `setDisabled` delete them. */
export function accountSettings(username: string): string[] {
  return [sessionSetting(username), calendarKeySetting(username)];
}

/** Thrown by `create` to tell "absent" from other failures when only reading a setting. */
class Absent extends Error {}

/** A setting's value without creating it: undefined when absent (an anonymous probe never makes one). */
export async function readSetting(records: ServerRecords, key: string): Promise<Uint8Array | undefined> {
  try {
    return await records.setting(key, () => {
      throw new Absent();
    });
  } catch (error) {
    if (error instanceof Absent) return undefined;
    throw error;
  }
}
