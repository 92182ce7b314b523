import type { Block, Condition, FlowDefinition } from '../engine/flow-types.js';
import { COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, LINKS, SOURCES, whoCanHelp } from './shared.js';

const asked = (value: string): Condition => ({ question: 'asked-to-agree', includes: value });
const needs = (value: string): Condition => ({ question: 'help-needed', includes: value });

/** Your rights: shown on every outcome reached through the everyday stages (referral, early help, assessment, enquiries). */
const rightsBlock: Block = {
  heading: 'Your rights while this is happening',
  bullets: [
    'To be told what the worries are, what is happening and why, in words you understand.',
    'To bring someone with you to visits and meetings: a friend, a relative or an advocate.',
    'To have an interpreter if English is not your first language. Your child should not be asked to interpret for you.',
    'To see reports about your family before meetings where possible, and to say what you think is wrong in them.',
    'To get independent legal advice at any stage, before you agree to or sign anything.',
    'To keep your own notes: dates, names, what was said and what was agreed.',
  ],
};

/** What asking for your agreement does and does not mean. Shown only for the things the parent said they were asked. */
const consentBlocks: Block[] = [
  {
    when: asked('contact-others'),
    heading: "Talking to your child's school, doctor and others",
    paragraphs: [
      "Social workers usually ask before they contact people who know your child, such as the school, nursery, health visitor or GP. If they are worried about your child's safety, they can share and ask for information without your agreement. They should still tell you, unless that could put a child at risk.",
    ],
  },
  {
    when: asked('see-child'),
    heading: 'Seeing and talking to your child',
    paragraphs: [
      'A social worker will usually want to see your child, and often to talk to them on their own. This helps them hear what your child thinks and feels.',
      'You can ask where and when this will happen, and who else will be there. If a parent refuses, the council can ask a court for an order that lets them see the child, so it is usually better to agree the arrangements together.',
    ],
  },
  {
    when: asked('medical'),
    heading: 'A medical examination',
    paragraphs: [
      'A medical examination of your child needs the agreement of someone with parental responsibility, or of your child if they are old enough to understand, or a court order.',
      'You can ask why it is needed, who will do it, and whether you can be there. You can get legal advice first if you are unsure.',
    ],
  },
  {
    when: asked('written-agreement'),
    heading: 'Signing a written agreement or safety plan',
    style: 'warning',
    paragraphs: [
      'A written agreement or safety plan is not a court order, but it is important. If things go to court later, the council may show the court whether you kept to it.',
      'Do not sign anything you do not understand or cannot keep to. Ask for time to read it, ask for changes, and get legal advice before you sign.',
    ],
  },
];

const helpNeededBlocks: Block[] = [
  {
    when: needs('interpreter'),
    heading: 'An interpreter',
    paragraphs: [
      'Ask the social worker to book a professional interpreter for every visit and meeting, and to translate important letters and reports. Say which language and dialect you need.',
    ],
  },
  {
    when: needs('understanding'),
    heading: 'Help to understand and take part',
    paragraphs: [
      'If you have a learning disability, find reading hard, or have a health condition that makes meetings difficult, tell the social worker. They should change how they work with you, for example by using easy-read letters, allowing more time, or arranging an advocate.',
    ],
  },
  {
    when: needs('supporter'),
    heading: 'Someone to support you',
    paragraphs: [
      'You can bring a friend, relative or advocate with you. Tell the social worker who you would like to bring. An independent advice service can tell you whether there is a parents’ advocacy service in your area.',
    ],
  },
];

