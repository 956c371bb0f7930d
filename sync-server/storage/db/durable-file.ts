/**
 * Writing a file so that after a crash or power loss it is either the old file or the whole
 * new one: write it aside, fsync it, rename it over the target, fsync the directory.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A fresh name next to `file` for writing it aside (same directory, so rename is atomic). */
export function asidePath(file: string): string {
  return join(dirname(file), `.${basename(file)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** fsyncs the file or directory at `path`. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs `aside`, renames it to `file` and fsyncs the directory, so the rename survives power loss. */
export async function replaceDurably(aside: string, file: string): Promise<void> {
  await syncPath(aside);
  await rename(aside, file);
  await syncPath(dirname(file));
}

/** Removes `aside` and any SQLite journal beside it; for clean-up after a failed write. */
export async function removeAside(aside: string): Promise<void> {
  await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(aside + suffix, { force: true })));
}
