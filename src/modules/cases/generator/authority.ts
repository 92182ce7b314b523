import { addDays, addMonths, daysBetween } from '../../../platform/time.js';
import { type EventKind, type PlanType, type Significance } from '../chronology/event-kinds.js';
import { FamilyBuilder } from './builder.js';
import { type CategoryOfAbuse, type ClosureReasonCode, type PrimaryNeedCode, type ReferralSourceCode } from './census-codes.js';
import { FAMILY_NAMES, GIVEN_NAMES, STREETS, TOWNS } from './names.js';
import { type Random, seededRandom } from './random.js';
import { type SyntheticFamily } from './types.js';

/**
 * A plainly synthetic local authority, family by family. It is a generator so that a caller can write 50,000 children
 * in batches without holding them all; the same seed and today always give the same authority.
 *
 * The rates it aims at (checked over 5,000 children in authority.unit.test.ts): about 23% of referrals are re-referrals
 * within 12 months of a closure, about half of child protection plans are under neglect, about 20 events a child.
 */
export function* syntheticAuthority(options: { children: number; seed: string | number; today: string }): Generator<SyntheticFamily> {
  const random = seededRandom(options.seed);
  let left = options.children;
  while (left > 0) {
    const size = Math.min(left, random.weighted(FAMILY_SIZES));
    yield syntheticFamily(random, options.today, size);
    left -= size;
  }
}

const FAMILY_SIZES = [
  [1, 35],
  [2, 33],
  [3, 20],
  [4, 9],
  [5, 3],
] as const;

/** What became of a referral: closed after assessment, passed to early help, or a child in need or protection plan. */
const OUTCOMES = [
  ['no-further-action', 36],
  ['early-help', 17],
  ['child-in-need', 29],
  ['child-protection', 18],
] as const;

const SOURCES: readonly (readonly [ReferralSourceCode, number])[] = [
  ['6', 29],
  ['2A', 19],
  ['3A', 5],
  ['3B', 4],
  ['3E', 4],
  ['1B', 6],
  ['1A', 3],
  ['5A', 5],
  ['5D', 6],
  ['4', 3],
  ['8', 8],
  ['9', 3],
  ['10', 5],
];

// Neglect is the commonest category of child protection plan in England, a little under half.
const CATEGORIES: readonly (readonly [CategoryOfAbuse, number])[] = [
  ['NEG', 50],
  ['EMO', 33],
  ['PHY', 7],
  ['SAB', 4],
  ['MUL', 6],
];

const NEEDS: readonly (readonly [PrimaryNeedCode, number])[] = [
  ['N1', 45],
  ['N2', 5],
  ['N3', 4],
  ['N4', 10],
  ['N5', 16],
  ['N6', 2],
  ['N7', 1],
  ['N8', 2],
  ['N9', 5],
  ['N0', 10],
];

const CONCERNS: readonly EventKind[] = [
  'police-domestic-abuse-notification',
  'missed-health-appointment',
  'school-attendance-concern',
  'emergency-department-attendance',
];

const CIRCUMSTANCES: readonly EventKind[] = ['eviction-notice', 'benefit-sanction', 'debt', 'loss-of-work', 'food-bank-referral'];

/** The chance a closed case is referred again within 12 months, and later than that. */
const RETURN_WITHIN_A_YEAR = 0.34;
const RETURN_LATER = 0.12;

function syntheticFamily(random: Random, today: string, size: number): SyntheticFamily {
  const family = new FamilyBuilder(random, today, random.pick(FAMILY_NAMES));
  let age = random.int(Math.min(17, size - 1), 17);
  let youngestBorn = today;
  for (let i = 0; i < size; i++) {
    youngestBorn = addDays(today, -(age * 365 + random.int(0, 364)));
    family.child(random.pick(GIVEN_NAMES), youngestBorn);
    age = Math.max(0, age - random.int(1, 4));
  }
  const eldestBorn = family.family.children[0]!.dateOfBirth;
  family.adult(random.pick(GIVEN_NAMES), addDays(eldestBorn, -random.int(18 * 365, 40 * 365)), 'parent', true);
  if (random.chance(0.6)) {
    const [relationship, responsible] = random.weighted([
      [['parent', true], 50],
      [['step-parent', false], 15],
      [['partner-of-parent', false], 25],
      [['grandparent', false], 10],
    ] as const);
    family.adult(random.pick(GIVEN_NAMES), addDays(eldestBorn, -random.int(18 * 365, 50 * 365)), relationship, responsible);
  }
  const address = () => `${random.int(1, 120)} ${random.pick(STREETS)}, ${random.pick(TOWNS)}`;

  const start = maxDay(addDays(youngestBorn, 30), addDays(today, -random.int(30, 6 * 365)));
  if (random.chance(0.25)) {
    const moved = addDays(start, random.int(0, Math.max(0, daysBetween(start, today))));
    family.household(address(), eldestBorn, moved);
    family.household(address(), moved);
    family.event('household-change', moved, { summary: 'The family moved to a new address.', significance: 'low' });
  } else {
    family.household(address(), eldestBorn);
  }
  if (random.chance(0.5)) circumstances(family, random, start, today);

  let referralOn: string | null = start;
  while (referralOn && referralOn <= today) {
    const closedOn = episode(family, random, referralOn, today);
    if (!closedOn || closedOn >= today) break;
    for (let i = random.int(0, 3); i > 0; i--) {
      family.event(random.pick(CONCERNS), addDays(closedOn, random.int(1, 540)), { significance: 'low' });
    }
    const roll = random.next();
    if (roll < RETURN_WITHIN_A_YEAR) referralOn = addDays(closedOn, random.int(14, daysBetween(closedOn, addMonths(closedOn, 12))));
    else if (roll < RETURN_WITHIN_A_YEAR + RETURN_LATER) referralOn = addDays(addMonths(closedOn, 12), random.int(1, 1100));
    else referralOn = null;
  }
  return family.family;
}

