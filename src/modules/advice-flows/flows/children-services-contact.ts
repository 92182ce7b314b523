import type { Block, FlowDefinition } from '../engine/flow-types.js';
import { consentBlocks, helpNeededBlocks, rightsBlock } from './children-services-contact-blocks.js';
import { urgentOutcomes } from './children-services-contact-urgent.js';
import { CHECKED, COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, LINKS, SOURCES, inEngland, whoCanHelp } from './shared.js';

const walesBasics: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'In Wales, the Social Services and Well-being (Wales) Act 2014 sets out how the council works with families. It usually starts with a conversation about "what matters" to you and your child, and looks at your strengths and the help you already have.',
    'If the council assesses your child’s needs for care and support, the Welsh code of practice says the assessment should be finished within 42 working days of the referral (about 8 weeks). If your child needs support from the council, it is written into a care and support plan.',
    'Child protection enquiries in Wales follow the Wales Safeguarding Procedures. The steps are like those in England, but some names and timescales are different: ask the social worker which apply to you.',
  ],
};

/** What to do while the council makes enquiries: stay involved, and get advice before the steps that carry risk. */
const duringEnquiries: Block = {
  heading: 'What you can do',
  bullets: [
    'Keep talking to the social worker, and let them see your child. Taking part is usually the best way to show what is going well at home, and if a parent refuses, the council can ask a court for an order so that it can see the child.',
    'Ask what the worries are, in as much detail as they can give you, and tell them about anything they have wrong.',
    'Get legal advice early, and especially before a police interview and before you sign anything, such as a written agreement or a safety plan.',
    'If the police ask to interview you, you have the right to free, independent legal advice at the police station. Ask for a solicitor before the interview starts.',
    'Think about family and friends who could support you and your child. Tell the social worker about them.',
  ],
};

