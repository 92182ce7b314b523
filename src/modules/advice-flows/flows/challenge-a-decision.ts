import type { Block, Condition, FlowDefinition, Source } from '../engine/flow-types.js';
import { CHECKED, COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, SOURCES, inEngland, inWales, whoCanHelp } from './shared.js';
import { keepRecords, otherRoutes } from './challenge-a-decision-other-routes.js';

const englandComplaintsRegs: Source = inEngland({
  title: 'Children Act 1989 Representations Procedure (England) Regulations 2006',
  url: 'https://www.legislation.gov.uk/uksi/2006/1738/contents',
});
const walesComplaintsRegs: Source = inWales({
  title: 'Social Services Complaints Procedure (Wales) Regulations 2014',
  url: 'https://www.legislation.gov.uk/wsi/2014/1794/contents',
});
const walesRepresentationsRegs: Source = inWales({
  title: 'Representations Procedure (Wales) Regulations 2014',
  url: 'https://www.legislation.gov.uk/wsi/2014/1795/contents',
});
const judicialReviewRule: Source = {
  title: 'Civil Procedure Rules, rule 54.5 (time limit for judicial review)',
  url: 'https://www.justice.gov.uk/courts/procedure-rules/civil/rules/part54',
};
const lgsco = { text: 'Local Government and Social Care Ombudsman', url: 'https://www.lgo.org.uk' };
const psow = { text: 'Public Services Ombudsman for Wales', url: 'https://www.ombudsman.wales' };

const withinAYear: Condition = { question: 'when-happened', withinDays: 365 };
const withinThreeMonths: Condition = { question: 'when-happened', withinDays: 90 };
const childInCare: Condition = { question: 'what-about', equals: 'child-in-care' };
const urgent: Condition = { question: 'urgent', equals: 'yes' };

const timeLimitBlocks: Block[] = [
  {
    when: { not: withinAYear },
    heading: 'If it happened more than a year ago',
    paragraphs: [
      'In England and Wales, complaints should normally be made within 12 months. The council can still look at an older complaint if there was a good reason you could not complain sooner, and it is still possible to look into it fairly. Explain why you are complaining now.',
    ],
  },
];

/**
 * Judicial review runs from the decision itself (CPR 54.5: promptly, and in any event within 3 months), not from when
 * the family found out, and a complaint does not pause it. The date asked may be either, so the advice says which.
 */
const urgentBlocks: Block[] = [
  {
    when: urgent,
    heading: 'If something is about to happen',
    style: 'warning',
    paragraphs: [
      'A complaint takes weeks, and it does not stop a decision being carried out. If a decision is about to seriously affect your child, for example a move or stopping contact, get legal advice today.',
      'If a decision by the council may be unlawful, a solicitor can advise on judicial review: a court case about whether a public body acted lawfully. In England and Wales a claim must be started promptly, and in any event within 3 months of the decision itself, not of the day you found out about it. A complaint does not stop that time running, so do not wait for it to finish.',
    ],
  },
  {
    when: { all: [urgent, { not: withinThreeMonths }] },
    paragraphs: [
      'The date you gave is more than 3 months ago. If the decision was made then, the time for judicial review in England and Wales may have passed, but a solicitor can tell you whether there is another way to act quickly.',
    ],
  },
];

const iroBlock: Block = {
  when: childInCare,
  heading: 'Your child’s independent reviewing officer',
  paragraphs: [
    'Every child in care has an independent reviewing officer (IRO). They chair your child’s reviews and check that the care plan is right for your child. They are not part of your child’s social work team.',
    'You can contact the IRO at any time to raise your concern, as well as or before making a complaint. Ask the social worker for their name and contact details. The IRO can take things further if the council does not put things right.',
    'Once a court has made a final care order, the court no longer oversees your child’s care plan: the council carries it out, and the IRO reviews it at your child’s regular reviews. That makes the IRO the person to go to when the plan is not being followed.',
  ],
};

const childAdvocacy: Block = {
  when: childInCare,
  paragraphs: ['Your child can make their own complaint, and has a right to help from an independent advocate to do so.'],
};

const englandStages: Block = {
  when: IN_ENGLAND,
  heading: 'The three stages in England',
  bullets: [
    'Stage 1, local resolution: the team tries to sort things out. They should reply within 10 working days, or up to 20 if it is complicated.',
    'Stage 2, investigation: someone from outside the team investigates, with an independent person to check it is fair. It should finish within 25 working days, or at most 65.',
    'Stage 3, review panel: an independent panel looks at how your complaint was dealt with. It should meet within 30 working days of your request.',
    'After that, you can go to the Local Government and Social Care Ombudsman.',
  ],
};

