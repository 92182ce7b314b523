import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../access.js';
import { describeOldest, measureQueues, queueMeasure, queuesFor, timeSpanInWords, type StaffQueue } from './queues.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('staff queues: ages in plain words', () => {
  it('rounds down to the unit a person would use', () => {
    const cases: [number, string][] = [
      [-5 * MINUTE, 'less than a minute'],
      [0, 'less than a minute'],
      [59_999, 'less than a minute'],
      [MINUTE, '1 minute'],
      [59 * MINUTE + 59_000, '59 minutes'],
      [HOUR, '1 hour'],
      [3 * HOUR + 40 * MINUTE, '3 hours'],
      [47 * HOUR, '47 hours'],
      [2 * DAY, '2 days'],
      [13 * DAY + 23 * HOUR, '13 days'],
      [14 * DAY, '2 weeks'],
      [60 * DAY, '8 weeks'],
      [61 * DAY, '2 months'],
      [364 * DAY, '12 months'],
      [365 * DAY, '1 year'],
      [3 * 365 * DAY + DAY, '3 years'],
    ];
    for (const [ms, words] of cases) assert.equal(timeSpanInWords(ms), words, `${ms} ms`);
  });

  it('says how long the oldest has waited, or since when it was due', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    assert.equal(describeOldest('waiting', new Date(now.getTime() - 3 * HOUR), now), 'oldest waiting 3 hours');
    assert.equal(describeOldest('due', new Date(now.getTime() - 2 * DAY), now), 'oldest due 2 days ago');
    assert.equal(describeOldest('due', new Date(now.getTime() - 10_000), now), 'oldest due just now');
  });

  it('reads an aggregate row whatever the driver returns for its count and time', () => {
    assert.deepEqual(queueMeasure(undefined), { count: 0, oldest: null });
    assert.deepEqual(queueMeasure({ count: '0', oldest: null }), { count: 0, oldest: null });
    const measured = queueMeasure({ count: '4', oldest: '2026-12-01T09:00:00.000Z' });
    assert.equal(measured.count, 4);
    assert.equal(measured.oldest?.toISOString(), '2026-12-01T09:00:00.000Z');
  });
});

describe('staff queues: who sees which', () => {
  const queue = (key: string, roles: StaffQueue['roles'], count: number, oldest: Date | null): StaffQueue => ({
    key,
    title: key,
    roles,
    href: `/${key}`,
    linkText: key,
    age: 'waiting',
    measure: async () => ({ count, oldest }),
  });
  const person = (...roles: Principal['roles']): Principal => ({
    id: 'x',
    email: 'x@example.org',
    roles,
    organisationId: null,
    teamId: null,
  });

  it('gives each person the queues of the roles they hold, in the order offered', () => {
    const queues = [queue('a', ['adviser'], 0, null), queue('m', ['moderator'], 0, null), queue('both', ['adviser', 'moderator'], 0, null)];
    assert.deepEqual(
      queuesFor(queues, person('adviser')).map((q) => q.key),
      ['a', 'both'],
    );
    assert.deepEqual(
      queuesFor(queues, person('adviser', 'moderator')).map((q) => q.key),
      ['a', 'm', 'both'],
    );
    assert.deepEqual(queuesFor(queues, person('member')), []);
  });

  it('measures each queue and words its oldest item, saying nothing of age when the queue is empty', async () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const measured = await measureQueues(
      [queue('busy', ['adviser'], 3, new Date(now.getTime() - 90 * MINUTE)), queue('empty', ['adviser'], 0, null)],
      now,
      person('adviser'),
    );
    assert.deepEqual(
      measured.map((m) => [m.key, m.count, m.oldest]),
      [
        ['busy', 3, 'oldest waiting 1 hour'],
        ['empty', 0, null],
      ],
    );
  });
});
