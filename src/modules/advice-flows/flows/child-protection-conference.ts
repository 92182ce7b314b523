import type { Condition, FlowDefinition } from '../engine/flow-types.js';
import { CHECKED, COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, LINKS, SOURCES, inEngland, whoCanHelp } from './shared.js';
import {
  categoriesByCountry,
  decisionsExplained,
  howToPrepare,
  timingBlocks,
  walesConference,
  whoIsThere,
  worryBlocks,
} from './child-protection-conference-blocks.js';

const isReview: Condition = { question: 'conference-type', equals: 'review' };

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
  checked: CHECKED,
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
        ...categoriesByCountry,
        {
          when: IN_ENGLAND,
          heading: 'Timescales in England',
          paragraphs: [
            'Under Working Together to Safeguard Children 2023 (England), the first conference should be held within 15 working days of the strategy discussion that started the enquiries.',
          ],
        },
        walesConference,
        whoCanHelp({ links: [LINKS.challengeFlow] }),
      ],
      sources: [
        SOURCES.workingTogether,
        SOURCES.childrenActSection('47', 'child protection enquiries'),
        SOURCES.walesProcedures,
        SOURCES.walesActSection('197', 'the meaning of abuse, including financial abuse'),
        SOURCES.legalAidMeans,
      ],
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
            'Under Working Together to Safeguard Children 2023 (England), the first review conference is held within 3 months of the initial conference, and then at least every 6 months while the plan lasts.',
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
            'In England, the first review conference should be within 3 months of the initial conference, then at least every 6 months while the plan lasts. The plan ends when your child is no longer likely to suffer significant harm.',
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
            'You may still be offered help, or early help from other services. In most cases this help is voluntary, and you can say what would be useful.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, help from the council might be support for your child as a "child in need", with a child in need plan (section 17 of the Children Act 1989).',
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
      sources: [SOURCES.workingTogether, inEngland(SOURCES.childrenActSection('17', 'children in need')), SOURCES.walesAct],
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
            'Ask whether your child has a child protection plan, and if so, under which category.',
            'Ask for the date of the next meeting, whether that is a core group or a review conference.',
          ],
        },
        decisionsExplained,
        ...categoriesByCountry,
        walesConference,
        whoCanHelp(),
      ],
      sources: [
        SOURCES.workingTogether,
        SOURCES.walesProcedures,
        SOURCES.walesActSection('197', 'the meaning of abuse, including financial abuse'),
      ],
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
            'If you are still unhappy, ask for the area’s procedure for complaints about child protection conferences. It is separate from the council’s usual complaints procedure.',
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
            'In England, the procedure is set by the local safeguarding partners (the council, the police and health services), under Working Together to Safeguard Children 2023. Ask the council for your area’s procedure.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, challenges to conference decisions follow the Wales Safeguarding Procedures. Ask the chair or the council how to raise your concern.',
            'If you are unhappy with how the council itself treated you, you can also use the social services complaints procedure in Wales. It has two stages: local resolution, then a formal investigation. After that you can go to the Public Services Ombudsman for Wales.',
          ],
        },
        whoCanHelp({ links: [LINKS.challengeFlow] }),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
    },
  },
};
