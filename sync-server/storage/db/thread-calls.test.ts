import { describe, expect, it } from 'vitest';
import { CallThread } from './thread-calls.ts';

const FIXTURE = new URL('../../testing/thread-calls-fixture.ts', import.meta.url);

describe('calls to an object in its own thread', () => {
  it('answers calls, in the order made, with their results', async () => {
    const thread = await CallThread.start(FIXTURE, {}, 'test');
    const slow = thread.call<string>('slowly', 'first', 50);
    expect(await thread.call('add', 2, 3)).toBe(5);
    expect(await slow).toBe('first');
    await thread.stop();
  });

  it('keeps the class and code of an error, and refuses unknown methods', async () => {
    const thread = await CallThread.start(FIXTURE, {}, 'test');
    const error = await thread.call('refuse').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'not a username', code: 'ERR_TEST' });
    await expect(thread.call('nothing')).rejects.toThrow(/no method "nothing"/);
    await expect(thread.call('constructor')).rejects.toThrow(/no method/);
    await expect(thread.call('toString')).rejects.toThrow(/no method/);
    await thread.stop();
  });

  it('fails to start with the error of the object that could not open', async () => {
    const error = await CallThread.start(FIXTURE, { failOpen: true }, 'test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/schema version 99/);
  });

  it('rejects the waiting calls and every later one when the thread dies, instead of hanging', async () => {
    const thread = await CallThread.start(FIXTURE, {}, 'test');
    const waiting = thread.call('slowly', 'never', 10_000);
    const dying = thread.call('die');
    await expect(waiting).rejects.toThrow(/the test thread stopped \(exit code 3\)/);
    await expect(dying).rejects.toThrow(/stopped/);
    await expect(thread.call('add', 1, 1)).rejects.toThrow(/stopped/);
  });

  it('rejects calls after stop', async () => {
    const thread = await CallThread.start(FIXTURE, {}, 'test');
    await thread.stop();
    await expect(thread.call('add', 1, 1)).rejects.toThrow(/storage is closed/);
  });
});
