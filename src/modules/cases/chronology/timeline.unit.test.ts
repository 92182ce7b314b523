import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineOf } from './timeline.js';

describe('the chronology’s timeline', () => {
  const event = (id: string, occurredOn: string, kind: string, significance: string) => ({ id, occurredOn, kind, significance, label: id });

  it('draws nothing for an empty chronology', () => {
    assert.equal(timelineOf([]), null);
  });

  it('places events across by date and down by significance, with family circumstances in a lane of their own', () => {
    const timeline = timelineOf([
      event('a', '2024-01-01', 'referral', 'high'),
      event('b', '2025-01-01', 'missed-health-appointment', 'low'),
      event('c', '2026-01-01', 'debt', 'high'),
    ])!;
    const [a, b, c] = timeline.points;
    assert.ok(a!.x < b!.x && b!.x < c!.x);
    assert.equal(a!.x, 150);
    assert.equal(c!.x, 940);
    assert.ok(a!.y < b!.y, 'high above low');
    assert.equal(c!.y, timeline.lanes.find((l) => l.label === 'Family circumstances')!.y, 'debt is a circumstance, never a high concern');
    assert.deepEqual(
      timeline.ticks.map((t) => t.label),
      ['2025', '2026'],
    );
  });

  it('draws events that would cover one another as one dot that names or counts them', () => {
    const many = Array.from({ length: 12 }, (_, i) => event(`m${i}`, '2026-03-03', 'referral', 'medium'));
    const timeline = timelineOf([event('a', '2020-01-01', 'referral', 'medium'), ...many, event('h', '2026-03-03', 'referral', 'high')])!;
    assert.equal(timeline.points.length, 3, 'the early event, the twelve together, and the high one in its own lane');
    assert.match(timeline.points[1]!.label, /^12 events, from m0 to m11$/);
    const three = timelineOf([
      event('a', '2020-01-01', 'debt', 'low'),
      event('b', '2026-01-01', 'debt', 'low'),
      event('c', '2026-01-01', 'debt', 'low'),
    ])!;
    assert.equal(three.points[1]!.label, 'b; c');
  });

  it('keeps a single day’s events on the page', () => {
    const timeline = timelineOf([event('a', '2026-03-03', 'referral', 'medium'), event('b', '2026-03-03', 'referral', 'medium')])!;
    assert.ok(timeline.points.every((p) => p.x >= 150 && p.x <= 940));
  });
});
