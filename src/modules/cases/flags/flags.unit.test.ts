import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../../platform/time.js';
import { EVENT_KINDS, FLAG_RULES, type FlagEvent, PLAN_TYPES, SIGNIFICANCES, isFamilyCircumstance } from '../chronology/event-kinds.js';
import { seededRandom } from '../generator/random.js';
import { familyFlags } from './flags.js';
import { TODAY, eventMaker } from './testing.js';

const children = ['child-a', 'child-b', 'child-c'];

/** A family's history at random: every kind, agency and significance, over six years, naming one, some or no children. */
function randomFamily(seed: number, count: number): FlagEvent[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = random.pick(EVENT_KINDS);
    return {
      id: `event-${seed}-${i}`,
      kind,
      occurredOn: addDays(TODAY, -random.int(0, 6 * 365)),
      agency: random.pick(['police', 'health', 'school', 'housing', "children's social care", 'food bank']),
      significance: random.pick(SIGNIFICANCES),
      planType: kind === 'plan-start' || kind === 'plan-end' ? random.pick(PLAN_TYPES) : null,
      childIds: children.filter(() => random.chance(0.5)),
    };
  });
}

describe('familyFlags', () => {
  it('raises each rule at most once a child, child by child and in the order of the rules', () => {
    const event = eventMaker(['child-a', 'child-b']);
    const events = [
      ...['2026-01-04', '2026-02-04', '2026-03-04', '2026-04-04'].map((day) => event('home-visit-no-access', day)),
      ...['2026-05-04', '2026-06-04', '2026-07-04'].map((day) => event('missed-health-appointment', day, { agency: 'health' })),
      event('plan-start', '2026-08-01', { childIds: ['child-b'] }),
    ];
    const flags = familyFlags({ childIds: ['child-b', 'child-a'], events, today: TODAY });
    assert.deepEqual(
      flags.map((flag) => `${flag.childId} ${flag.rule}`),
      [
        'child-b repeated-concern',
        'child-b not-seen',
        'child-b not-seen-alone',
        'child-a repeated-concern',
        'child-a sibling-on-plan',
        'child-a not-seen',
      ],
    );
  });

  it('cites events oldest first, whatever order they came in', () => {
    const event = eventMaker();
    const events = [event('referral', '2026-06-04'), event('referral', '2026-02-04'), event('referral', '2026-04-04')];
    const [flag] = familyFlags({ childIds: ['child-a'], events, today: TODAY });
    assert.deepEqual(flag?.eventIds, ['event-002', 'event-003', 'event-001']);
  });

  it('has nothing to say of a family with no events, or of no children', () => {
    assert.deepEqual(familyFlags({ childIds: children, events: [], today: TODAY }), []);
    assert.deepEqual(familyFlags({ childIds: [], events: randomFamily(1, 200), today: TODAY }), []);
  });

  it('never cites an event it was not given, never a family circumstance in a concern, and never lets one change a concern', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const events = randomFamily(seed, 10 + (seed % 7) * 25);
      const given = new Map(events.map((event) => [event.id, event]));
      const flags = familyFlags({ childIds: children, events, today: TODAY });
      for (const flag of flags) {
        assert.ok(children.includes(flag.childId));
        assert.ok(FLAG_RULES.includes(flag.rule));
        assert.ok(flag.eventIds.length > 0 && flag.explanation.endsWith('.'));
        const cited = flag.eventIds.map((id) => given.get(id));
        assert.ok(
          cited.every((event) => event !== undefined),
          `seed ${seed}: ${flag.rule} cites an event not given`,
        );
        const dates = cited.map((event) => event!.occurredOn);
        assert.deepEqual(dates, [...dates].sort(), `seed ${seed}: ${flag.rule} cites out of order`);
        const circumstances = cited.filter((event) => isFamilyCircumstance(event!.kind));
        assert.equal(circumstances.length, flag.rule === 'support-suggested' ? cited.length : 0, `seed ${seed}: ${flag.rule}`);
      }
      const withoutCircumstances = familyFlags({
        childIds: children,
        events: events.filter((event) => !isFamilyCircumstance(event.kind)),
        today: TODAY,
      });
      assert.deepEqual(
        withoutCircumstances,
        flags.filter((flag) => flag.rule !== 'support-suggested'),
        `seed ${seed}: family circumstances changed a concern flag`,
      );
    }
  });

  it('gives every rule a chance in the random families, so the checks above are not empty', () => {
    const raised = new Set<string>();
    for (let seed = 1; seed <= 150; seed++) {
      for (const flag of familyFlags({ childIds: children, events: randomFamily(seed, 10 + (seed % 7) * 25), today: TODAY })) {
        raised.add(flag.rule);
      }
    }
    assert.deepEqual([...raised].sort(), [...FLAG_RULES].sort());
  });
});
