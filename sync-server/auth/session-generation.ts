/**
 * An account's session generation as tokens carry it (`gen`): the base64url of the random
 * `session:<username>` setting (`../storage/records/account-settings.ts`), made on first use.
 * Every token of the account names it; deleting the setting ends every session at once. Asked
 * for only once the account is known to exist, so a probe for an unknown name makes nothing.
 */
import { randomBytes } from 'node:crypto';
import { sessionSetting } from '../storage/records/account-settings.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';

/** The account's current session generation (base64url). */
export async function sessionGeneration(records: ServerRecords, username: string): Promise<string> {
  return Buffer.from(await records.setting(sessionSetting(username), () => randomBytes(16))).toString('base64url');
}
