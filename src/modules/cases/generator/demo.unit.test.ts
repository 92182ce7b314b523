import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FLAG_RULES } from '../chronology/event-kinds.js';
import { familyFlags } from '../flags/flags.js';
import { demoCaseload } from './demo.js';

/** The rules each demo child should raise, by given name: the stories in demo.ts, as the flags must read them. */
const EXPECTED: Record<string, string[]> = {
  Maya: ['re-referral', 'repeat-protection-plan', 'not-seen-alone', 'repeated-reopening'],
  Leo: ['repeated-concern', 're-referral', 'sibling-on-plan', 'repeated-reopening'],
  Ruby: ['multi-agency', 'rising-significance', 'not-seen'],
  Noah: ['support-suggested'],
  Isla: ['support-suggested'],
  Oliver: ['repeated-concern', 'sibling-on-plan'],
  Freya: ['repeated-concern'],
  Archie: ['repeated-concern', 'sibling-on-plan'],
};

// Any day will do: a winter day, a summer day, the end of a long month and a leap day.
const TODAYS = ['2026-12-05', '2027-06-30', '2026-03-31', '2028-02-29'];

describe('the demo caseload', () => {
  for (const today of TODAYS) {
    it(`tells each family's story in its flags, and raises every rule between them (today ${today})`, () => {
      const families = demoCaseload(today);
      const raised = new Set<string>();
      for (const family of families) {
        const flags = familyFlags({ childIds: family.children.map((child) => child.id), events: family.events, today });
        for (const child of family.children) {
          const rules = flags.filter((flag) => flag.childId === child.id).map((flag) => flag.rule);
          assert.deepEqual(rules, EXPECTED[child.givenName], `${child.givenName} ${family.familyName}`);
          rules.forEach((rule) => raised.add(rule));
        }
      }
      assert.deepEqual([...raised].sort(), [...FLAG_RULES].sort());
    });
  }

  it('is the same caseload, with the same ids, every time', () => {
    assert.deepEqual(demoCaseload('2026-12-05'), demoCaseload('2026-12-05'));
  });

  it('holds six to ten children, in families with stories, and nothing dated after today', () => {
    const families = demoCaseload('2026-12-05');
    const children = families.flatMap((family) => family.children);
    assert.ok(children.length >= 6 && children.length <= 10);
    for (const family of families) {
      assert.ok(family.story && family.story.length > 40);
      for (const event of family.events) assert.ok(event.occurredOn <= '2026-12-05' && event.recordedOn <= '2026-12-05');
      for (const episode of family.episodes) assert.ok(family.children.some((child) => child.id === episode.childId));
    }
    const ids = [...families.flatMap((family) => [family.id, ...family.children.map((child) => child.id)])];
    assert.equal(new Set(ids).size, ids.length);
  });
});
