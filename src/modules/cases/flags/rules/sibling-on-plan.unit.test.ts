import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FlagEvent } from '../../chronology/event-kinds.js';
import { type MakeEvent, eventMaker, flagsBy } from '../testing.js';

const children = ['child-a', 'child-b', 'child-c'];

function raisedOn(history: (event: MakeEvent) => FlagEvent[]) {
  return flagsBy('sibling-on-plan', history(eventMaker(['child-a'])), { childIds: children });
}

describe('sibling-on-plan: a brother or sister on a child protection plan today', () => {
  it('is raised on every other child of the family, not the child on the plan', () => {
    const flags = raisedOn((event) => [event('plan-start', '2026-03-03')]);
    assert.deepEqual(
      flags.map((flag) => flag.childId),
      ['child-b', 'child-c'],
    );
    assert.equal(flags[0]!.explanation, 'A sibling has been on a child protection plan since 3 Mar 2026.');
  });

  it('ends with the plan, or with the case', () => {
    assert.equal(raisedOn((event) => [event('plan-start', '2026-03-03'), event('plan-end', '2026-09-03')]).length, 0);
    assert.equal(raisedOn((event) => [event('plan-start', '2026-03-03'), event('case-closed', '2026-09-03')]).length, 0);
  });

  it('is not ended by the end of a plan of another type', () => {
    const flags = raisedOn((event) => [event('plan-start', '2026-03-03'), event('plan-end', '2026-09-03', { planType: 'child-in-need' })]);
    assert.equal(flags.length, 2);
  });

  it('runs on when a plan ends and another begins on the same day', () => {
    const flags = raisedOn((event) => [
      event('plan-start', '2025-03-03'),
      event('plan-end', '2026-03-03'),
      event('plan-start', '2026-03-03'),
    ]);
    assert.equal(flags.length, 2);
    // Recorded the other way round, the new plan's start comes first among that day's events.
    const startRecordedFirst = raisedOn((event) => [
      event('plan-start', '2025-03-03'),
      event('plan-start', '2026-03-03'),
      event('plan-end', '2026-03-03'),
    ]);
    assert.equal(startRecordedFirst.length, 2);
  });

  it('is not raised for a plan that ended in the past, nor for a child in need plan', () => {
    assert.equal(raisedOn((event) => [event('plan-start', '2026-03-03', { planType: 'child-in-need' })]).length, 0);
    assert.equal(raisedOn((event) => [event('plan-start', '2027-03-03')]).length, 0);
  });

  it('cites a plan that names two children once, and counts the siblings', () => {
    const flags = raisedOn((event) => [event('plan-start', '2026-03-03', { childIds: ['child-a', 'child-b'] })]);
    assert.deepEqual(
      flags.map((flag) => [flag.childId, flag.eventIds.length]),
      [
        ['child-a', 1],
        ['child-b', 1],
        ['child-c', 1],
      ],
    );
    assert.equal(flags[2]!.explanation, 'Two siblings are on child protection plans, since 3 Mar 2026.');
  });

  it('names the plans of two siblings', () => {
    const flags = raisedOn((event) => [
      event('plan-start', '2026-03-03', { childIds: ['child-a'] }),
      event('plan-start', '2026-06-05', { childIds: ['child-b'] }),
    ]);
    assert.equal(
      flags.find((flag) => flag.childId === 'child-c')!.explanation,
      'Two siblings are on child protection plans, since 3 Mar and 5 Jun 2026.',
    );
  });

  it('knows only the children it is given', () => {
    const flags = raisedOn((event) => [event('plan-start', '2026-03-03', { childIds: ['someone-else'] })]);
    assert.equal(flags.length, 0);
  });
});
