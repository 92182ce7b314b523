import type { Block, Condition, FlowDefinition } from '../engine/flow-types.js';
import { COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, LINKS, SOURCES, whoCanHelp } from './shared.js';

const worry = (value: string): Condition => ({ question: 'worries', includes: value });
const isReview: Condition = { question: 'conference-type', equals: 'review' };

const whoIsThere: Block = {
  heading: 'Who will be there',
  bullets: [
    'An independent chair, who runs the meeting. They are not part of the team working with your family.',
    'Your social worker, and often their manager.',
    'Other professionals who know your child, such as the health visitor or school nurse, the school or nursery, the GP, and sometimes the police.',
    'You and other people with parental responsibility, and any supporter you bring.',
    'Sometimes your child, if they are old enough and want to come. Their views should be heard even if they do not come.',
  ],
};

const howToPrepare: Block = {
  heading: 'How to prepare',
  bullets: [
    'Read the social worker’s report carefully. Mark anything that is wrong, and anything you agree with.',
    'Write down your views: what is going well, what you have already changed, what help you need, and what you disagree with. You can ask for this to be shared with everyone at the meeting.',
    'Ask the chair if you can meet them before the conference, often for a few minutes just before it starts.',
    'Ask someone to come with you: a friend, relative or advocate. They can support you, take notes, and help you remember what you wanted to say.',
    'Get legal advice. Some parents bring a solicitor. Check with the chair first about what a solicitor can do at the meeting.',
  ],
};

const timingBlocks: Block[] = [
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

const worryBlocks: Block[] = [
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

const decisionsExplained: Block = {
  heading: 'What the conference decides',
  paragraphs: [
    'The conference decides whether your child is likely to suffer significant harm and needs a child protection plan. If they do, it says which category the plan is under: neglect, physical abuse, emotional abuse or sexual abuse.',
    'If your child does not need a plan, the conference may recommend other help, such as support as a child in need, or it may end the council’s involvement.',
  ],
};

const walesConference: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'Conferences in Wales follow the Wales Safeguarding Procedures. If your child needs protection, their name is added to the child protection register and the plan is called a care and support protection plan. The steps and timescales can differ from England, so ask the chair or social worker what applies to you.',
  ],
};

