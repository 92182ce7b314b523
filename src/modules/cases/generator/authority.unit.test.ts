import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addMonths } from '../../../platform/time.js';
import { EVENT_KINDS, FLAG_RULES, isFamilyCircumstance } from '../chronology/event-kinds.js';
import { familyFlags } from '../flags/flags.js';
import { syntheticAuthority } from './authority.js';
import { CATEGORIES_OF_ABUSE, CLOSURE_REASONS, PRIMARY_NEEDS, REFERRAL_SOURCES } from './census-codes.js';
import { type SyntheticFamily } from './types.js';

const TODAY = '2026-12-05';

describe('the synthetic authority', () => {
  let families: SyntheticFamily[];
  before(() => {
    families = [...syntheticAuthority({ children: 5000, seed: 'rates', today: TODAY })];
  });

  it('holds exactly the children asked for, in families of one to five', () => {
    assert.equal(families.flatMap((family) => family.children).length, 5000);
    assert.ok(families.every((family) => family.children.length >= 1 && family.children.length <= 5));
  });

  it('is built family by family, so a caller can stop or write in batches', () => {
    const stream = syntheticAuthority({ children: 1_000_000, seed: 'rates', today: TODAY });
    const first = stream.next();
    assert.equal(first.done, false);
    assert.deepEqual(first.value, families[0]);
  });

  it('is the same authority for the same seed, and another for another', () => {
    const again = [...syntheticAuthority({ children: 50, seed: 'rates', today: TODAY })];
    assert.deepEqual(again.slice(0, 5), families.slice(0, 5));
    const other = syntheticAuthority({ children: 50, seed: 'other', today: TODAY }).next().value as SyntheticFamily;
    assert.notEqual(other.id, families[0]!.id);
  });

  it('refers about 23% of children again within 12 months of a closure', () => {
    let referrals = 0;
    let reReferrals = 0;
    for (const family of families) {
      for (const child of family.children) {
        const episodes = family.episodes
          .filter((episode) => episode.childId === child.id)
          .sort((a, b) => (a.referralOn < b.referralOn ? -1 : 1));
        episodes.forEach((episode, i) => {
          referrals++;
          const closedOn = episodes[i - 1]?.closedOn;
          if (closedOn && episode.referralOn > closedOn && episode.referralOn <= addMonths(closedOn, 12)) reReferrals++;
        });
      }
    }
    const rate = reReferrals / referrals;
    assert.ok(rate > 0.18 && rate < 0.28, `re-referral rate ${rate.toFixed(3)}`);
  });

  it('puts about half of child protection plans under neglect', () => {
    const plans = families.flatMap((family) => family.episodes).filter((episode) => episode.plan?.type === 'child-protection');
    const neglect = plans.filter((episode) => episode.plan!.categoryOfAbuse === 'NEG').length / plans.length;
    assert.ok(plans.length > 300, `${plans.length} plans`);
    assert.ok(neglect > 0.4 && neglect < 0.6, `neglect share ${neglect.toFixed(2)}`);
  });

  it('records about 20 events a child', () => {
    const perChild = families.reduce((sum, family) => sum + family.events.length, 0) / 5000;
    assert.ok(perChild > 16 && perChild < 24, `${perChild.toFixed(1)} events a child`);
  });

  it('keeps every record well formed: unique ids, real codes, nothing after today, events about the family’s children', () => {
    const ids = new Set<string>();
    const unique = (id: string) => {
      assert.ok(!ids.has(id), `id ${id} used twice`);
      ids.add(id);
    };
    for (const family of families) {
      unique(family.id);
      const children = new Set(family.children.map((child) => child.id));
      [...family.children, ...family.adults, ...family.households, ...family.episodes].forEach((record) => unique(record.id));
      for (const event of family.events) {
        unique(event.id);
        assert.ok(EVENT_KINDS.includes(event.kind));
        assert.ok(event.occurredOn <= TODAY && event.recordedOn <= TODAY && event.recordedOn >= event.occurredOn);
        assert.ok(event.childIds.length > 0 && event.childIds.every((id) => children.has(id)));
        assert.equal(event.planType !== null, event.kind === 'plan-start' || event.kind === 'plan-end');
        assert.ok(event.summary.length > 0);
      }
      for (const episode of family.episodes) {
        assert.ok(children.has(episode.childId));
        assert.ok(episode.referralSource in REFERRAL_SOURCES && episode.primaryNeed in PRIMARY_NEEDS);
        if (episode.plan?.categoryOfAbuse) assert.ok(episode.plan.categoryOfAbuse in CATEGORIES_OF_ABUSE);
        assert.equal(episode.closedOn === null, episode.closureReason === null);
        if (episode.closureReason) assert.ok(episode.closureReason in CLOSURE_REASONS);
        if (episode.closedOn) assert.ok(episode.closedOn <= TODAY && episode.closedOn >= episode.referralOn);
      }
    }
  });

  it('shows every pattern rule somewhere, and never cites a family circumstance as a concern', () => {
    const raised = new Map<string, number>();
    for (const family of families) {
      const circumstances = new Set(family.events.filter((event) => isFamilyCircumstance(event.kind)).map((event) => event.id));
      for (const flag of familyFlags({ childIds: family.children.map((child) => child.id), events: family.events, today: TODAY })) {
        raised.set(flag.rule, (raised.get(flag.rule) ?? 0) + 1);
        if (flag.rule !== 'support-suggested') assert.ok(!flag.eventIds.some((id) => circumstances.has(id)), flag.rule);
      }
    }
    for (const rule of FLAG_RULES) assert.ok((raised.get(rule) ?? 0) >= 5, `${rule}: ${raised.get(rule) ?? 0}`);
  });
});
