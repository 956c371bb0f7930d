/**
 * Backup files. Two formats, told apart by their first bytes:
 * - a SQLite database (what the SQLite backend's backup API writes), read by `sqlite-backup.ts`;
 * - JSON lines (what the PostgreSQL backend writes): a header line, one line per record with the
 *   bytes in base64, and an end line with the counts, so a truncated file is refused. Version 2
 *   adds the server records' kinds (accounts to settings) and their counts; a version 1 file
 *   (documents only) still reads, with no records.
 * {@link readBackup} reads either as checked {@link BackupRecord}s.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AccountInput, ChildSummaryInput, GrantInput, SettingKey, StoredAuditEntry, VersionInput } from '../records/record-checks.ts';
import { BackupChecker, type BackupCounts, type BackupRecord } from './backup-records.ts';
import { asidePath, removeAside, replaceDurably } from '../db/durable-file.ts';
import { readSqliteBackup } from './sqlite-backup.ts';

/** The `format` of the header line. */
export const JSON_BACKUP_FORMAT = 'permanence-board/document-log';
const JSON_BACKUP_VERSION = 2;
const SQLITE_MAGIC = 'SQLite format 3\0';

const seq = z.number().int().nonnegative();
const name = z.string().min(1);
const count = seq.default(0);
const Line = z.discriminatedUnion('t', [
  z.object({ t: z.literal('header'), format: z.literal(JSON_BACKUP_FORMAT), version: z.union([z.literal(1), z.literal(JSON_BACKUP_VERSION)]), createdAt: z.string() }),
  z.object({ t: z.literal('document'), name, lastSeq: seq, snapshotSeq: seq }),
  z.object({ t: z.literal('snapshot'), name, seq, data: z.base64() }),
  z.object({ t: z.literal('update'), name, seq: seq.min(1), data: z.base64() }),
  AccountInput.extend({ t: z.literal('account') }),
  GrantInput.extend({ t: z.literal('grant') }),
  StoredAuditEntry.extend({ t: z.literal('audit') }),
  VersionInput.extend({ t: z.literal('version'), state: z.base64() }),
  ChildSummaryInput.extend({ t: z.literal('child') }),
  z.object({ t: z.literal('setting'), key: SettingKey, value: z.base64() }),
  z.object({
    t: z.literal('end'),
    documents: seq,
    snapshots: seq,
    updates: seq,
    accounts: count,
    grants: count,
    audit: count,
    versions: count,
    children: count,
    settings: count,
  }),
]);
type Line = z.infer<typeof Line>;

/** Kinds a version 1 file (written before the server records were backed up) can hold. */
const VERSION_1_KINDS: ReadonlySet<string> = new Set(['header', 'document', 'snapshot', 'update', 'end']);

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The JSON of a record: binary fields as base64. */
function lineOf(record: BackupRecord): object {
  switch (record.t) {
    case 'snapshot':
    case 'update':
      return { ...record, data: base64(record.data) };
    case 'version':
      return { ...record, state: base64(record.state) };
    case 'setting':
      return { ...record, value: base64(record.value) };
    default:
      return record;
  }
}

/** The record of a checked line other than the header and end. */
function recordOf(line: Exclude<Line, { t: 'header' | 'end' }>): BackupRecord {
  switch (line.t) {
    case 'snapshot':
    case 'update':
      return { ...line, data: fromBase64(line.data) };
    case 'version':
      return { ...line, state: fromBase64(line.state) };
    case 'setting':
      return { ...line, value: fromBase64(line.value) };
    default:
      return line;
  }
}

/**
 * Writes `records` to `file` as JSON lines, replacing `file` atomically and durably only once
 * the whole stream has been written. Returns the counts.
 */
export async function writeJsonBackup(file: string, records: AsyncIterable<BackupRecord>): Promise<BackupCounts> {
  const aside = asidePath(file);
  const handle = await open(aside, 'wx', 0o600);
  let buffer = '';
  const flush = async (): Promise<void> => {
    await handle.write(buffer);
    buffer = '';
  };
  try {
    const checker = new BackupChecker();
    buffer += `${JSON.stringify({ t: 'header', format: JSON_BACKUP_FORMAT, version: JSON_BACKUP_VERSION, createdAt: new Date().toISOString() })}\n`;
    for await (const record of records) {
      checker.check(record);
      buffer += `${JSON.stringify(lineOf(record))}\n`;
      if (buffer.length >= 1 << 20) await flush();
    }
    const counts = checker.finish();
    buffer += `${JSON.stringify({ t: 'end', ...counts })}\n`;
    await flush();
    await handle.close();
    await replaceDurably(aside, file);
    return counts;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await removeAside(aside);
    throw error;
  }
}

/** Which format `file` is in; throws when it is neither. */
export async function backupFormat(file: string): Promise<'sqlite' | 'json'> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    const start = buffer.subarray(0, bytesRead).toString('latin1');
    if (start === SQLITE_MAGIC) return 'sqlite';
    if (start.startsWith('{')) return 'json';
    throw new Error(`${file} is not a document backup (neither SQLite nor JSON lines)`);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the backup in `file` (either format) as checked records. Throws, mid-stream or at the
 * end, on any malformed, inconsistent or missing part; a restore must commit only after the
 * stream has ended without error.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupRecord, BackupCounts> {
  if ((await backupFormat(file)) === 'sqlite') return yield* readSqliteBackup(file);
  return yield* readJsonBackup(file);
}

async function* readJsonBackup(file: string): AsyncGenerator<BackupRecord, BackupCounts> {
  const checker = new BackupChecker();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let ended: BackupCounts | undefined;
  let version = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text === '') continue;
    if (ended !== undefined) throw new Error(`${file}:${lineNumber}: text after the end line`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${file}:${lineNumber}: not JSON`);
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${lineNumber}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const line = parsed.data;
    if ((lineNumber === 1) !== (line.t === 'header')) throw new Error(`${file}:${lineNumber}: the header must be the first line, once`);
    if (line.t === 'header') {
      version = line.version;
      continue;
    }
    if (version === 1 && !VERSION_1_KINDS.has(line.t)) throw new Error(`${file}:${lineNumber}: a version 1 backup cannot hold ${line.t} records`);
    if (line.t === 'end') {
      ended = checker.finish();
      const { t: _t, ...counts } = line;
      if ((Object.keys(counts) as (keyof BackupCounts)[]).some((kind) => ended![kind] !== counts[kind])) {
        throw new Error(`${file}: the end line's counts do not match the records`);
      }
      continue;
    }
    const record = recordOf(line);
    checker.check(record);
    yield record;
  }
  if (ended === undefined) throw new Error(`${file}: no end line (the backup is truncated)`);
  return ended;
}
