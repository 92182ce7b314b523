/**
 * The blocks the child protection conference flow shares between outcomes: who is there, how to prepare, the
 * family's worries, and what a conference decides in each country.
 */
import type { Block, Condition } from '../engine/flow-types.js';
import { IN_ENGLAND, IN_WALES } from './shared.js';

const worry = (value: string): Condition => ({ question: 'worries', includes: value });

export const whoIsThere: Block = {
  heading: 'Who will be there',
  bullets: [
    'An independent chair, who runs the meeting. They are not part of the team working with your family.',
    'Your social worker, and often their manager.',
    'Other professionals who know your child, such as the health visitor or school nurse, the school or nursery, the GP, and sometimes the police.',
    'You and other people with parental responsibility, and any supporter you bring.',
    'Sometimes your child, if they are old enough and want to come. Their views should be heard even if they do not come.',
  ],
};

export const howToPrepare: Block = {
  heading: 'How to prepare',
  bullets: [
    'Read the social worker’s report carefully. Mark anything that is wrong, and anything you agree with.',
    'Write down your views: what is going well, what you have already changed, what help you need, and what you disagree with. You can ask for this to be shared with everyone at the meeting.',
    'Ask the chair if you can meet them before the conference, often for a few minutes just before it starts.',
    'Ask someone to come with you: a friend, relative or advocate. They can support you, take notes, and help you remember what you wanted to say.',
    'Get legal advice. Some parents bring a solicitor. Check with the chair first about what a solicitor can do at the meeting.',
    'Legal aid can pay for a solicitor’s advice and help with a conference (it is called Legal Help), but it is means-tested: it depends on your income and savings. A legal aid solicitor can check whether you qualify. Once a letter before proceedings is sent, or the council goes to court, parents get legal aid whatever their income.',
  ],
};

export const timingBlocks: Block[] = [
  {
    when: { question: 'timing', equals: 'within-week' },
    heading: 'If the conference is in the next few days',
    style: 'warning',
    paragraphs: [
      'Start today. Call a solicitor or an advice service now, ask the social worker for the report if you have not got it, and write down the three or four things you most want the conference to hear.',
    ],
  },
  {
    when: { question: 'timing', equals: 'not-set' },
    paragraphs: [
      'Ask the social worker for the date, time and place in writing, and whether you can join in person or online. If the date is hard for you, say so straight away: the conference should be arranged so that you can take part.',
    ],
  },
  {
    when: { question: 'report', equals: 'no' },
    heading: 'You have not had the report',
    paragraphs: [
      'You should be given the social worker’s report before the conference, with enough time to read it and talk it through with the social worker. Ask for it now, in writing. If you get it very late, you can ask the chair for more time to read it before the meeting starts.',
    ],
  },
];

export const worryBlocks: Block[] = [
  {
    when: worry('disagree'),
    heading: 'If you disagree with the report',
    paragraphs: [
      'Write down what you think is wrong and why, with any evidence you have (for example a letter from a doctor or school). Give it to the social worker and the chair before the meeting, and ask for your views to be recorded in the minutes.',
    ],
  },
  {
    when: worry('speaking'),
    heading: 'If speaking in the meeting worries you',
    paragraphs: [
      'Most parents find it hard. You can read from notes, ask your supporter to read your written views, or ask the chair for a break. It is fine to say you are upset. Try to keep to the things that matter most for your child.',
    ],
  },
  {
    when: worry('language'),
    heading: 'An interpreter or help with reading',
    paragraphs: [
      'Ask the social worker to book a professional interpreter, and to go through the report with you in your language before the meeting. Your child or family should not interpret for you. If reading is hard for you, ask for the report to be read with you, or for an easy-read version.',
    ],
  },
  {
    when: worry('other-person'),
    heading: 'If you do not want to be in the room with someone',
    paragraphs: [
      'If you are afraid of someone who will be at the conference, for example because of domestic abuse, tell the social worker and the chair before the day. They can arrange for you to take part separately, or at a different time in the meeting.',
    ],
  },
];

export const decisionsExplained: Block = {
  heading: 'What the conference decides',
  paragraphs: [
    'The conference decides whether your child is likely to suffer significant harm and needs a child protection plan. If they do, it says which category of harm the plan is about.',
    'If your child does not need a plan, the conference may recommend other help, or it may end the council’s involvement.',
  ],
};

/** The categories differ: Wales adds financial abuse (Social Services and Well-being (Wales) Act 2014, section 197). */
export const categoriesByCountry: Block[] = [
  {
    when: IN_ENGLAND,
    paragraphs: [
      'In England the categories are neglect, physical abuse, emotional abuse and sexual abuse. Help without a plan might be support as a "child in need".',
    ],
  },
  {
    when: IN_WALES,
    paragraphs: [
      'In Wales the categories are neglect, physical abuse, emotional or psychological abuse, sexual abuse and financial abuse. Help without a plan might be a care and support plan.',
    ],
  },
];

export const walesConference: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'Conferences in Wales follow the Wales Safeguarding Procedures. If your child needs protection, their name is added to the child protection register, under one or more categories: neglect, physical abuse, emotional or psychological abuse, sexual abuse or financial abuse. The plan is called a care and support protection plan. The steps and timescales can differ from England, so ask the chair or social worker what applies to you.',
  ],
};
