import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedReads } from './shared-reads.js';

/** A read that the test finishes by hand, to line up who asks while which read is on its way. */
function controlledReads() {
  const started: { key: string; finish: (value: string) => void; fail: (error: Error) => void }[] = [];
  const read = (key: string) => new Promise<string>((resolve, reject) => started.push({ key, finish: resolve, fail: reject }));
  return { started, read };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('shared reads', () => {
  it('lets people who ask while a read is on its way share the next read, never one that began before they asked', async () => {
    const { started, read } = controlledReads();
    const shared = sharedReads(read);
    const first = shared('thread-1');
    const second = shared('thread-1');
    const third = shared('thread-1');
    assert.equal(started.length, 1, 'the later two wait rather than read at once');
    started[0]!.finish('version 1');
    assert.equal(await first, 'version 1');
    await tick();
    assert.equal(started.length, 2, 'one more read for both of them');
    started[1]!.finish('version 2');
    assert.deepEqual(await Promise.all([second, third]), ['version 2', 'version 2']);
  });

  it('keeps different keys apart, and starts afresh once nothing is on its way', async () => {
    const { started, read } = controlledReads();
    const shared = sharedReads(read);
    const one = shared('thread-1');
    const two = shared('thread-2');
    assert.deepEqual(
      started.map((s) => s.key),
      ['thread-1', 'thread-2'],
    );
    started[0]!.finish('a');
    started[1]!.finish('b');
    assert.deepEqual(await Promise.all([one, two]), ['a', 'b']);
    const again = shared('thread-1');
    assert.equal(started.length, 3);
    started[2]!.finish('c');
    assert.equal(await again, 'c');
  });

  it('passes a failed read to everyone who shared it, and the next reader tries again', async () => {
    const { started, read } = controlledReads();
    const shared = sharedReads(read);
    const first = shared('thread-1');
    const waiting = shared('thread-1');
    started[0]!.fail(new Error('connection lost'));
    await assert.rejects(first, /connection lost/);
    await tick();
    started[1]!.fail(new Error('still lost'));
    await assert.rejects(waiting, /still lost/);
    const later = shared('thread-1');
    started[2]!.finish('back');
    assert.equal(await later, 'back');
  });
});
