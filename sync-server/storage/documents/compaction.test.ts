import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCompactor } from './compaction.ts';
import type { DocumentLog } from './document-log.ts';
import { openSqliteDocumentLog } from './sqlite-document-log.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';

let dir: string;
let log: DocumentLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compaction-'));
  log = await openSqliteDocumentLog({ dataDir: dir });
});
afterEach(async () => {
  await log.close();
  await rm(dir, { recursive: true, force: true });
});

/** A log that delegates to `log` except for the methods in `overrides`. */
function wrap(overrides: Partial<DocumentLog>): DocumentLog {
  return {
    kind: log.kind,
    append: (name, updates) => log.append(name, updates),
    load: (name) => log.load(name),
    compact: (name, snapshot, throughSeq) => log.compact(name, snapshot, throughSeq),
    pending: (name) => log.pending(name),
    names: () => log.names(),
    backup: (file) => log.backup(file),
    stats: () => log.stats(),
    close: () => log.close(),
    ...overrides,
  };
}

/** `log` with `compact` failing the first `failures` times. */
function flaky(failures: number): DocumentLog {
  let calls = 0;
  return wrap({
    compact: (name, snapshot, throughSeq) => {
      calls += 1;
      if (calls <= failures) return Promise.reject(new Error('disk on fire'));
      return log.compact(name, snapshot, throughSeq);
    },
  });
}

describe('background compaction', () => {
  it('does nothing below the thresholds', async () => {
    const compactor = createCompactor(log, { maxCount: 10, maxBytes: 1_000_000 });
    await log.append('child:1', new TestEditor().edits(0, 9));
    compactor.noteAppend('child:1');
    await compactor.idle();
    expect((await log.load('child:1'))!.snapshotSeq).toBe(0);
    await compactor.close();
  });

  it('never runs in the caller: noteAppend returns before anything is read', async () => {
    let reads = 0;
    const counting = wrap({
      pending: (name) => {
        reads += 1;
        return log.pending(name);
      },
    });
    const compactor = createCompactor(counting, { maxCount: 1 });
    await log.append('child:1', new TestEditor().edits(0, 3));
    compactor.noteAppend('child:1');
    compactor.noteAppend('child:1');
    expect(reads).toBe(0);
    await compactor.idle();
    expect(reads).toBe(1);
    await compactor.close();
  });

  it('logs a failure, retries later and never rejects to the caller', async () => {
    const failing = flaky(2);
    const errors: string[] = [];
    const compactor = createCompactor(failing, { maxCount: 5, retryDelayMs: 10, onError: (message) => errors.push(message) });
    const editor = new TestEditor();
    await log.append('child:1', editor.edits(0, 6));
    compactor.noteAppend('child:1');
    await expect.poll(async () => (await log.load('child:1'))!.snapshotSeq, { timeout: 5000 }).toBe(6);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/compacting "child:1" failed; retrying in 10 ms/);
    expect(contentOf(await log.load('child:1'))).toEqual(editor.content());
    await compactor.close();
  });

  it('runs one compaction per document at a time, compactNow included', async () => {
    let active = 0;
    let most = 0;
    const watched = wrap({
      compact: async (name, snapshot, throughSeq) => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return await log.compact(name, snapshot, throughSeq);
        } finally {
          active -= 1;
        }
      },
    });
    const compactor = createCompactor(watched, { maxCount: 1 });
    const editor = new TestEditor();
    const now: Promise<boolean>[] = [];
    for (let i = 0; i < 10; i++) {
      await log.append('child:1', [editor.edit(i)]);
      compactor.noteAppend('child:1');
      now.push(compactor.compactNow('child:1'));
    }
    await Promise.all(now);
    await compactor.close();
    expect(most).toBe(1);
    expect(contentOf(await log.load('child:1'))).toEqual(editor.content());
    await expect(compactor.compactNow('child:1')).rejects.toThrow(/closed/);
  });

  it('drops deleted text from snapshots, unless told to keep it', async () => {
    const editor = new TestEditor();
    const text = editor.doc.getText('t');
    editor.doc.transact(() => text.insert(0, 'secret address of the carers'));
    editor.doc.transact(() => text.delete(0, text.length));
    editor.edit(0);
    const secret = new TextEncoder().encode('secret address');
    const holds = (bytes: Uint8Array | null) => Buffer.from(bytes!).includes(secret);
    await log.append('child:gc', editor.updates);
    await log.append('child:kept', editor.updates);
    await createCompactor(log).compactNow('child:gc');
    await createCompactor(log, { keepDeleted: true }).compactNow('child:kept');
    const collected = await log.load('child:gc');
    const kept = await log.load('child:kept');
    expect(holds(collected!.snapshot)).toBe(false);
    expect(holds(kept!.snapshot)).toBe(true);
    expect(contentOf(collected)).toEqual(editor.content());
    expect(contentOf(kept)).toEqual(editor.content());
  });

  it('checkAll compacts every stored document over a threshold', async () => {
    for (const name of ['child:a', 'child:b']) await log.append(name, new TestEditor().edits(0, 4));
    await log.append('child:small', new TestEditor().edits(0, 1));
    const compactor = createCompactor(log, { maxCount: 3 });
    await compactor.checkAll();
    await compactor.idle();
    await compactor.close();
    expect((await log.load('child:a'))!.snapshotSeq).toBe(4);
    expect((await log.load('child:b'))!.snapshotSeq).toBe(4);
    expect((await log.load('child:small'))!.snapshotSeq).toBe(0);
  });
});
