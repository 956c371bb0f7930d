import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A queue over a fake store that records its batches and can be told to fail. */
function fakeQueue(options: { maxItems?: number; maxBytes?: number; fail?: (batch: readonly string[]) => boolean; slowMs?: number } = {}) {
  const batches: string[][] = [];
  const queue = new GroupCommit<string, string>({
    async commit(batch) {
      if (options.slowMs) await new Promise((resolve) => setTimeout(resolve, options.slowMs));
      if (options.fail?.(batch)) throw new Error(`failed: ${batch.join(',')}`);
      batches.push([...batch]);
      return batch.map((item) => `ok:${item}`);
    },
    sizeOf: (item) => item.length,
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
  return { queue, batches };
}

describe('GroupCommit', () => {
  it('commits items added in one tick together, and each gets its own result', async () => {
    const { queue, batches } = fakeQueue();
    const results = await Promise.all(['a', 'b', 'c'].map((item) => queue.add(item)));
    expect(results).toEqual(['ok:a', 'ok:b', 'ok:c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(queue.commits).toBe(1);
  });

  it('gathers items that arrive while a commit is in flight into the next commit', async () => {
    const { queue, batches } = fakeQueue({ slowMs: 20 });
    const first = queue.add('a');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = ['b', 'c', 'd'].map((item) => queue.add(item));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('splits batches by item count and by bytes', async () => {
    const byCount = fakeQueue({ maxItems: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((item) => byCount.queue.add(item)));
    expect(byCount.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const byBytes = fakeQueue({ maxBytes: 4 });
    await Promise.all(['aa', 'bb', 'ccccc', 'd'].map((item) => byBytes.queue.add(item)));
    expect(byBytes.batches).toEqual([['aa', 'bb'], ['ccccc'], ['d']]);
  });

  it('retries the items of a failed batch one by one, so one bad item fails alone', async () => {
    const { queue, batches } = fakeQueue({ fail: (batch) => batch.includes('bad') });
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => queue.add(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['a'], ['c']]);
  });

  it('rejects the rest of a failed batch without retrying each once the storage itself fails', async () => {
    let attempts = 0;
    const { queue } = fakeQueue({ fail: () => (attempts += 1) > 0 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => queue.add(`item${i}`)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(attempts).toBe(3);
  });

  it('drains queued items on close and refuses new ones', async () => {
    const { queue } = fakeQueue({ slowMs: 5 });
    const queued = ['a', 'b'].map((item) => queue.add(item));
    await queue.close();
    await expect(Promise.all(queued)).resolves.toEqual(['ok:a', 'ok:b']);
    await expect(queue.add('c')).rejects.toThrow(/closed/);
  });
});
