import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, addMonths, daysBetween } from './time.js';

describe('calendar months and days between London dates', () => {
  it('adds and takes away whole months, keeping the day of the month', () => {
    assert.equal(addMonths('2026-03-15', 1), '2026-04-15');
    assert.equal(addMonths('2026-03-15', -12), '2025-03-15');
    assert.equal(addMonths('2026-11-30', 2), '2027-01-30');
    assert.equal(addMonths('2026-01-10', -1), '2025-12-10');
    assert.equal(addMonths('2026-06-01', 0), '2026-06-01');
  });

  it('holds a day back to the end of a shorter month, in leap years and others', () => {
    assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 48), '2028-02-29');
    assert.equal(addMonths('2026-08-31', 1), '2026-09-30');
    assert.equal(addMonths('2026-03-31', -12), '2025-03-31');
    assert.equal(addMonths('2000-01-31', 1), '2000-02-29');
    assert.equal(addMonths('2100-01-31', 1), '2100-02-28');
  });

  it('counts whole days, across leap days and the clock changes', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-10-24', '2026-10-26'), 2);
    assert.equal(daysBetween('2025-01-01', '2026-01-01'), 365);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2026-05-02', '2026-05-01'), -1);
    assert.equal(daysBetween('2026-05-01', '2026-05-01'), 0);
  });
});

describe('adding days by arithmetic', () => {
  it('agrees with the calendar every day from 1899 to 2101', () => {
    const first = Date.UTC(1899, 0, 1);
    for (let n = 0; n < 202 * 366; n += 1) {
      const day = new Date(first + n * 86_400_000).toISOString().slice(0, 10);
      const later = new Date(first + (n + 45) * 86_400_000).toISOString().slice(0, 10);
      if (addDays(day, 45) !== later || addDays(later, -45) !== day || daysBetween(day, later) !== 45) {
        assert.fail(`${day} + 45 days: ${addDays(day, 45)}, expected ${later}`);
      }
    }
  });
});