export const childProtectionConferenceFlow: FlowDefinition = {
  slug: 'child-protection-conference',
  title: 'I have been invited to a child protection conference',
  summary:
    'For parents and carers invited to a child protection conference: what it is, how to prepare, what it can decide, and what to do afterwards.',
  intro: [
    'Use this if you have been invited to a child protection conference about your child, or if a conference has just happened.',
    'It explains who will be there, how to prepare and take part, what the conference can decide, what happens next, and how to challenge a decision. It covers England and Wales.',
    'It takes about 5 minutes. We do not ask for your name or anything else that could identify you, and we do not keep your answers.',
  ],
  firstQuestion: 'country',
  questions: {
    country: { ...COUNTRY_QUESTION, next: [{ goTo: { question: 'conference-type' } }] },
    'conference-type': {
      kind: 'single',
      text: 'Which conference is it?',
      hint: 'The invitation letter usually says.',
      options: [
        { value: 'initial', label: 'The first one (an initial child protection conference)' },
        { value: 'review', label: 'A review conference: my child already has a child protection plan' },
        { value: 'not-sure', label: 'I am not sure' },
      ],
      next: [{ goTo: { question: 'timing' } }],
    },
    timing: {
      kind: 'single',
      text: 'When is the conference?',
      options: [
        { value: 'within-week', label: 'In the next 7 days' },
        { value: 'later', label: 'More than a week away' },
        { value: 'not-set', label: 'I do not know the date yet' },
        { value: 'happened', label: 'It has already happened' },
      ],
      next: [{ when: { question: 'timing', equals: 'happened' }, goTo: { question: 'decision' } }, { goTo: { question: 'report' } }],
    },
    report: {
      kind: 'yes-no',
      text: 'Have you been given the social worker’s report for the conference?',
      next: [{ goTo: { question: 'worries' } }],
    },
    worries: {
      kind: 'multiple',
      text: 'Is anything worrying you about the conference?',
      hint: 'Select all that apply.',
      options: [
        { value: 'disagree', label: 'I disagree with what the report says' },
        { value: 'speaking', label: 'Speaking in front of everyone' },
        { value: 'language', label: 'I need an interpreter, or help with reading' },
        { value: 'other-person', label: 'I do not feel safe being in the room with someone who will be there' },
        { value: 'none', label: 'None of these' },
      ],
      next: [{ when: isReview, goTo: { outcome: 'prepare-review' } }, { goTo: { outcome: 'prepare-initial' } }],
    },
    decision: {
      kind: 'single',
      text: 'What did the conference decide?',
      options: [
        { value: 'plan', label: 'My child has a child protection plan, or still has one' },
        { value: 'no-plan', label: 'My child does not need a child protection plan, or the plan has ended' },
        { value: 'not-sure', label: 'I am not sure' },
      ],
      next: [
        { when: { question: 'decision', equals: 'plan' }, goTo: { question: 'disagree' } },
        { when: { question: 'decision', equals: 'no-plan' }, goTo: { outcome: 'no-plan' } },
        { goTo: { outcome: 'decision-unclear' } },
      ],
    },
    disagree: {
      kind: 'yes-no',
      text: 'Do you want to challenge the decision, or how the conference was run?',
      next: [
        { when: { question: 'disagree', equals: 'yes' }, goTo: { outcome: 'challenge-conference' } },
        { goTo: { outcome: 'child-has-plan' } },
      ],
    },
  },
  outcomes: {
    'prepare-initial': {
      title: 'Preparing for a child protection conference',
      summary:
        'The conference decides whether your child needs a child protection plan; going, preparing and saying what you think really matters.',
      blocks: [
        {
          paragraphs: [
            'A child protection conference is held after child protection enquiries, when the council is worried that a child may be at risk of significant harm. It brings together you and the professionals who know your child to share what they know and decide what should happen.',
          ],
        },
        {
          when: { question: 'conference-type', equals: 'not-sure' },
          style: 'inset',
          paragraphs: [
            'If your child already has a child protection plan, this is probably a review conference. It works in the same way, but looks at how the plan has gone.',
          ],
        },
        ...timingBlocks,
        whoIsThere,
        howToPrepare,
        ...worryBlocks,
        {
          heading: 'On the day',
          bullets: [
            'Arrive early, or join the call early, and bring your notes and the report.',
            'The chair will explain how the meeting works. Each professional shares what they know, and you will be asked for your views.',
            'Ask questions if you do not understand something. You can ask for a short break.',
            'In rare cases the chair may ask you to leave part of the meeting, for example to protect someone’s safety or private information. They should tell you why, and tell you what was discussed as far as they can.',
          ],
        },
        decisionsExplained,
        {
          when: IN_ENGLAND,
          heading: 'Timescales in England',
          paragraphs: [
            'Under Working Together to Safeguard Children 2023, the first conference should be held within 15 working days of the strategy discussion that started the enquiries.',
          ],
        },
        walesConference,
        whoCanHelp({ links: [LINKS.challengeFlow] }),
      ],
      sources: [SOURCES.workingTogether, SOURCES.childrenActSection('47', 'child protection enquiries'), SOURCES.walesProcedures],
    },
    'prepare-review': {
      title: 'Preparing for a review child protection conference',
      summary:
        'A review conference looks at whether the plan has made your child safer and decides whether it should continue, change or end.',
      blocks: [
        {
          paragraphs: [
            'A review conference checks how the child protection plan is going. It looks at what has changed, what the professionals and you have done, and whether your child is still at risk of significant harm.',
            'It can decide to keep the plan, change it, or end it. A plan usually ends when your child is no longer likely to suffer significant harm.',
          ],
        },
        ...timingBlocks,
        {
          heading: 'How to prepare for a review',
          bullets: [
            'Go through the plan, action by action. Note what you have done, with dates and evidence, such as letters from courses, doctors or school.',
            'Note anything the professionals said they would do but have not done, and any help you asked for but did not get.',
            'Talk to the social worker before the conference about whether they think the plan should end, and why.',
            'Write down your views, and what you think should happen next.',
          ],
        },
        howToPrepare,
        ...worryBlocks,
        {
          when: IN_ENGLAND,
          heading: 'Timescales in England',
          paragraphs: [
            'Under Working Together to Safeguard Children 2023, the first review conference is held within 3 months of the initial conference, and then at least every 6 months while the plan lasts.',
          ],
        },
        walesConference,
        whoCanHelp({ links: [LINKS.challengeFlow] }),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
    },
    'child-has-plan': {
      title: 'Your child has a child protection plan: what happens now',
      summary: 'The plan sets out what everyone, including you, will do to keep your child safe, and it is reviewed regularly.',
      blocks: [
        {
          paragraphs: [
            'A child protection plan lists what needs to change, who will do what, and by when. It applies to professionals as well as to you. You should be given a copy, and the minutes of the conference.',
            'Having a plan does not mean your child will be taken into care. Most children with a plan stay at home.',
          ],
        },
        {
          heading: 'The core group',
          paragraphs: [
            'A small group, called the core group, meets regularly to put the plan into practice. It includes you, the social worker and the professionals who work most closely with your child. In England, the first core group meeting should be within 10 working days of the conference.',
            'Go to every core group meeting. Say what is working, what is not, and what help you need. If an action in the plan is not realistic, say so early.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'Reviews in England',
          paragraphs: [
            'The first review conference should be within 3 months of the initial conference, then at least every 6 months while the plan lasts. The plan ends when your child is no longer likely to suffer significant harm.',
          ],
        },
        {
          when: isReview,
          paragraphs: [
            'If this was a review conference and the plan continues, ask the chair what needs to happen for the plan to end at the next review.',
          ],
        },
        walesConference,
        whoCanHelp(),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
    },
    'no-plan': {
      title: 'Your child does not have a child protection plan',
      summary: 'The conference decided your child does not need a child protection plan, but you may still be offered support.',
      blocks: [
        {
          paragraphs: [
            'This means the conference decided your child is not likely to suffer significant harm now, or that the plan has done its job.',
            'You may still be offered help. This might be support as a child in need (a child in need plan), or early help from other services. In most cases this help is voluntary, and you can say what would be useful.',
          ],
        },
        {
          heading: 'What to do now',
          bullets: [
            'Ask for the minutes of the conference, and check they record your views correctly.',
            'Ask what support is on offer, who will provide it, and for how long.',
            'Keep the contact details of the social worker in case you need help later.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, if your child needs ongoing support from the council, it can be set out in a care and support plan under the Social Services and Well-being (Wales) Act 2014.',
          ],
        },
        whoCanHelp(),
      ],
      sources: [SOURCES.workingTogether, SOURCES.childrenActSection('17', 'children in need'), SOURCES.walesAct],
    },
    'decision-unclear': {
      title: 'You are not sure what the conference decided',
      summary: 'You have a right to know what was decided and why, so ask for it in writing.',
      blocks: [
        {
          paragraphs: [
            'Conferences can be fast and stressful, and it is common to leave unsure what was decided. You are entitled to know.',
          ],
        },
        {
          heading: 'What to do',
          bullets: [
            'Ask the social worker, or the conference chair’s office, for the decision in writing and for a copy of the minutes.',
            'Ask whether your child has a child protection plan, and if so, under which category: neglect, physical abuse, emotional abuse or sexual abuse.',
            'Ask for the date of the next meeting, whether that is a core group or a review conference.',
          ],
        },
        decisionsExplained,
        walesConference,
        whoCanHelp(),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
    },
    'challenge-conference': {
      title: 'Challenging a child protection conference',
      summary:
        'Conference decisions are challenged through the local safeguarding procedures, not the usual complaints procedure, so start by writing to the chair.',
      blocks: [
        {
          paragraphs: [
            'You may disagree with the decision to make a plan, with the category of the plan, or with how the conference was run, for example if you were not given the report or were not allowed to speak.',
          ],
        },
        {
          heading: 'How to challenge',
          bullets: [
            'Write to the conference chair soon after the meeting. Say what you disagree with and why. Ask them to explain the decision, and to correct any mistakes in the minutes.',
            'If you are still unhappy, ask for the complaints procedure for child protection conferences. Each area has one, set by the local safeguarding partners (the council, the police and health services). It is separate from the council’s usual complaints procedure.',
            'Keep going with the plan while you challenge it. Not taking part could be held against you later.',
            'Get legal advice, especially if the council is also talking about court.',
          ],
        },
        {
          heading: 'Keep records',
          paragraphs: [
            'Keep copies of letters and emails, and write down dates, names and what was said. This will help if you need to take things further.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, Working Together to Safeguard Children 2023 expects the local safeguarding partners to have clear procedures for conferences. Ask the council for your area’s procedure.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, challenges to conference decisions follow the Wales Safeguarding Procedures. Ask the chair or the council how to raise your concern. If you are unhappy with how the council itself treated you, you can also use the social services complaints procedure, and then go to the Public Services Ombudsman for Wales.',
          ],
        },
        whoCanHelp({ links: [LINKS.challengeFlow] }),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
    },
  },
};
