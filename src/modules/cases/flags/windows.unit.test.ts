import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventMaker } from './testing.js';
import { atLeast, distinctAtLeast, latestWindow, withinMonths } from './windows.js';

describe('windows of calendar months', () => {
  it('counts 12 months inclusively, as calendar months and not as 365 days', () => {
    for (const [earlier, later, within] of [
      ['2025-01-01', '2026-01-01', true], // 365 days
      ['2025-01-01', '2026-01-02', false], // 366 days, no leap day
      ['2023-03-01', '2024-03-01', true], // 366 days over a leap day
      ['2023-03-01', '2024-03-02', false],
      ['2024-02-29', '2025-02-28', true],
      ['2024-02-29', '2025-03-01', false],
      ['2025-03-31', '2026-03-31', true],
    ] as const) {
      assert.equal(withinMonths(earlier, later, 12), within, `${earlier} to ${later}`);
    }
  });

  it('counts 6 months to the end of a shorter month', () => {
    assert.equal(withinMonths('2026-03-31', '2026-09-30', 6), true);
    assert.equal(withinMonths('2026-03-31', '2026-10-01', 6), false);
    assert.equal(withinMonths('2025-08-31', '2026-02-28', 6), true);
    assert.equal(withinMonths('2025-08-31', '2026-03-01', 6), false);
  });

  it('finds the most recent window with enough events, and all the events in it', () => {
    const event = eventMaker();
    const events = [
      event('referral', '2020-01-01'),
      event('referral', '2020-02-01'),
      event('referral', '2020-03-01'),
      event('referral', '2024-01-01'),
      event('referral', '2024-06-01'),
      event('referral', '2024-12-01'),
      event('referral', '2025-01-01'),
      event('referral', '2026-06-01'),
    ];
    assert.deepEqual(
      latestWindow(events, 12, atLeast(3))?.map((e) => e.occurredOn),
      ['2024-01-01', '2024-06-01', '2024-12-01', '2025-01-01'],
    );
    assert.equal(latestWindow(events, 12, atLeast(5)), null);
    assert.equal(latestWindow([], 12, atLeast(1)), null);
  });

  it('counts distinct keys in a window', () => {
    const event = eventMaker();
    const events = [
      event('referral', '2026-01-01', { agency: 'police' }),
      event('referral', '2026-02-01', { agency: 'police' }),
      event('referral', '2026-03-01', { agency: 'health' }),
      event('referral', '2026-08-01', { agency: 'school' }),
    ];
    assert.deepEqual(
      latestWindow(
        events,
        6,
        distinctAtLeast(3, (e) => e.agency),
      )?.map((e) => e.occurredOn),
      ['2026-02-01', '2026-03-01', '2026-08-01'],
    );
    assert.equal(
      latestWindow(
        events,
        5,
        distinctAtLeast(3, (e) => e.agency),
      ),
      null,
    );
  });
});
