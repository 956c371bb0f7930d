import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteServerRecords } from '../storage/records/sqlite-server-records.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';
import { calendarKeySetting, readSetting } from '../storage/records/account-settings.ts';
import { accountForKey, calendarSecret, formatCalendarKey, parseCalendarKey, sameSecret } from './calendar-api.ts';

let dir: string;
let records: ServerRecords;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'calendar-api-'));
  records = await openSqliteServerRecords({ dataDir: dir });
  for (const [username, disabled] of [['asha.patel', false], ['gone', true]] as const) {
    await records.addAccount({ username, name: username, role: '', organisation: '', passwordHash: 'x', disabled, admin: false, createdAt: '2026-11-01T09:00:00Z' });
  }
});

afterAll(async () => {
  await records.close();
  await rm(dir, { recursive: true, force: true });
});

describe('calendar feed keys', () => {
  it('are made once per user and stay the same', async () => {
    const a = await calendarSecret(records, 'asha.patel');
    const b = await calendarSecret(records, 'asha.patel');
    expect(a).toHaveLength(32);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(await calendarSecret(records, 'gone')).equals(Buffer.from(a))).toBe(false);
  });

  it('name their user, split at the last dot', () => {
    const key = formatCalendarKey('asha.patel', new Uint8Array(32).fill(7));
    expect(parseCalendarKey(key)).toEqual({ username: 'asha.patel', secret: Buffer.alloc(32, 7).toString('base64url') });
    for (const bad of ['', 'nodot', '.secretsecretsecretsecret', 'asha.patel.short', 'Asha.secretsecretsecretsecret', `asha.${'a'.repeat(300)}`]) {
      expect(parseCalendarKey(bad)).toBeUndefined();
    }
  });

  it('open the calendar of an enabled account with the right secret only', async () => {
    const key = formatCalendarKey('asha.patel', await calendarSecret(records, 'asha.patel'));
    expect((await accountForKey(records, key)).username).toBe('asha.patel');
    const wrong = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(accountForKey(records, wrong)).rejects.toMatchObject({ status: 401 });
    await expect(accountForKey(records, formatCalendarKey('gone', await calendarSecret(records, 'gone')))).rejects.toMatchObject({ status: 401 });
    await expect(accountForKey(records, formatCalendarKey('nobody', new Uint8Array(32)))).rejects.toMatchObject({ status: 401, message: /GET \/api\/me\/calendar-url/ });
  });

  it('are never made by a probe, and stop working once deleted', async () => {
    await records.addAccount({ username: 'probed', name: 'probed', role: '', organisation: '', passwordHash: 'x', disabled: false, admin: false, createdAt: '2026-11-01T09:00:00Z' });
    await expect(accountForKey(records, formatCalendarKey('probed', new Uint8Array(32)))).rejects.toMatchObject({ status: 401 });
    expect(await readSetting(records, calendarKeySetting('probed'))).toBeUndefined();
    const key = formatCalendarKey('probed', await calendarSecret(records, 'probed'));
    expect((await accountForKey(records, key)).username).toBe('probed');
    expect(await records.deleteSetting(calendarKeySetting('probed'))).toBe(true);
    await expect(accountForKey(records, key)).rejects.toMatchObject({ status: 401 });
    expect(await readSetting(records, calendarKeySetting('probed'))).toBeUndefined();
  });

  it('are compared whatever their lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
