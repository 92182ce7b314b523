import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDayOf, MILESTONES, timescaleOf, timescalesOf } from './timescales.js';

describe('oversight: statutory timescales', () => {
  it('counts England’s figures from Working Together 2023', () => {
    // A referral on Friday 18 December 2026: Monday 21 is the one working day.
    assert.deepEqual(dueDayOf('england', 'referral-decision', '2026-12-18'), { ok: true, date: '2026-12-21' });
    // A referral on Christmas Eve 2026 (a Thursday): 45 working days, skipping 25 and 28 December and 1 January.
    assert.deepEqual(dueDayOf('england', 'assessment', '2026-12-24'), { ok: true, date: '2027-03-02' });
    // A strategy discussion on Thursday 1 April 2027, before Easter: 15 working days without Good Friday (26 March is
    // past) and Easter Monday 29 March (past too): 22 April.
    assert.deepEqual(dueDayOf('england', 'initial-conference', '2027-04-01'), { ok: true, date: '2027-04-22' });
    assert.deepEqual(dueDayOf('england', 'first-core-group', '2027-04-22'), { ok: true, date: '2027-05-07' }); // 3 May off
    assert.deepEqual(dueDayOf('england', 'first-review', '2027-01-31'), { ok: true, date: '2027-04-30' });
    assert.deepEqual(dueDayOf('england', 'later-review', '2027-04-30'), { ok: true, date: '2027-10-30' });
  });

  it('counts Wales’s assessment in 42 working days', () => {
    assert.deepEqual(dueDayOf('wales', 'assessment', '2026-12-24'), { ok: true, date: '2027-02-25' });
    assert.equal(timescaleOf('wales', 'assessment').amount, 42);
    assert.equal(timescaleOf('england', 'assessment').amount, 45);
    assert.match(timescaleOf('wales', 'initial-conference').source, /Wales Safeguarding Procedures/);
  });

  it('says outside-calendar when the count runs beyond the bank holidays bundled', () => {
    assert.deepEqual(dueDayOf('england', 'assessment', '2030-12-01'), { ok: false, reason: 'outside-calendar' });
    assert.deepEqual(dueDayOf('england', 'first-review', 'yesterday'), { ok: false, reason: 'not-a-day' });
  });

  it('lists every milestone with a source', () => {
    for (const nation of ['england', 'wales'] as const) {
      assert.deepEqual(
        timescalesOf(nation).map((t) => t.milestone),
        [...MILESTONES],
      );
      for (const t of timescalesOf(nation)) assert.ok(t.source.length > 0 && t.amount > 0);
    }
  });
});