export const childrenServicesContactFlow: FlowDefinition = {
  slug: 'children-services-contact',
  title: "Children's services have contacted me: what happens now?",
  summary:
    "For parents who have had a letter, call or visit from children's services and want to know what happens next and what their rights are.",
  intro: [
    "Use this if children's services (the council's social workers) have contacted you about your child, for example after a call from a school, a doctor, the police or a neighbour.",
    'It explains the different things that can happen next, how long they take, your rights, and who can help you. It covers England and Wales.',
    'It takes about 5 minutes. We do not ask for your name or anything else that could identify you, and we do not keep your answers.',
  ],
  checked: CHECKED,
  firstQuestion: 'country',
  questions: {
    country: { ...COUNTRY_QUESTION, next: [{ goTo: { question: 'what-happened' } }] },
    'what-happened': {
      kind: 'single',
      text: 'What has happened so far?',
      hint: 'Choose the one that fits best. If more than one fits, choose the one furthest down the list.',
      options: [
        { value: 'referral', label: 'Someone has raised a concern and children’s services have contacted me for the first time' },
        { value: 'early-help', label: 'I have been offered early help or family support' },
        { value: 'assessment', label: 'A social worker says they are doing an assessment' },
        {
          value: 'enquiries',
          label: 'They say they are making child protection enquiries',
          hint: 'They may have said "section 47", "strategy discussion" or "strategy meeting".',
        },
        { value: 'conference', label: 'I have been invited to a child protection conference' },
        {
          value: 'urgent',
          label: 'They have talked about court, the police have been involved, or they want my child to live somewhere else',
        },
        { value: 'not-sure', label: 'I am not sure' },
      ],
      next: [
        { when: { question: 'what-happened', equals: 'conference' }, goTo: { outcome: 'conference-invited' } },
        { when: { question: 'what-happened', equals: 'urgent' }, goTo: { question: 'urgent-what' } },
        { goTo: { question: 'asked-to-agree' } },
      ],
    },
    'urgent-what': {
      kind: 'single',
      text: 'Which of these has happened?',
      options: [
        { value: 'police', label: 'The police have taken my child somewhere safe, or stopped me taking my child home' },
        {
          value: 'court',
          label: 'I have court papers, or I have been told about a court hearing about my child',
          hint: 'For example an emergency protection order or care proceedings.',
        },
        {
          value: 'letter-of-issue',
          label: 'I have a letter saying the council has applied to court',
          hint: 'It may be called a "letter of issue". It means the court case has already started.',
        },
        {
          value: 'letter-before-proceedings',
          label: 'I have a letter saying they are thinking about going to court',
          hint: 'It may be called a "letter before proceedings" or a "PLO letter" and invite you to a meeting.',
        },
        { value: 'stay-elsewhere', label: 'They have asked me to agree to my child staying with someone else for a while' },
      ],
      next: [
        { when: { question: 'urgent-what', in: ['police', 'court', 'letter-of-issue'] }, goTo: { outcome: 'emergency-or-court' } },
        { when: { question: 'urgent-what', equals: 'letter-before-proceedings' }, goTo: { outcome: 'letter-before-proceedings' } },
        { goTo: { outcome: 'child-staying-elsewhere' } },
      ],
    },
    'asked-to-agree': {
      kind: 'multiple',
      text: 'Have they asked you to agree to any of these?',
      hint: 'Select all that apply.',
      options: [
        { value: 'contact-others', label: 'Contacting my child’s school, nursery, doctor or others who know us' },
        { value: 'see-child', label: 'Seeing or talking to my child, perhaps on their own' },
        { value: 'medical', label: 'A medical examination of my child' },
        { value: 'written-agreement', label: 'Signing a written agreement or safety plan' },
        { value: 'none', label: 'None of these, or not yet' },
      ],
      next: [{ goTo: { question: 'help-needed' } }],
    },
    'help-needed': {
      kind: 'multiple',
      text: 'Would any of these help you take part?',
      hint: 'Select all that apply. This only changes the advice you see.',
      options: [
        { value: 'interpreter', label: 'An interpreter' },
        { value: 'understanding', label: 'Help to understand letters and meetings, for example because of a disability' },
        { value: 'supporter', label: 'Someone to come with me' },
        { value: 'none', label: 'None of these' },
      ],
      next: [
        { when: { question: 'what-happened', equals: 'early-help' }, goTo: { outcome: 'early-help' } },
        { when: { question: 'what-happened', equals: 'assessment' }, goTo: { outcome: 'assessment' } },
        { when: { question: 'what-happened', equals: 'enquiries' }, goTo: { outcome: 'child-protection-enquiries' } },
        { goTo: { outcome: 'first-contact' } },
      ],
    },
  },
  outcomes: {
    'first-contact': {
      title: "Children's services have been told about a worry: what happens next",
      summary:
        'Most contacts with children’s services end with no further action or an offer of help, but it is worth knowing the possible next steps and your rights.',
      blocks: [
        {
          paragraphs: [
            'When someone tells children’s services they are worried about a child, this is called a referral. It may come from a school, a doctor, the police, a neighbour or a relative. You may not be told who made it.',
            'A referral does not mean anyone has decided you have done something wrong. The council has to look at every referral and decide what, if anything, needs to happen.',
          ],
        },
        {
          heading: 'What can happen next',
          bullets: [
            'No further action: they decide they do not need to be involved.',
            'An offer of early help: support from a family worker, a children’s centre or another service. This is voluntary.',
            'An assessment by a social worker, to understand what your family needs.',
            'Child protection enquiries, if they think a child may be at risk of serious harm. These are rarer.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'How long it takes in England',
          paragraphs: [
            'Under Working Together to Safeguard Children 2023 (England), a social worker should decide what type of response is needed within one working day of the referral. If they do an assessment, it should be finished within 45 working days of the referral (about 9 weeks).',
          ],
        },
        walesBasics,
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        {
          heading: 'What you can do now',
          bullets: [
            'Ask what the worry is and what will happen next. Ask for it in writing.',
            'Write down the name and phone number of the social worker and their manager.',
            'Keep talking to the social worker and be as open as you can. Tell them about the good things in your child’s life and the help you already have.',
            'Get advice before you agree to or sign anything you are unsure about.',
          ],
        },
        whoCanHelp(),
      ],
      sources: [
        inEngland(SOURCES.childrenActSection('17', 'children in need')),
        SOURCES.childrenActSection('47', 'child protection enquiries'),
        SOURCES.workingTogether,
        SOURCES.walesAct,
        SOURCES.walesAssessment,
      ],
    },
    'early-help': {
      title: 'You have been offered early help',
      summary: 'Early help is support for your family that you choose to accept; it is not a child protection process.',
      blocks: [
        {
          paragraphs: [
            'Early help means getting support early, before small problems become big ones. It might be a family support worker, parenting help, help with money or housing, or support at your child’s school or nursery.',
            'Early help is voluntary. You can say yes, say no, or ask for something different. It usually starts with a conversation about what is going well and what would help, and may lead to a plan you agree together.',
          ],
        },
        {
          heading: 'What if I say no?',
          paragraphs: [
            'Saying no to early help is not, on its own, a reason for a child protection investigation. But if the worries about your child grow, the council may decide a social worker needs to do an assessment. It often helps to say what support you would find useful instead.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, Working Together to Safeguard Children 2023 says local services should work with families to provide early help that fits their needs.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, the council should first have a "what matters" conversation with you. They may point you to help in your community, or offer an assessment of your child’s needs for care and support under the Social Services and Well-being (Wales) Act 2014 if your child may need more.',
          ],
        },
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        whoCanHelp(),
      ],
      sources: [SOURCES.workingTogether, inEngland(SOURCES.childrenActSection('17', 'children in need')), SOURCES.walesAct],
    },
    assessment: {
      title: 'A social worker is assessing your family',
      summary:
        'An assessment is how the council works out whether your child needs help or protection, and it should involve you and your child.',
      blocks: [
        {
          paragraphs: [
            'The social worker will talk to you, to your child, and usually to people who know your child, such as the school or health visitor. They look at your child’s needs, how you meet them, and what is happening in the wider family and home.',
            'You should be able to give your views, and to see what is written about you. If something is wrong in the assessment, say so in writing and ask for your views to be added.',
          ],
        },
        {
          heading: 'What an assessment can lead to',
          bullets: [
            'No further action.',
            'Help and support for your child and your family, set out in a plan.',
            'Child protection enquiries, if the assessment shows a child may be at risk of serious harm.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'In England',
          paragraphs: [
            'In England, help from the council may be as a "child in need". Under section 17 of the Children Act 1989, a child is in need if they are unlikely to stay healthy or develop properly without help, or if they are disabled. Help might be a child in need plan with support for you and your child.',
            'A child and family assessment should be finished within 45 working days of the referral (about 9 weeks), under Working Together to Safeguard Children 2023 (England). Many are quicker. If it is taking longer, you can ask why and when it will end.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, this is an assessment of your child’s needs for care and support under the Social Services and Well-being (Wales) Act 2014. It should start from what matters to you and your child, and build on the strengths in your family. If your child needs support from the council, it will be written into a care and support plan.',
            'The Welsh code of practice on assessing needs says an assessment of a child should be finished within 42 working days of the referral (about 8 weeks). If it is taking longer, you can ask why and when it will end.',
          ],
        },
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        whoCanHelp(),
      ],
      sources: [
        inEngland(SOURCES.childrenActSection('17', 'children in need')),
        SOURCES.workingTogether,
        SOURCES.walesActSection('21', 'assessing a child’s needs for care and support'),
        SOURCES.walesAssessment,
      ],
    },
    'child-protection-enquiries': {
      title: 'Children’s services are making child protection enquiries',
      summary:
        'The council must look into things when it thinks a child may be at risk of serious harm; here is how that works and what you can do.',
      blocks: [
        {
          paragraphs: [
            'If the council has reasonable cause to suspect that a child is suffering, or is likely to suffer, significant harm, it must make enquiries. These are often called "section 47 enquiries", after section 47 of the Children Act 1989, which applies in England and in Wales.',
            'This is serious, but it is not a decision that you have harmed your child. Many enquiries end with no further action, or with help for the family.',
          ],
        },
        {
          heading: 'What usually happens',
          bullets: [
            'A strategy discussion or meeting: the social worker, the police and health staff, and often the school, share what they know and plan the enquiries. Parents are not usually invited to this.',
            'The social worker sees your child, talks to you, and gathers information from others who know your family.',
            'They decide whether the worries are backed up and whether your child is at risk of significant harm.',
            'If they are still worried, they call a child protection conference: a meeting with you and the professionals to decide whether your child needs a child protection plan.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'Timescales in England',
          paragraphs: [
            'Under Working Together to Safeguard Children 2023 (England), an initial child protection conference should be held within 15 working days of the strategy discussion that started the enquiries (about 3 weeks).',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, the enquiries follow the Wales Safeguarding Procedures, which have their own steps and timescales. Ask the social worker what will happen and when.',
          ],
        },
        duringEnquiries,
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        whoCanHelp({ links: [LINKS.conferenceFlow] }),
      ],
      sources: [
        SOURCES.childrenActSection('47', 'child protection enquiries'),
        SOURCES.workingTogether,
        SOURCES.walesProcedures,
        SOURCES.walesAct,
      ],
    },
    'conference-invited': {
      title: 'You have been invited to a child protection conference',
      summary: 'A child protection conference decides whether your child needs a child protection plan, and you have a right to take part.',
      blocks: [
        {
          paragraphs: [
            'A child protection conference is a meeting of you, your family and the professionals who know your child. It is led by an independent chair. It decides whether your child needs a child protection plan.',
            'Going to the conference, and saying what you think, is one of the most important things you can do for your child.',
          ],
        },
        {
          style: 'inset',
          paragraphs: [
            'Our guided advice on child protection conferences helps you prepare and explains what happens on the day and afterwards.',
          ],
          links: [LINKS.conferenceFlow],
        },
        walesBasics,
        whoCanHelp({ links: [LINKS.conferenceFlow] }),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesProcedures, SOURCES.childrenActSection('47', 'child protection enquiries')],
    },
    ...urgentOutcomes,
  },
};