const walesBasics: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'In Wales, the Social Services and Well-being (Wales) Act 2014 sets out how the council works with families. It usually starts with a conversation about "what matters" to you and your child, and looks at your strengths and the help you already have.',
    'Child protection enquiries in Wales follow the Wales Safeguarding Procedures. The steps are similar to England, but some names and timescales are different.',
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
          value: 'letter-before-proceedings',
          label: 'I have a letter saying they are thinking about going to court',
          hint: 'It may be called a "letter before proceedings" and invite you to a meeting.',
        },
        { value: 'stay-elsewhere', label: 'They have asked me to agree to my child staying with someone else for a while' },
      ],
      next: [
        { when: { question: 'urgent-what', in: ['police', 'court'] }, goTo: { outcome: 'emergency-or-court' } },
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
            'Under Working Together to Safeguard Children 2023, a social worker should decide what type of response is needed within one working day of the referral. If they do an assessment, it should be finished within 45 working days of the referral (about 9 weeks).',
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
            'Stay calm and be as open as you can. Tell them about the good things in your child’s life and the help you already have.',
            'Get advice before you agree to or sign anything you are unsure about.',
          ],
        },
        whoCanHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('17', 'children in need'),
        SOURCES.childrenActSection('47', 'child protection enquiries'),
        SOURCES.workingTogether,
        SOURCES.walesAct,
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
            'In Wales, the council should first have a "what matters" conversation with you. They may point you to help in your community, or offer a care and support assessment under the Social Services and Well-being (Wales) Act 2014 if your child may need more.',
          ],
        },
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        whoCanHelp(),
      ],
      sources: [SOURCES.workingTogether, SOURCES.walesAct, SOURCES.childrenActSection('17', 'children in need')],
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
            'Help as a "child in need". Under section 17 of the Children Act 1989, a child is in need if they are unlikely to stay healthy or develop properly without help, or if they are disabled. Help might be a child in need plan with support for you and your child.',
            'Child protection enquiries, if the assessment shows a child may be at risk of serious harm.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'How long it takes in England',
          paragraphs: [
            'A child and family assessment should be finished within 45 working days of the referral (about 9 weeks). Many are quicker. If it is taking longer, you can ask why and when it will end.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, this is an assessment of your child’s needs for care and support under the Social Services and Well-being (Wales) Act 2014. It should start from what matters to you and your child, and build on the strengths in your family. If your child needs support from the council, it will be written into a care and support plan.',
            'Wales has its own timescales for assessments, set out in the Welsh Government’s code of practice. Ask the social worker when yours will be finished.',
          ],
        },
        rightsBlock,
        ...consentBlocks,
        ...helpNeededBlocks,
        whoCanHelp(),
      ],
      sources: [SOURCES.childrenActSection('17', 'children in need'), SOURCES.workingTogether, SOURCES.walesAct],
    },
    'child-protection-enquiries': {
      title: 'Children’s services are making child protection enquiries',
      summary:
        'The council must look into things when it thinks a child may be at risk of serious harm; here is how that works and what you can do.',
      blocks: [
        {
          paragraphs: [
            'If the council has reasonable cause to suspect that a child is suffering, or is likely to suffer, significant harm, it must make enquiries. These are often called "section 47 enquiries", after section 47 of the Children Act 1989.',
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
            'Under Working Together to Safeguard Children 2023, an initial child protection conference should be held within 15 working days of the strategy discussion that started the enquiries (about 3 weeks).',
          ],
        },
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'In Wales, the council still makes enquiries under section 47 of the Children Act 1989, and follows the Wales Safeguarding Procedures. These have their own steps and timescales. Ask the social worker what will happen and when.',
          ],
        },
        {
          heading: 'What you can do',
          bullets: [
            'Ask what the worries are, in as much detail as they can give you.',
            'Get legal advice now. A solicitor can advise you before you answer questions or sign anything.',
            'If the police ask to interview you, you have the right to free legal advice at the police station.',
            'Think about family and friends who could support you and your child. Tell the social worker about them.',
          ],
        },
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
    'emergency-or-court': {
      title: 'Your child has been removed in an emergency, or there is a court case',
      summary: 'Get a solicitor today: when the police or a court is involved, you have a right to free legal advice and to take part.',
      blocks: [
        {
          style: 'warning',
          paragraphs: [
            'Contact a family law solicitor today. If the council has started care proceedings or applied for an emergency protection order, you can get legal aid whatever your income. Take any papers you have been given.',
          ],
        },
        {
          when: { question: 'urgent-what', equals: 'police' },
          heading: 'Police protection',
          paragraphs: [
            'The police can take a child to a safe place, or stop a child being moved, if they believe the child would otherwise be likely to suffer significant harm. This is called police protection. It can last no more than 72 hours.',
            'The police must tell you what they have done and why, and children’s services must be told. You should be allowed to see your child if that is reasonable and safe. During this time the council will decide whether to ask a court for an order.',
          ],
        },
        {
          when: { question: 'urgent-what', equals: 'court' },
          heading: 'What the court papers may mean',
          bullets: [
            'An emergency protection order lets the council remove a child, or keep a child where they are, for up to 8 days. The court can extend it once, by up to 7 days. In some cases you can ask the court to end it.',
            'Care proceedings are when the council asks the court for a care order or supervision order. The court can make an interim (temporary) order while the case goes on. The court aims to decide the case within 26 weeks.',
            'Your child will have their own guardian (from Cafcass in England, or Cafcass Cymru in Wales) and their own solicitor.',
          ],
        },
        {
          heading: 'What to do now',
          bullets: [
            'Go to every hearing. If you cannot, tell your solicitor and the court straight away.',
            'Ask to see your child, and ask how and when contact will happen.',
            'Tell the social worker about relatives or friends who could care for your child. The council must think about family first.',
            'Keep every letter and paper you are given, and write down what happens, with dates.',
          ],
        },
        {
          when: IN_WALES,
          style: 'inset',
          heading: 'In Wales',
          paragraphs: [
            'The same court orders apply in Wales under the Children Act 1989. Your child’s guardian will come from Cafcass Cymru.',
          ],
        },
        whoCanHelp({ links: [LINKS.checkLegalAid] }),
      ],
      sources: [
        SOURCES.childrenActSection('44', 'emergency protection orders'),
        SOURCES.childrenActSection('46', 'police protection'),
        SOURCES.childrenActSection('31', 'care and supervision orders'),
        SOURCES.workingTogether,
      ],
    },
    'letter-before-proceedings': {
      title: 'You have a letter saying the council is thinking about going to court',
      summary:
        'This is a serious warning but also a chance to change things without a court case, and you can get free legal advice straight away.',
      blocks: [
        {
          style: 'warning',
          paragraphs: [
            'Take the letter to a family law solicitor as soon as you can. Parents who get this letter can get free legal advice through legal aid, whatever their income.',
          ],
        },
        {
          paragraphs: [
            'A "letter before proceedings" (sometimes called a pre-proceedings or PLO letter) says the council is worried enough to think about asking a court to make an order about your child. It should say what the worries are and what needs to change.',
            'It usually invites you to a meeting with the social worker and their manager. Your solicitor can come with you. At the meeting, you can say what you think, and agree a plan for what needs to happen.',
          ],
        },
        {
          heading: 'What you can do',
          bullets: [
            'Go to the meeting, with your solicitor.',
            'Tell them about relatives and friends who could help, or could care for your child if needed. You can ask for a family group conference, where your family makes a plan together.',
            'Ask for any help you need to make the changes, for example a parenting course, a health service, or help with housing.',
            'Keep to what you agree, and keep records.',
          ],
        },
        {
          when: IN_WALES,
          style: 'inset',
          heading: 'In Wales',
          paragraphs: ['The pre-proceedings process works in a similar way in Wales. Legal advice is available on the same terms.'],
        },
        whoCanHelp({ links: [LINKS.checkLegalAid] }),
      ],
      sources: [
        SOURCES.childrenActSection('31', 'care and supervision orders'),
        { title: 'Family Procedure Rules 2010, Practice Direction 12A (Public Law Outline)' },
        SOURCES.workingTogether,
      ],
    },
    'child-staying-elsewhere': {
      title: 'You have been asked to agree to your child staying somewhere else',
      summary: 'Agreeing to this is a big decision: get legal advice first, and know that you can usually change your mind.',
      blocks: [
        {
          style: 'warning',
          paragraphs: ['Get legal advice before you agree, if you possibly can. Ask the social worker to give you time to do this.'],
        },
        {
          paragraphs: [
            'Children’s services cannot take your child away just because they want to. They need your agreement, a court order, or the police to use their emergency powers.',
            'If they ask you to agree to your child staying with a relative, a friend or foster carers, ask exactly what they are asking for, and write it down.',
          ],
        },
        {
          heading: 'Questions to ask',
          bullets: [
            'Where will my child stay, and with whom?',
            'Will my child be "looked after" by the council (in care with my agreement), or is this a family arrangement?',
            'How long is it for, and what needs to happen for my child to come home?',
            'When and how will I see my child?',
            'Can I change my mind, and what happens if I do?',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'If your child will be looked after by the council (section 20)',
          paragraphs: [
            'If the council provides a home for your child with your agreement, this is called accommodation under section 20 of the Children Act 1989. You keep parental responsibility. You can usually remove your child at any time, though it is best to agree how. The council must make a care plan and review it regularly.',
            'Your agreement must be real: you must understand what you are agreeing to, and not be pressured. If the council thinks your child cannot safely come home, it may go to court.',
          ],
        },
        {
          when: IN_WALES,
          heading: 'If your child will be looked after by the council (section 76)',
          style: 'inset',
          paragraphs: [
            'In Wales, accommodation with your agreement is under section 76 of the Social Services and Well-being (Wales) Act 2014. It works in a similar way to section 20 in England: you keep parental responsibility, and you can usually remove your child at any time. Your agreement must be given freely and with a full understanding of what it means.',
          ],
        },
        {
          heading: 'If it is a family arrangement',
          paragraphs: [
            'If your child goes to stay with family or friends and the council says they are not looked after, get the arrangement in writing, including how long it is for and what support the carer will get. The carer may be able to get help: see our guided advice for kinship carers.',
          ],
          links: [LINKS.kinshipFlow],
        },
        whoCanHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('20', 'accommodation of children'),
        {
          title: 'Social Services and Well-being (Wales) Act 2014, section 76',
          url: 'https://www.legislation.gov.uk/anaw/2014/4/section/76',
        },
        SOURCES.workingTogether,
      ],
    },
  },
};
