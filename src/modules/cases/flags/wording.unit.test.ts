import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datesInList, joinWithAnd, kindName, numberInWords, ordinal, shortDate } from './wording.js';

describe('the words of a flag', () => {
  it('writes a day short, with every month named the same way', () => {
    assert.equal(shortDate('2026-02-04'), '4 Feb 2026');
    assert.equal(shortDate('2026-09-30'), '30 Sep 2026');
    assert.equal(shortDate('2026-12-25', false), '25 Dec');
  });

  it('says a year once for a run of dates in it', () => {
    assert.deepEqual(datesInList(['2026-02-04', '2026-06-11', '2026-11-02']), ['4 Feb', '11 Jun', '2 Nov 2026']);
    assert.deepEqual(datesInList(['2025-11-04', '2026-01-11', '2026-03-02']), ['4 Nov 2025', '11 Jan', '2 Mar 2026']);
    assert.deepEqual(datesInList(['2026-03-02']), ['2 Mar 2026']);
  });

  it('joins a list with commas and "and"', () => {
    assert.equal(joinWithAnd([]), '');
    assert.equal(joinWithAnd(['police']), 'police');
    assert.equal(joinWithAnd(['police', 'health']), 'police and health');
    assert.equal(joinWithAnd(['police', 'health', 'school']), 'police, health and school');
  });

  it('says small numbers and ordinals in words', () => {
    assert.equal(numberInWords(3), 'three');
    assert.equal(numberInWords(12), 'twelve');
    assert.equal(numberInWords(14), '14');
    assert.equal(ordinal(2), 'second');
    assert.equal(ordinal(11), '11th');
    assert.equal(ordinal(22), '22nd');
  });

  it('names a kind in the singular and the plural', () => {
    assert.equal(kindName('missed-health-appointment'), 'missed health appointment');
    assert.equal(kindName('missed-health-appointment', 3), 'missed health appointments');
    assert.equal(kindName('eviction-notice'), 'an eviction notice');
  });
});
