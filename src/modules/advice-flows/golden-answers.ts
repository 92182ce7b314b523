import type { Answers } from './engine/flow-types.js';

/**
 * Golden answers: for each case a family might be in, the outcome each built-in flow must reach and the words it
 * must show or leave out. `flows.unit.test.ts` walks them; an advice change that moves any of them fails there.
 */
export interface Golden {
  flow: string;
  name: string;
  answers: Answers;
  outcome: string;
  /** Text that some visible block must contain. */
  shows?: string[];
  /** Text that no visible block may contain. */
  hides?: string[];
}

export const GOLDEN: Golden[] = [
  // Children's services have contacted me
  {
    flow: 'children-services-contact',
    name: 'first contact in England, nothing asked yet',
    answers: { country: 'england', 'what-happened': 'referral', 'asked-to-agree': ['none'], 'help-needed': ['none'] },
    outcome: 'first-contact',
    shows: ['within 45 working days of the referral', 'Your rights while this is happening'],
    hides: ['In Wales', 'Signing a written agreement', 'An interpreter'],
  },
  {
    flow: 'children-services-contact',
    name: 'not sure of the stage, in Wales, asked to sign a safety plan, needs an interpreter',
    answers: {
      country: 'wales',
      'what-happened': 'not-sure',
      'asked-to-agree': ['written-agreement', 'see-child'],
      'help-needed': ['interpreter'],
    },
    outcome: 'first-contact',
    shows: ['In Wales', 'Signing a written agreement or safety plan', 'Seeing and talking to your child', 'An interpreter'],
    hides: ['How long it takes in England', 'A medical examination'],
  },
  {
    flow: 'children-services-contact',
    name: 'early help',
    answers: { country: 'england', 'what-happened': 'early-help', 'asked-to-agree': ['none'], 'help-needed': ['supporter'] },
    outcome: 'early-help',
    shows: ['Someone to support you'],
  },
  {
    flow: 'children-services-contact',
    name: 'assessment in Wales',
    answers: { country: 'wales', 'what-happened': 'assessment', 'asked-to-agree': ['medical'], 'help-needed': ['understanding'] },
    outcome: 'assessment',
    shows: ['care and support', 'A medical examination', 'Help to understand and take part'],
    hides: ['45 working days'],
  },
  {
    flow: 'children-services-contact',
    name: 'section 47 enquiries in England',
    answers: { country: 'england', 'what-happened': 'enquiries', 'asked-to-agree': ['contact-others'], 'help-needed': ['none'] },
    outcome: 'child-protection-enquiries',
    shows: ['within 15 working days of the strategy discussion', "Talking to your child's school"],
    hides: ['Wales Safeguarding Procedures'],
  },
  {
    flow: 'children-services-contact',
    name: 'invited to a conference',
    answers: { country: 'england', 'what-happened': 'conference' },
    outcome: 'conference-invited',
  },
  {
    flow: 'children-services-contact',
    name: 'police protection',
    answers: { country: 'england', 'what-happened': 'urgent', 'urgent-what': 'police' },
    outcome: 'emergency-or-court',
    shows: ['72 hours'],
    hides: ['emergency protection order lets'],
  },
  {
    flow: 'children-services-contact',
    name: 'court papers in Wales',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'court' },
    outcome: 'emergency-or-court',
    shows: ['up to 8 days', 'Cafcass Cymru'],
    hides: ['Police protection'],
  },
  {
    flow: 'children-services-contact',
    name: 'letter before proceedings',
    answers: { country: 'england', 'what-happened': 'urgent', 'urgent-what': 'letter-before-proceedings' },
    outcome: 'letter-before-proceedings',
  },
  {
    flow: 'children-services-contact',
    name: 'asked to agree to the child staying elsewhere, England',
    answers: { country: 'england', 'what-happened': 'urgent', 'urgent-what': 'stay-elsewhere' },
    outcome: 'child-staying-elsewhere',
    shows: ['section 20'],
    hides: ['section 76'],
  },
  {
    flow: 'children-services-contact',
    name: 'asked to agree to the child staying elsewhere, Wales',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'stay-elsewhere' },
    outcome: 'child-staying-elsewhere',
    shows: ['section 76'],
    hides: ['(section 20)'],
  },

  // Child protection conference
  {
    flow: 'child-protection-conference',
    name: 'initial conference next week, no report yet',
    answers: {
      country: 'england',
      'conference-type': 'initial',
      timing: 'within-week',
      report: 'no',
      worries: ['disagree', 'other-person'],
    },
    outcome: 'prepare-initial',
    shows: [
      'If the conference is in the next few days',
      'You have not had the report',
      'If you disagree with the report',
      'do not want to be in the room',
    ],
    hides: ['In Wales', 'probably a review conference', 'An interpreter or help with reading'],
  },
  {
    flow: 'child-protection-conference',
    name: 'not sure which conference, in Wales, report received',
    answers: { country: 'wales', 'conference-type': 'not-sure', timing: 'later', report: 'yes', worries: ['language'] },
    outcome: 'prepare-initial',
    shows: ['probably a review conference', 'child protection register', 'An interpreter or help with reading'],
    hides: ['You have not had the report', 'Timescales in England'],
  },
  {
    flow: 'child-protection-conference',
    name: 'review conference, date not set',
    answers: { country: 'england', 'conference-type': 'review', timing: 'not-set', report: 'yes', worries: ['none'] },
    outcome: 'prepare-review',
    shows: ['within 3 months of the initial conference', 'Ask the social worker for the date'],
  },
  {
    flow: 'child-protection-conference',
    name: 'plan made and accepted',
    answers: { country: 'england', 'conference-type': 'initial', timing: 'happened', decision: 'plan', disagree: 'no' },
    outcome: 'child-has-plan',
    shows: ['The core group'],
    hides: ['If this was a review conference'],
  },
  {
    flow: 'child-protection-conference',
    name: 'plan continues after a review',
    answers: { country: 'england', 'conference-type': 'review', timing: 'happened', decision: 'plan', disagree: 'no' },
    outcome: 'child-has-plan',
    shows: ['If this was a review conference'],
  },
  {
    flow: 'child-protection-conference',
    name: 'plan made and challenged, Wales',
    answers: { country: 'wales', 'conference-type': 'initial', timing: 'happened', decision: 'plan', disagree: 'yes' },
    outcome: 'challenge-conference',
    shows: ['Public Services Ombudsman for Wales'],
  },
  {
    flow: 'child-protection-conference',
    name: 'no plan',
    answers: { country: 'england', 'conference-type': 'review', timing: 'happened', decision: 'no-plan' },
    outcome: 'no-plan',
  },
  {
    flow: 'child-protection-conference',
    name: 'decision unclear',
    answers: { country: 'england', 'conference-type': 'initial', timing: 'happened', decision: 'not-sure' },
    outcome: 'decision-unclear',
  },

  // Kinship care
  {
    flow: 'kinship-care-support',
    name: 'grandmother, family arrangement',
    answers: { country: 'england', 'how-arranged': 'family', relationship: 'grandparent' },
    outcome: 'family-arrangement',
    hides: ['private fostering', 'In Wales'],
  },
  {
    flow: 'kinship-care-support',
    name: 'family friend, child of 10 for months',
    answers: { country: 'england', 'how-arranged': 'family', relationship: 'friend', 'child-age': '10', 'how-long': '28-or-more' },
    outcome: 'private-fostering',
    shows: ['Tell the council'],
  },
  {
    flow: 'kinship-care-support',
    name: 'cousin, disabled 17-year-old, long term',
    answers: {
      country: 'wales',
      'how-arranged': 'family',
      relationship: 'other-relative',
      'child-age': '17',
      disabled: 'yes',
      'how-long': '28-or-more',
    },
    outcome: 'private-fostering',
    shows: ['In Wales'],
  },
  {
    flow: 'kinship-care-support',
    name: 'friend caring for a 16-year-old who is not disabled: not private fostering',
    answers: { country: 'england', 'how-arranged': 'family', relationship: 'friend', 'child-age': '16', disabled: 'no' },
    outcome: 'family-arrangement',
    shows: ['private fostering'],
  },
  {
    flow: 'kinship-care-support',
    name: 'friend, short stay',
    answers: { country: 'england', 'how-arranged': 'family', relationship: 'friend', 'child-age': '6', 'how-long': 'under-28' },
    outcome: 'family-arrangement',
  },
  {
    flow: 'kinship-care-support',
    name: 'council says it is a family arrangement',
    answers: { country: 'england', 'how-arranged': 'council', 'council-status': 'family-arrangement' },
    outcome: 'council-arranged',
    shows: ['What to ask for, in writing', 'School places'],
  },
  {
    flow: 'kinship-care-support',
    name: 'connected person foster carer in England',
    answers: { country: 'england', 'how-arranged': 'council', 'council-status': 'foster' },
    outcome: 'family-and-friends-foster-carer',
    shows: ['up to 16 weeks'],
    hides: ['Under a care order', 'Wales has its own regulations'],
  },
  {
    flow: 'kinship-care-support',
    name: 'care order, child placed with a relative in Wales',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'care-order' },
    outcome: 'family-and-friends-foster-carer',
    shows: ['Under a care order', 'Wales has its own regulations'],
    hides: ['up to 16 weeks', 'School places'],
  },
  {
    flow: 'kinship-care-support',
    name: 'special guardian',
    answers: { country: 'england', 'how-arranged': 'court', 'order-type': 'sgo' },
    outcome: 'special-guardianship',
    shows: ['Adoption and Special Guardianship Support Fund'],
  },
  {
    flow: 'kinship-care-support',
    name: 'child arrangements order',
    answers: { country: 'england', 'how-arranged': 'court', 'order-type': 'cao' },
    outcome: 'child-arrangements-order',
  },
  {
    flow: 'kinship-care-support',
    name: 'unsure which order',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'other' },
    outcome: 'check-the-order',
  },
  {
    flow: 'kinship-care-support',
    name: 'asked whether they could care for a child',
    answers: { country: 'england', 'how-arranged': 'not-yet' },
    outcome: 'asked-to-care',
  },

  // Challenge a decision
  {
    flow: 'challenge-a-decision',
    name: 'new complaint in England, recent and urgent',
    answers: { country: 'england', 'what-about': 'service', 'when-happened': '2026-05-01', urgent: 'yes', 'already-complained': 'no' },
    outcome: 'start-complaint',
    shows: [
      'The three stages in England',
      'If something is about to happen',
      'promptly, and in any event within 3 months of the decision itself',
    ],
    hides: ['The two stages in Wales', 'more than a year ago', 'may have passed', 'independent reviewing officer'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'new complaint in Wales about a child in care, over a year ago',
    answers: {
      country: 'wales',
      'what-about': 'child-in-care',
      'when-happened': '2025-01-10',
      urgent: 'no',
      'already-complained': 'no',
    },
    outcome: 'start-complaint',
    shows: ['The two stages in Wales', 'more than a year ago', 'independent reviewing officer', 'independent advocate'],
    hides: ['The three stages in England', 'If something is about to happen'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'urgent, but more than 3 months ago',
    answers: { country: 'england', 'what-about': 'service', 'when-happened': '2025-12-01', urgent: 'yes', 'already-complained': 'stage-1' },
    outcome: 'ask-for-investigation',
    shows: ['the time for judicial review in England and Wales may have passed', 'within 3 months of the decision itself'],
    hides: ['more than a year ago'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'after stage 2 in England',
    answers: { country: 'england', 'what-about': 'service', 'when-happened': '2026-01-20', urgent: 'no', 'already-complained': 'stage-2' },
    outcome: 'ask-for-review-panel',
  },
  {
    flow: 'challenge-a-decision',
    name: 'after stage 2 in Wales goes to the ombudsman',
    answers: { country: 'wales', 'what-about': 'service', 'when-happened': '2026-01-20', urgent: 'no', 'already-complained': 'stage-2' },
    outcome: 'ombudsman',
    shows: ['Public Services Ombudsman for Wales'],
    hides: ['Local Government and Social Care Ombudsman'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'after stage 3 in England',
    answers: {
      country: 'england',
      'what-about': 'child-in-care',
      'when-happened': '2026-03-01',
      urgent: 'no',
      'already-complained': 'stage-3',
    },
    outcome: 'ombudsman',
    shows: ['Local Government and Social Care Ombudsman', 'independent reviewing officer'],
    hides: ['Public Services Ombudsman for Wales'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'conference decision',
    answers: { country: 'england', 'what-about': 'conference' },
    outcome: 'conference-decision',
  },
  {
    flow: 'challenge-a-decision',
    name: 'court decision',
    answers: { country: 'wales', 'what-about': 'court' },
    outcome: 'court-decision',
  },
  {
    flow: 'challenge-a-decision',
    name: 'see my records',
    answers: { country: 'england', 'what-about': 'records', 'records-what': 'see' },
    outcome: 'records',
    shows: ['subject access request', 'within one month'],
    hides: ['How to correct your records'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'correct my records',
    answers: { country: 'wales', 'what-about': 'records', 'records-what': 'correct' },
    outcome: 'records',
    shows: ['How to correct your records'],
    hides: ['subject access request'],
  },
];
