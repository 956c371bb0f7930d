/**
 * Test helper run as a separate process by `sqlite-server-records.test.ts`: appends audit
 * entries to the records in DATA_DIR as fast as it can, as another server process sharing the
 * SQLite file would. Usage: node sqlite-audit-child.ts <dataDir> <appends> <document>
 */
import { openSqliteServerRecords } from '../storage/records/sqlite-server-records.ts';

const [dataDir, appends, document] = process.argv.slice(2);
if (dataDir === undefined || appends === undefined || document === undefined) throw new Error('usage: sqlite-audit-child.ts <dataDir> <appends> <document>');
const records = await openSqliteServerRecords({ dataDir, busyTimeoutMs: 30_000 });
for (let i = 0; i < Number(appends); i++) {
  const at = new Date().toISOString();
  await records.appendAudit([
    { at, username: 'system', document, parts: ['ppms'], bytes: i, action: 'edit' },
    { at, username: 'system', document, parts: ['child'], bytes: i, action: 'edit' },
  ]);
}
await records.close();
