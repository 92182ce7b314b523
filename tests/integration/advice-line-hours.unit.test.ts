import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_ITEMS } from '../../src/modules/content/demo/index.js';
import { LINE } from '../../src/modules/helpline/opening-hours/line.js';
import { describeWeeklyHours } from '../../src/modules/helpline/opening-hours/service.js';

/** "9.30am", "3pm", "6.15 pm" → minutes after midnight. */
function minutesOf(hour: string, minute: string | undefined, half: string): number {
  return ((Number(hour) % 12) + (half.toLowerCase() === 'pm' ? 12 : 0)) * 60 + Number(minute ?? 0);
}

const clock = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The demo content and the advice line must not contradict each other: a family who reads that the line opens in the
 * evening and rings then finds it closed. Content is written by hand; the hours are data in the helpline module.
 */
describe('demo content about the advice line', () => {
  const days = Object.values(LINE.weekly);
  const mentions = DEMO_ITEMS.filter((item) => /advice line/i.test(`${item.title} ${item.summary} ${item.body}`));

  it('gives only times when the line is open, and no evening or weekend opening', () => {
    assert.ok(mentions.length > 0, 'some demo content is about the advice line');
    for (const item of mentions) {
      const text = `${item.title} ${item.summary} ${item.body}`;
      assert.doesNotMatch(text, /evening|weekend|saturday|sunday/i, item.title);
      for (const match of text.matchAll(/\b(\d{1,2})(?:[.:](\d{2}))?\s?(am|pm)\b/gi)) {
        const at = minutesOf(match[1]!, match[2], match[3]!);
        assert.ok(
          days.some((day) => at >= clock(day.opens) && at <= clock(day.closes)),
          `"${item.title}" says ${match[0]}, outside the advice line's hours`,
        );
      }
    }
  });

  it('states the hours in the words the advice line itself uses', () => {
    const [hours] = describeWeeklyHours(LINE.weekly);
    assert.ok(hours);
    assert.ok(
      mentions.some((item) => item.body.includes(hours)),
      `some demo item says "${hours}"`,
    );
  });
});
