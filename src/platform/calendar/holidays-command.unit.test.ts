import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidaysReport } from './holidays-command.js';

describe('calendar: npx hearth holidays', () => {
  it('says how far ahead each nation’s bank holidays run', () => {
    const report = holidaysReport('2026-12-06');
    assert.equal(report.ok, true);
    assert.deepEqual(report.lines, [
      'England: the last bank holiday held is Boxing Day, 2030-12-26; 48 months ahead of 2026-12-06.',
      'Wales: the last bank holiday held is Boxing Day, 2030-12-26; 48 months ahead of 2026-12-06.',
    ]);
  });

  it('fails when fewer than 12 months remain', () => {
    assert.equal(holidaysReport('2029-12-26').ok, true);
    const late = holidaysReport('2029-12-27');
    assert.equal(late.ok, false);
    assert.match(late.lines[0]!, /11 months ahead .*fewer than 12/);
  });
});
