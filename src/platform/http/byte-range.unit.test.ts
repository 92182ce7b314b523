import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestedRange } from './byte-range.js';

describe('byte ranges', () => {
  it('reads the one range a browser asks for, within the file', () => {
    assert.deepEqual(requestedRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(requestedRange('bytes=500-', 1000), { start: 500, end: 999 });
    assert.deepEqual(requestedRange('bytes=-100', 1000), { start: 900, end: 999 });
    assert.deepEqual(requestedRange('bytes=900-5000', 1000), { start: 900, end: 999 });
    assert.deepEqual(requestedRange('bytes=-5000', 1000), { start: 0, end: 999 });
  });

  it('says when a range lies wholly outside the file', () => {
    assert.equal(requestedRange('bytes=1000-', 1000), 'unsatisfiable');
    assert.equal(requestedRange('bytes=-0', 1000), 'unsatisfiable');
    assert.equal(requestedRange('bytes=0-', 0), 'unsatisfiable');
    assert.equal(requestedRange('bytes=99999999999999999999-', 1000), 'unsatisfiable');
  });

  it('sends the whole file for no range, several ranges, or one it cannot read', () => {
    for (const header of [undefined, '', 'bytes=-', 'bytes=0-1,5-9', 'items=0-1', 'bytes=9-1', 'bytes=a-b', 'bytes= 1-2']) {
      assert.equal(requestedRange(header, 1000), undefined, String(header));
    }
  });
});
