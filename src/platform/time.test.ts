import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatDay,
  londonDay,
  londonTime,
  parseDay,
  parseLondonDateTime,
  startOfLondonDay,
} from './time.js';

describe('London time', () => {
  it('puts midnight in London at midnight UTC in winter and 23:00 UTC the evening before in summer', () => {
    assert.equal(startOfLondonDay('2026-01-10').toISOString(), '2026-01-10T00:00:00.000Z');
    assert.equal(startOfLondonDay('2026-06-01').toISOString(), '2026-05-31T23:00:00.000Z');
  });

  it('reads a wall-clock time on the days the clocks change', () => {
    assert.equal(londonTime('2026-03-29', '09:30').toISOString(), '2026-03-29T08:30:00.000Z');
    assert.equal(londonTime('2026-10-25', '09:30').toISOString(), '2026-10-25T09:30:00.000Z');
  });

  it('says which day it is in London, which is not always the day in UTC', () => {
    assert.equal(londonDay(new Date('2026-05-31T23:30:00Z')), '2026-06-01');
    assert.equal(londonDay(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('accepts only real days and times', () => {
    assert.equal(parseDay('2028-02-29'), '2028-02-29');
    assert.equal(parseDay('2026-02-29'), null);
    assert.equal(parseDay('2026-2-1'), null);
    assert.equal(parseLondonDateTime('2026-06-01', '24:00'), null);
    assert.equal(parseLondonDateTime('2026-06-01', '14:30')?.toISOString(), '2026-06-01T13:30:00.000Z');
  });

  it('counts days across the end of a month and a year', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  it('writes dates and times the GOV.UK way', () => {
    assert.equal(formatDate(new Date('2026-05-31T23:30:00Z')), '1 June 2026');
    assert.equal(formatDay('2026-06-01'), '1 June 2026');
    assert.equal(formatDateTime(new Date('2026-12-04T14:30:00Z')), '4 December 2026 at 2:30pm');
  });
});
