/**
 * Child process of the SQLite kill test (not part of the server): appends edits to one document
 * as fast as it can, a few in flight at a time, and prints `<edit> <seq>` on stdout as soon as
 * each append resolves, that is once the server would acknowledge it. Each append carries its
 * audit entry, written in the same transaction (as the server's durable storage extension does).
 * The test kills it with SIGKILL on reading a line and checks every printed edit survived, and
 * that the log holds exactly one audit entry per stored update: none without the other.
 *
 * Usage: node sync-server/storage/sqlite-kill-child.ts <dataDir> <document> <keyPrefix>
 */
import { openSqliteDocumentLog } from '../storage/documents/sqlite-document-log.ts';
import { openSqliteServerRecords } from '../storage/records/sqlite-server-records.ts';
import { TestEditor } from './test-editor.ts';

const [dataDir, name, prefix] = process.argv.slice(2);
if (dataDir === undefined || name === undefined || prefix === undefined) {
  process.stderr.write('usage: sqlite-kill-child.ts <dataDir> <document> <keyPrefix>\n');
  process.exit(2);
}

// The records' tables (the audit chain) are made by opening the records once, as the server does.
await (await openSqliteServerRecords({ dataDir, busyTimeoutMs: 30_000 })).close();
const log = await openSqliteDocumentLog({ dataDir });
const editor = new TestEditor();
let next = 0;

async function writer(): Promise<void> {
  for (;;) {
    const i = next++;
    const update = editor.edit(i, `${prefix}${i}`);
    const seq = await log.append(name!, [update], [{ at: new Date().toISOString(), username: 'kill-child', document: name!, parts: ['edits'], bytes: update.length, action: 'edit' }]);
    // Synchronous on a pipe: the line is out before the next append is even queued.
    process.stdout.write(`${i} ${seq}\n`);
  }
}

await Promise.all([writer(), writer(), writer(), writer()]);