const walesStages: Block = {
  when: IN_WALES,
  heading: 'The two stages in Wales',
  style: 'inset',
  bullets: [
    'Stage 1, local resolution: the council must offer to talk your complaint through with you, within 10 working days of acknowledging it, to try to put things right.',
    'Stage 2, formal investigation: if you are still unhappy, you can ask for an independent investigator to look into your complaint. The council should send you its full reply within 25 working days of your request.',
    'After that, you can go to the Public Services Ombudsman for Wales.',
  ],
};

const complaintSources: Source[] = [
  inEngland(SOURCES.childrenActSection('26', 'reviews and complaints')),
  englandComplaintsRegs,
  walesComplaintsRegs,
  walesRepresentationsRegs,
  judicialReviewRule,
];

export const challengeADecisionFlow: FlowDefinition = {
  slug: 'challenge-a-decision',
  title: 'I want to challenge a decision or complain about children’s services',
  summary:
    'For families who disagree with a decision, or are unhappy with how children’s services treated them: the right route, the steps and the time limits.',
  intro: [
    'Use this if you disagree with something children’s services decided, are unhappy with how you were treated, or want to see or correct what they have written about you.',
    'There are different routes for different decisions: the complaints procedure, child protection conference procedures, the courts, and the ombudsman. This guide helps you find the right one, and explains the steps and time limits. It covers England and Wales.',
    'It takes about 5 minutes. We do not ask for your name or anything else that could identify you, and we do not keep your answers.',
  ],
  checked: CHECKED,
  firstQuestion: 'country',
  questions: {
    country: { ...COUNTRY_QUESTION, next: [{ goTo: { question: 'what-about' } }] },
    'what-about': {
      kind: 'single',
      text: 'What do you want to challenge?',
      options: [
        {
          value: 'service',
          label: 'How children’s services treated me, or a decision they made about my family',
          hint: 'For example about an assessment, support, or how a social worker behaved.',
        },
        {
          value: 'child-in-care',
          label: 'A decision about my child who is in care',
          hint: 'For example where they live, seeing them, or their care plan.',
        },
        { value: 'conference', label: 'A child protection conference decision, such as a child protection plan' },
        { value: 'court', label: 'A decision made by a family court' },
        { value: 'records', label: 'What children’s services have written about me, or I want to see my records' },
      ],
      next: [
        { when: { question: 'what-about', equals: 'conference' }, goTo: { outcome: 'conference-decision' } },
        { when: { question: 'what-about', equals: 'court' }, goTo: { outcome: 'court-decision' } },
        { when: { question: 'what-about', equals: 'records' }, goTo: { question: 'records-what' } },
        { goTo: { question: 'when-happened' } },
      ],
    },
    'records-what': {
      kind: 'single',
      text: 'What do you want to do about your records?',
      options: [
        { value: 'see', label: 'See what they have written about me or my child' },
        { value: 'correct', label: 'Correct something I think is wrong' },
      ],
      next: [{ goTo: { outcome: 'records' } }],
    },
    'when-happened': {
      kind: 'date',
      text: 'When did it happen, or when did you find out about it?',
      hint: 'If you are not sure of the exact day, give your best guess. We use it only to check time limits.',
      next: [{ goTo: { question: 'urgent' } }],
    },
    urgent: {
      kind: 'yes-no',
      text: 'Is a decision about to be carried out that could seriously affect your child?',
      hint: 'For example a move to a new home, or contact with you being stopped or cut.',
      next: [{ goTo: { question: 'already-complained' } }],
    },
    'already-complained': {
      kind: 'single',
      text: 'Have you already complained?',
      options: [
        { value: 'no', label: 'No, not yet' },
        { value: 'stage-1', label: 'Yes: I had a reply from the team (stage 1) and I am still unhappy' },
        { value: 'stage-2', label: 'Yes: I had an investigation report (stage 2) and I am still unhappy' },
        { value: 'stage-3', label: 'Yes: a review panel (stage 3, England only) has looked at it and I am still unhappy' },
      ],
      next: [
        { when: { question: 'already-complained', equals: 'no' }, goTo: { outcome: 'start-complaint' } },
        { when: { question: 'already-complained', equals: 'stage-1' }, goTo: { outcome: 'ask-for-investigation' } },
        {
          when: { all: [{ question: 'already-complained', equals: 'stage-2' }, IN_ENGLAND] },
          goTo: { outcome: 'ask-for-review-panel' },
        },
        { goTo: { outcome: 'ombudsman' } },
      ],
    },
  },
  outcomes: {
    'start-complaint': {
      title: 'How to make a complaint to children’s services',
      summary:
        'Children’s services must have a complaints procedure with set stages and time limits, and you can start it with a simple letter or email.',
      blocks: [
        {
          paragraphs: [
            'Parents, people with parental responsibility, children in care or in need, foster carers and special guardians can all use the children’s social care complaints procedure. You can complain about a decision, about something that was not done, or about how you were treated.',
          ],
        },
        {
          heading: 'How to complain',
          bullets: [
            'Write to the council’s children’s complaints team. Their details are on the council’s website, or ask the social worker.',
            'Say what happened, when, and who was involved. Say why you are unhappy, and what you want to happen to put it right.',
            'Keep to the facts, and keep a copy.',
            'You can ask for help to write it, from a friend, an advocate or an advice service.',
          ],
        },
        englandStages,
        walesStages,
        ...timeLimitBlocks,
        ...urgentBlocks,
        iroBlock,
        childAdvocacy,
        keepRecords,
        whoCanHelp(),
      ],
      sources: complaintSources,
    },
    'ask-for-investigation': {
      title: 'Ask for a formal investigation (stage 2)',
      summary: 'If the first reply did not put things right, you can ask for your complaint to be formally investigated.',
      blocks: [
        {
          paragraphs: [
            'Write to the complaints team. Say that you are not satisfied with the stage 1 reply, why, and that you want your complaint to go to stage 2. List the points you still want looked at.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'In England',
          paragraphs: [
            'In England, you should usually ask within 20 working days of the stage 1 reply. An investigator from outside the team looks into your complaint, with an independent person to make sure it is fair. It should take no more than 25 working days, and never more than 65. You will get a report and a letter saying what the council will do.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, an independent investigator looks into your complaint. You should get a full written reply within 25 working days of asking for the investigation. If it will take longer, the council must tell you why. If you are still unhappy after stage 2, you can go to the Public Services Ombudsman for Wales.',
          ],
        },
        ...timeLimitBlocks,
        ...urgentBlocks,
        iroBlock,
        childAdvocacy,
        keepRecords,
        whoCanHelp(),
      ],
      sources: complaintSources,
    },
    'ask-for-review-panel': {
      title: 'Ask for a review panel (stage 3)',
      summary: 'In England, if the investigation did not put things right, you can ask for an independent review panel.',
      blocks: [
        {
          paragraphs: [
            'Write to the complaints team and ask for your complaint to go to a stage 3 review panel. In England, you should usually ask within 20 working days of the stage 2 reply. Say which findings you disagree with and why.',
            'The panel has three independent people. In England it should meet within 30 working days of your request. You can go to the meeting, bring someone with you, and explain your complaint. The panel looks at how your complaint was handled and whether the outcome was fair, and makes recommendations to the council.',
          ],
        },
        {
          heading: 'After the panel',
          paragraphs: [
            'The council must tell you what it will do about the panel’s recommendations. If you are still unhappy, you can go to the Local Government and Social Care Ombudsman.',
          ],
          links: [lgsco],
        },
        ...timeLimitBlocks,
        ...urgentBlocks,
        iroBlock,
        childAdvocacy,
        keepRecords,
        whoCanHelp(),
      ],
      sources: [inEngland(SOURCES.childrenActSection('26', 'reviews and complaints')), englandComplaintsRegs, judicialReviewRule],
    },
    ombudsman: {
      title: 'Take your complaint to the ombudsman',
      summary:
        'When you have been through the council’s complaints procedure, an independent ombudsman can look at your complaint for free.',
      blocks: [
        {
          paragraphs: [
            'An ombudsman is independent of the council. It looks at whether the council did something wrong (for example, did not follow the rules, took too long, or did not consider important information) and whether that caused you or your child injustice. It is free.',
            'An ombudsman cannot change a court’s decision. It usually will not replace a professional judgment with its own, if that judgment was made properly.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'In England: the Local Government and Social Care Ombudsman',
          paragraphs: [
            'Usually, you must finish the council’s complaints procedure first, but the Ombudsman may step in earlier if the council is taking far too long. You should normally go to the Ombudsman within 12 months of finding out about the problem.',
          ],
          links: [lgsco],
        },
        {
          when: IN_WALES,
          heading: 'In Wales: the Public Services Ombudsman for Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, you can go to the Public Services Ombudsman for Wales after stage 2 of the council’s procedure. You should normally complain within 12 months of finding out about the problem.',
          ],
          links: [psow],
        },
        {
          heading: 'What to send',
          bullets: [
            'A short summary of what happened and what you want.',
            'Copies of your complaint and the council’s replies at each stage.',
            'Any other letters or notes that back up what you say.',
          ],
        },
        ...timeLimitBlocks,
        ...urgentBlocks,
        iroBlock,
        keepRecords,
        whoCanHelp(),
      ],
      sources: [
        inEngland({ title: 'Local Government Act 1974, Part 3', url: 'https://www.legislation.gov.uk/ukpga/1974/7/part/III' }),
        inWales({ title: 'Public Services Ombudsman (Wales) Act 2019', url: 'https://www.legislation.gov.uk/anaw/2019/3/contents' }),
        englandComplaintsRegs,
        walesComplaintsRegs,
        judicialReviewRule,
      ],
    },
    ...otherRoutes,
  },
};
