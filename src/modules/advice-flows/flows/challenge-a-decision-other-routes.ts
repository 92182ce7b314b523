/**
 * The routes of the challenge flow that are not the council's complaints procedure: a child protection conference's
 * decision, a court's decision, and the family's records.
 */
import type { Block, Outcome } from '../engine/flow-types.js';
import { IN_ENGLAND, IN_WALES, LINKS, SOURCES, whoCanHelp } from './shared.js';

const ico = { text: 'Information Commissioner’s Office', url: 'https://ico.org.uk' };

export const keepRecords: Block = {
  heading: 'Keep records',
  bullets: [
    'Keep copies of every letter and email you send and receive.',
    'Write down dates, names, and what was said at visits, meetings and on the phone, as soon after as you can.',
    'Keep a short timeline of what happened. It makes a complaint much easier to write and to investigate.',
  ],
};

export const otherRoutes: Record<string, Outcome> = {
  'conference-decision': {
    title: 'Challenging a child protection conference decision',
    summary:
      'Decisions of a child protection conference are challenged through the local safeguarding procedures, not the usual complaints procedure.',
    blocks: [
      {
        paragraphs: [
          'The usual children’s services complaints procedure does not cover the decisions of a child protection conference, such as whether your child needs a child protection plan, or its category. Those are challenged through a separate process.',
        ],
      },
      {
        heading: 'What to do',
        bullets: [
          'Write to the conference chair. Say what you disagree with and why, and ask for any mistakes in the minutes to be corrected.',
          'Ask for your area’s procedure for complaints about child protection conferences.',
          'Keep working with the plan while you challenge it.',
          'If you are unhappy with how a social worker treated you, separate from the conference decision, you can use the council’s complaints procedure for that part.',
        ],
      },
      {
        when: IN_ENGLAND,
        paragraphs: [
          'In England, conferences follow Working Together to Safeguard Children 2023, and the procedure for complaints about them is set by the local safeguarding partners: the council, the police and health services.',
        ],
      },
      {
        when: IN_WALES,
        heading: 'In Wales',
        style: 'inset',
        paragraphs: [
          'In Wales, conferences follow the Wales Safeguarding Procedures. Ask the chair or the council how to raise a challenge. For how a social worker treated you, the Welsh social services complaints procedure has two stages (local resolution, then a formal investigation), and then the Public Services Ombudsman for Wales.',
        ],
      },
      {
        paragraphs: ['Our guided advice on child protection conferences explains more about the conference and the plan.'],
        links: [LINKS.conferenceFlow],
      },
      keepRecords,
      whoCanHelp(),
    ],
    sources: [SOURCES.workingTogether, SOURCES.walesProcedures],
  },
  'court-decision': {
    title: 'Challenging a family court decision',
    summary: 'A court decision can only be changed by a court, usually by an appeal, and the time limits are very short.',
    blocks: [
      {
        style: 'warning',
        paragraphs: [
          'Speak to a solicitor straight away. In England and Wales the time limit to appeal is often 21 days from the decision, and can be shorter. You usually need permission to appeal.',
        ],
      },
      {
        paragraphs: [
          'The council’s complaints procedure and the ombudsman cannot change a court’s decision. An appeal is not a second chance to argue the case. You have to show the judge got the law wrong, or that something in the way the case was run was seriously unfair.',
        ],
      },
      {
        heading: 'Other options',
        bullets: [
          'Later, if things change, you may be able to ask the court to change or end an order. For example, a parent can apply to end a care order, or ask the court about contact with a child in care.',
          'If you are unhappy with your child’s guardian from Cafcass (Cafcass Cymru in Wales), they have their own complaints procedure.',
          'If your complaint is about how a judge behaved, not about the decision, the Judicial Conduct Investigations Office deals with that.',
        ],
      },
      {
        when: IN_WALES,
        style: 'inset',
        paragraphs: ['Family courts in Wales follow the same rules on appeals as in England.'],
      },
      keepRecords,
      whoCanHelp({ links: [LINKS.checkLegalAid] }),
    ],
    sources: [
      {
        title: 'Family Procedure Rules 2010, Part 30 (appeals)',
        url: 'https://www.justice.gov.uk/courts/procedure-rules/family/parts/part_30',
      },
      SOURCES.childrenActSection('39', 'ending or changing care and supervision orders'),
      SOURCES.childrenActSection('34', 'contact with children in care'),
    ],
  },
  records: {
    title: 'Seeing and correcting your records',
    summary:
      'You have a legal right to a copy of the information children’s services hold about you, and to ask for wrong facts to be corrected.',
    blocks: [
      {
        when: { question: 'records-what', equals: 'see' },
        heading: 'How to see your records',
        paragraphs: [
          'Ask the council in writing for a copy of the information it holds about you. This is called a subject access request. You do not need to use a form or say why you want it. It is usually free.',
          'The council must reply within one month (the same across the UK). It can take up to two more months if the request is complicated, but it must tell you why within the first month.',
          'Some parts may be blacked out, for example information about other people, or information that could cause serious harm if you saw it. You can ask why.',
          'You can also ask for your child’s records. If your child is old enough to understand, they may need to agree.',
        ],
      },
      {
        when: { question: 'records-what', equals: 'correct' },
        heading: 'How to correct your records',
        paragraphs: [
          'If a fact about you is wrong, for example a date, an event, or who said something, ask the council in writing to correct it. Data protection law is the same in England and Wales: they should reply within one month.',
          'If the record is a professional’s opinion, the council may not change it. But you can ask for a note of your view to be added, so that anyone reading the record sees both.',
        ],
      },
      {
        heading: 'If the council does not reply or you disagree',
        paragraphs: [
          'Complain to the council first. If that does not work, you can complain to the Information Commissioner’s Office, which deals with data protection in England and Wales.',
        ],
        links: [ico],
      },
      keepRecords,
      whoCanHelp(),
    ],
    sources: [
      {
        title: 'UK General Data Protection Regulation, Articles 12, 15 and 16',
        url: 'https://www.legislation.gov.uk/eur/2016/679/contents',
      },
      { title: 'Data Protection Act 2018', url: 'https://www.legislation.gov.uk/ukpga/2018/12/contents' },
    ],
  },
};
