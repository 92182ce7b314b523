import { type EventKind } from '../chronology/event-kinds.js';

/** What a worker might write for each kind of event: short, plain, and about no one real. */
export const SUMMARIES: Record<EventKind, readonly string[]> = {
  referral: [
    'Referral received with worries about the care the children are getting at home.',
    'Referral: the children were seen late at night without an adult nearby.',
    'Referral raising concerns about home conditions and the children going hungry.',
  ],
  'police-domestic-abuse-notification': [
    'Police called to an argument between the adults; the children were in the house.',
    'Police notification of a domestic incident overnight; no arrests.',
  ],
  'missed-health-appointment': [
    'Child not brought to a health review.',
    'Missed dental appointment; second reminder letter sent.',
    'Not brought to a hospital follow-up appointment.',
  ],
  'school-attendance-concern': [
    'School reports attendance below 85% this term.',
    'School reports the child often arrives late and hungry.',
  ],
  'emergency-department-attendance': [
    'Seen at the emergency department after a fall at home.',
    'Emergency department attendance with a burn; explanation consistent.',
  ],
  'home-visit-seen': ['Home visit: children seen with their parent; home warm and tidy.', 'Home visit: children seen in the living room.'],
  'home-visit-seen-alone': ['Home visit: child seen alone in their bedroom and spoke about school.', 'Child seen alone at home.'],
  'home-visit-not-seen': ['Home visit: parent said the child was at a friend’s house.', 'Home visit: child asleep, not seen.'],
  'home-visit-no-access': ['Home visit: no answer at the door; card left.', 'Unannounced visit: no access.'],
  'strategy-discussion': ['Strategy discussion with police and health: section 47 enquiry agreed.'],
  'child-protection-conference': ['Child protection conference held.'],
  'plan-start': ['Plan agreed with the family and the agencies.'],
  'plan-end': ['Plan ended at review: the goals were met.'],
  'case-closed': ['Case closed.'],
  'household-change': ['A new partner has moved into the household.', 'The family moved to a new address.'],
  'eviction-notice': ['Family served with an eviction notice for rent arrears.'],
  'benefit-sanction': ['Universal Credit sanction for a missed appointment.'],
  debt: ['Parent reports council tax and energy debts.'],
  'loss-of-work': ['Parent lost their job when the warehouse closed.'],
  'food-bank-referral': ['Family referred to the food bank.'],
};

/** The agency an event of each kind is usually recorded against, unless the caller says otherwise. */
export function usualAgency(kind: EventKind): string {
  switch (kind) {
    case 'police-domestic-abuse-notification':
      return 'police';
    case 'missed-health-appointment':
    case 'emergency-department-attendance':
      return 'health';
    case 'school-attendance-concern':
      return 'school';
    case 'eviction-notice':
      return 'housing';
    case 'benefit-sanction':
      return 'jobcentre';
    case 'food-bank-referral':
      return 'food bank';
    case 'debt':
    case 'loss-of-work':
      return 'family';
    default:
      return "children's social care";
  }
}
