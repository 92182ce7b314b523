import { addDays, addMonths } from '../../../platform/time.js';
import { FamilyBuilder } from './builder.js';
import { seededRandom } from './random.js';
import { type SyntheticFamily } from './types.js';

/**
 * The demo practitioner's caseload: four invented families, eight children, whose chronologies between them raise every
 * pattern rule. Every date is counted back from `today`, so the flags that depend on today (a plan running now, a child
 * not seen alone in the last 4 weeks) hold whichever day the demo is seeded. The ids come from a fixed seed, so they are
 * the same on every seed of the demo.
 */
export function demoCaseload(today: string): SyntheticFamily[] {
  const random = seededRandom('hearth-demo-caseload');
  const monthsAgo = (months: number, days = 0) => addDays(addMonths(today, -months), -days);
  const daysAgo = (days: number) => addDays(today, -days);
  const born = (years: number, months = 0) => monthsAgo(years * 12 + months);

  // Fictonby: the revolving door. Referred four times in four years, each time helped and closed, each time back
  // within the year. Maya is on her second child protection plan (neglect), and lately she is seen but not alone.
  // Leo keeps missing his health appointments. Raises re-referral, repeated-reopening, repeat-protection-plan,
  // not-seen-alone, repeated-concern and sibling-on-plan.
  const fictonby = new FamilyBuilder(
    random,
    today,
    'Fictonby',
    'Referred four times in four years; each time the case closed after help and the family came back within the year. ' +
      'Maya is on her second child protection plan for neglect, and has not been seen on her own for weeks. ' +
      'Leo has missed three health appointments this year.',
  );
  const maya = fictonby.child('Maya', born(8, 3));
  const leo = fictonby.child('Leo', born(5, 1));
  fictonby.adult('Dana', born(31), 'parent', true);
  fictonby.household('7 Imaginary Row, Testbury', born(9));
  fictonby.episode({
    referralOn: monthsAgo(50),
    source: '3B',
    primaryNeed: 'N1',
    assessment: { startedOn: monthsAgo(50, -3), authorisedOn: monthsAgo(49), factors: ['16A'] },
    closedOn: monthsAgo(44),
    closureReason: 'RC8',
  });
  fictonby.episode({
    referralOn: monthsAgo(40),
    source: '2A',
    primaryNeed: 'N1',
    assessment: { startedOn: monthsAgo(40, -2), authorisedOn: monthsAgo(39), factors: ['16A', '1B'] },
    section47On: monthsAgo(39, 10),
    conferenceOn: monthsAgo(38),
    plan: { type: 'child-protection', startedOn: monthsAgo(38), endedOn: monthsAgo(26), categoryOfAbuse: 'NEG' },
    closedOn: monthsAgo(25),
    closureReason: 'RC7',
  });
  fictonby.episode({
    referralOn: monthsAgo(18),
    source: '6',
    primaryNeed: 'N4',
    assessment: { startedOn: monthsAgo(18, -2), authorisedOn: monthsAgo(17), factors: ['16A'] },
    closedOn: monthsAgo(16),
    closureReason: 'RC9',
  });
  fictonby.episode({
    childIds: [maya],
    referralOn: monthsAgo(9),
    source: '3A',
    primaryNeed: 'N1',
    assessment: { startedOn: monthsAgo(9, -1), authorisedOn: monthsAgo(8), factors: ['16A', '1B'] },
    section47On: monthsAgo(8, 5),
    conferenceOn: monthsAgo(6),
    plan: { type: 'child-protection', startedOn: monthsAgo(6), categoryOfAbuse: 'NEG' },
  });
  fictonby.episode({
    childIds: [leo],
    referralOn: monthsAgo(9),
    source: '3A',
    primaryNeed: 'N1',
    assessment: { startedOn: monthsAgo(9, -1), authorisedOn: monthsAgo(8), factors: ['16A'] },
  });
  for (const months of [11, 6, 2]) fictonby.event('missed-health-appointment', monthsAgo(months), { childIds: [leo] });
  for (const days of [70, 49]) fictonby.event('home-visit-seen-alone', daysAgo(days), { childIds: [maya] });
  for (const days of [35, 21, 7]) fictonby.event('home-visit-seen', daysAgo(days));

  // Madeupton: a spring when everyone saw something. The school, then the GP, then the police, each worry more serious
  // than the last; a child in need plan; and the last two visits found no one in, or Ruby out. Raises multi-agency,
  // rising-significance and not-seen.
  const madeupton = new FamilyBuilder(
    random,
    today,
    'Madeupton',
    'In a few months the school, the GP and the police each raised a worry about Ruby, each more serious than the last. ' +
      'She is on a child in need plan, and the last two home visits did not see her.',
  );
  madeupton.child('Ruby', born(13, 7));
  madeupton.adult('Jo', born(38), 'parent', true);
  madeupton.adult('Sam', born(40), 'partner-of-parent', false, 'Notreal');
  madeupton.household('22 Placeholder Lane, Fictonbury', born(14));
  madeupton.event('school-attendance-concern', monthsAgo(5), { significance: 'low' });
  madeupton.event('missed-health-appointment', monthsAgo(4), { significance: 'medium' });
  madeupton.event('police-domestic-abuse-notification', monthsAgo(3, 4), { significance: 'high' });
  madeupton.episode({
    referralOn: monthsAgo(3),
    source: '6',
    primaryNeed: 'N5',
    significance: 'high',
    assessment: { startedOn: monthsAgo(3, -1), authorisedOn: monthsAgo(2, 10), factors: ['3B'] },
    plan: { type: 'child-in-need', startedOn: monthsAgo(2) },
  });
  madeupton.event('home-visit-seen', daysAgo(49));
  madeupton.event('home-visit-no-access', daysAgo(28));
  madeupton.event('home-visit-not-seen', daysAgo(14));

  // Placeholme: hard times, not harm. Work lost, a sanction, debts, an eviction notice and the food bank; nothing about
  // how Noah and Isla are cared for. Raises support-suggested only: poverty is met with help, never counted as neglect.
  const placeholme = new FamilyBuilder(
    random,
    today,
    'Placeholme',
    'Alex lost their job; then came a benefit sanction, debts, an eviction notice and a food bank referral. ' +
      'Nothing suggests Noah and Isla are not well cared for: the family needs help with money, housing and food.',
  );
  placeholme.child('Noah', born(3, 2));
  placeholme.child('Isla', born(1, 4));
  placeholme.adult('Alex', born(29), 'parent', true);
  placeholme.adult('Robin', born(30), 'parent', true);
  placeholme.household('3 Madeup Court, Testbury', born(4));
  placeholme.event('loss-of-work', monthsAgo(5));
  placeholme.event('benefit-sanction', monthsAgo(4));
  placeholme.event('debt', monthsAgo(3), { significance: 'high' });
  placeholme.event('eviction-notice', monthsAgo(2), { significance: 'high' });
  placeholme.event('food-bank-referral', monthsAgo(1));

  // Samplefield: three police notifications of domestic abuse in a year. Freya is on a child protection plan for
  // emotional abuse and is seen on her own every fortnight; her brothers are not on plans. Raises repeated-concern on
  // all three and sibling-on-plan on Oliver and Archie; not-seen-alone is not raised, because Freya was seen alone
  // recently.
  const samplefield = new FamilyBuilder(
    random,
    today,
    'Samplefield',
    'The police have been called to the home three times this year. Freya is on a child protection plan for emotional ' +
      'abuse and is seen on her own every fortnight; her brothers Oliver and Archie are not on plans.',
  );
  samplefield.child('Oliver', born(15, 2));
  const freya = samplefield.child('Freya', born(11, 9));
  samplefield.child('Archie', born(7, 5));
  samplefield.adult('Chris', born(41), 'parent', true);
  samplefield.adult('Morgan', born(36), 'partner-of-parent', false, 'Testwood');
  samplefield.household('58 Invented Road, Sampleford', born(16));
  for (const months of [10, 7, 4]) samplefield.event('police-domestic-abuse-notification', monthsAgo(months, 6));
  samplefield.episode({
    childIds: samplefield.childIds.filter((id) => id !== freya),
    referralOn: monthsAgo(4),
    source: '6',
    primaryNeed: 'N5',
    assessment: { startedOn: monthsAgo(4, -1), authorisedOn: monthsAgo(3), factors: ['3B'] },
  });
  samplefield.episode({
    childIds: [freya],
    referralOn: monthsAgo(4),
    source: '6',
    primaryNeed: 'N1',
    assessment: { startedOn: monthsAgo(4, -1), authorisedOn: monthsAgo(3), factors: ['3B', '17A'] },
    section47On: monthsAgo(4, -3),
    conferenceOn: monthsAgo(3),
    plan: { type: 'child-protection', startedOn: monthsAgo(3), categoryOfAbuse: 'EMO' },
  });
  for (const days of [79, 65, 51, 37, 23, 9]) {
    samplefield.event('home-visit-seen-alone', daysAgo(days), { childIds: [freya] });
    samplefield.event('home-visit-seen', daysAgo(days), { childIds: samplefield.childIds.filter((id) => id !== freya) });
  }

  return [fictonby.family, madeupton.family, placeholme.family, samplefield.family];
}