/** One referral and what followed it, with the concerns and visits around it; the day it closed, if it has. */
function episode(family: FamilyBuilder, random: Random, referralOn: string, today: string): string | null {
  const outcome = random.weighted(OUTCOMES);
  // Most of an episode's worries are of one kind, as they are in life: the school's, or the police's.
  const theme = random.pick(CONCERNS);
  const concern = (day: string, significance: Significance) =>
    family.event(random.chance(0.7) ? theme : random.pick(CONCERNS), day, { significance });
  for (let i = random.int(1, 4); i > 0; i--) concern(addDays(referralOn, -random.int(1, 120)), random.pick(['low', 'medium'] as const));
  const source = random.weighted(SOURCES);
  const assessmentStarted = addDays(referralOn, random.int(0, 5));
  const authorised = addDays(assessmentStarted, random.int(15, 45));
  const assessment = {
    startedOn: assessmentStarted,
    authorisedOn: authorised,
    factors: [random.pick(['16A', '3B', '1B', '4B', '21'] as const)],
  };
  const significance = random.weighted([
    ['medium', 7],
    ['high', 3],
  ] as const);
  visits(family, random, assessmentStarted, authorised, 'assessment', today);

  if (outcome === 'no-further-action' || outcome === 'early-help') {
    const closedOn = addDays(authorised, random.int(0, 10));
    const closureReason: ClosureReasonCode = outcome === 'early-help' ? 'RC9' : 'RC8';
    family.episode({ referralOn, source, significance, primaryNeed: random.weighted(NEEDS), assessment, closedOn, closureReason });
    return closedOn;
  }

  const protection = outcome === 'child-protection';
  const section47On = protection ? addDays(referralOn, random.int(1, 10)) : undefined;
  const startedOn = protection ? addDays(section47On!, random.int(10, 20)) : addDays(authorised, random.int(1, 14));
  const endedOn = addMonths(startedOn, protection ? random.int(6, 18) : random.int(3, 12));
  const closedOn = addDays(endedOn, random.int(0, 21));
  const onPlan = protection && random.chance(0.25) ? [random.pick(family.childIds)] : family.childIds;
  const plan = (type: PlanType, categoryOfAbuse?: CategoryOfAbuse) => ({ type, startedOn, endedOn, categoryOfAbuse });
  const common = { referralOn, source, significance, assessment, closedOn, closureReason: 'RC7' as const };
  const category = random.weighted(CATEGORIES);
  family.episode({
    ...common,
    childIds: onPlan,
    primaryNeed: protection ? 'N1' : random.weighted(NEEDS),
    section47On,
    conferenceOn: protection ? startedOn : undefined,
    plan: protection ? plan('child-protection', category) : plan('child-in-need'),
  });
  const others = family.childIds.filter((id) => !onPlan.includes(id));
  if (others.length > 0) family.episode({ ...common, childIds: others, primaryNeed: 'N5', plan: plan('child-in-need') });

  visits(family, random, startedOn, endedOn, protection ? 'child-protection' : 'child-in-need', today, onPlan);
  for (let month = startedOn; month < endedOn; month = addMonths(month, 1)) {
    if (random.chance(0.6)) {
      concern(
        addDays(month, random.int(0, 27)),
        random.weighted([
          ['low', 5],
          ['medium', 4],
          ['high', 1],
        ] as const),
      );
    }
  }
  return closedOn <= today ? closedOn : null;
}

/**
 * Home visits from one day to another: every two weeks on a child protection plan, about every three on a child in need plan,
 * three times during an assessment. Some plans running today have lapsed: no one has been seen alone for six weeks.
 */
function visits(
  family: FamilyBuilder,
  random: Random,
  from: string,
  to: string,
  stage: 'assessment' | PlanType,
  today: string,
  onPlan: string[] = [],
) {
  const every = stage === 'child-protection' ? 14 : stage === 'assessment' ? Math.max(1, Math.floor(daysBetween(from, to) / 3)) : 20;
  const lapsed = stage === 'child-protection' && to > today && random.chance(0.3);
  const lapseFrom = addDays(today, -42);
  for (let day = addDays(from, random.int(1, 7)); day < to && day <= today; day = addDays(day, every + random.int(-2, 2))) {
    if (random.chance(0.07)) {
      family.event('home-visit-no-access', day);
      continue;
    }
    for (const childId of family.childIds) {
      const alone = onPlan.includes(childId) ? 0.7 : 0.35;
      let kind = random.weighted([
        ['home-visit-seen-alone', alone],
        ['home-visit-seen', 0.92 - alone],
        ['home-visit-not-seen', 0.08],
      ] as const);
      if (kind === 'home-visit-seen-alone' && lapsed && day >= lapseFrom) kind = 'home-visit-seen';
      family.event(kind, day, { childIds: [childId], significance: kind === 'home-visit-not-seen' ? 'medium' : 'low' });
    }
  }
}

/** Hard times: some families meet one circumstance, some a run of them close together. */
function circumstances(family: FamilyBuilder, random: Random, from: string, today: string) {
  let day = addDays(from, random.int(0, Math.max(0, daysBetween(from, today))));
  for (let i = random.int(1, 5); i > 0 && day <= today; i--) {
    family.event(random.pick(CIRCUMSTANCES), day, { significance: random.pick(['low', 'medium', 'high'] as const) });
    day = addDays(day, random.int(7, 240));
  }
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
