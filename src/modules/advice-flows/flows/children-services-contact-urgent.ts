/**
 * The outcomes of the "children's services have contacted me" flow for the urgent answers: the police or a court are
 * involved, a letter about court has come, or the council wants the child to stay somewhere else.
 *
 * A letter of issue and a letter before proceedings are easily confused and mean very different things: the first says
 * the court case has started (a solicitor is needed now, and legal aid for parents has no means test), the second that
 * the council is thinking about court. Each outcome says so, so that a family who picked the wrong one still learns it.
 */
import type { Outcome } from '../engine/flow-types.js';
import { IN_ENGLAND, IN_WALES, LINKS, SOURCES, inEngland, whoCanHelp } from './shared.js';

const isLetterOfIssue = { question: 'urgent-what', equals: 'letter-of-issue' };

export const urgentOutcomes: Record<string, Outcome> = {
  'emergency-or-court': {
    title: 'Your child has been removed in an emergency, or there is a court case',
    summary: 'Get a solicitor today: when the police or a court is involved, you have a right to free legal advice and to take part.',
    blocks: [
      {
        style: 'warning',
        paragraphs: [
          'Contact a family law solicitor today. If the council has started care proceedings or applied for an emergency protection order, parents and others with parental responsibility get legal aid whatever their income and whatever the strength of their case. Take any papers you have been given.',
        ],
      },
      {
        when: isLetterOfIssue,
        heading: 'A letter of issue means the court case has started',
        paragraphs: [
          'A letter of issue is not a warning. It tells you that the council has already applied to the family court about your child, usually for a care order or a supervision order. The first hearing can be within days.',
          'Take the letter, and any court papers that came with it, to a solicitor who specialises in children law today. You do not need to show your income or savings to get legal aid for these proceedings as a parent: there is no means test.',
          'If your letter instead says the council is thinking about going to court and invites you to a meeting, it is a letter before proceedings. Start this guide again and choose that answer to see what it means.',
        ],
      },
      {
        when: { question: 'urgent-what', equals: 'police' },
        heading: 'Police protection',
        paragraphs: [
          'The police can take a child to a safe place, or stop a child being moved, if they believe the child would otherwise be likely to suffer significant harm. This is called police protection. In England and Wales it can last no more than 72 hours.',
          'The police must tell you what they have done and why, and children’s services must be told. You should be allowed to see your child if that is reasonable and safe. During this time the council will decide whether to ask a court for an order.',
        ],
      },
      {
        when: { question: 'urgent-what', in: ['court', 'letter-of-issue'] },
        heading: 'What the court papers may mean',
        bullets: [
          'An emergency protection order lets the council remove a child, or keep a child where they are. In England and Wales it lasts up to 8 days, and the court can extend it once, by up to 7 days. In some cases you can ask the court to end it.',
          'Care proceedings are when the council asks the court for a care order or supervision order. The court can make an interim (temporary) order while the case goes on. In England and Wales the court must aim to finish the case within 26 weeks.',
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
      SOURCES.childrenActSection('32', 'the 26-week time limit for care proceedings'),
      SOURCES.legalAidMeans,
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
        style: 'inset',
        heading: 'Check which letter you have',
        paragraphs: [
          'A "letter of issue" is different. It means the council has already applied to court and the case has started. If that is what you have, contact a solicitor today: parents get legal aid for care proceedings without a means test.',
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
        when: IN_ENGLAND,
        heading: 'A family group decision-making meeting (England)',
        paragraphs: [
          'The Children’s Wellbeing and Schools Act 2026 adds a duty for councils in England: before applying for a care or supervision order, the council must offer the parents a family group decision-making meeting, unless that would not be in the child’s best interests, and the offer must be in the letter before proceedings.',
          'The Act leaves the start date of this duty to regulations. When we last checked, on 3 December 2026, we could not confirm that it was in force. Ask your solicitor or the council whether it applies yet. You can ask for a family group conference now in any case.',
        ],
      },
      {
        when: IN_WALES,
        style: 'inset',
        heading: 'In Wales',
        paragraphs: [
          'The pre-proceedings process works in a similar way in Wales, and parents get free legal advice on the same terms. The new duty to offer a family group decision-making meeting is for councils in England. You can still ask the council for a family group conference.',
        ],
      },
      whoCanHelp({ links: [LINKS.checkLegalAid] }),
    ],
    sources: [
      SOURCES.childrenActSection('31', 'care and supervision orders'),
      SOURCES.publicLawOutline,
      SOURCES.legalAidMeans,
      SOURCES.wellbeingAndSchoolsAct('1', 'family group decision-making'),
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
        heading: 'If your child will be looked after by the council (England)',
        paragraphs: [
          'In England, if the council provides a home for your child with your agreement, this is called accommodation under section 20 of the Children Act 1989. You keep parental responsibility. You can usually remove your child at any time, though it is best to agree how. The council must make a care plan and review it regularly.',
          'Your agreement must be real: you must understand what you are agreeing to, and not be pressured. If the council thinks your child cannot safely come home, it may go to court.',
        ],
      },
      {
        when: IN_WALES,
        heading: 'If your child will be looked after by the council (Wales)',
        style: 'inset',
        paragraphs: [
          'In Wales, if the council provides a home for your child with your agreement, this is accommodation under section 76 of the Social Services and Well-being (Wales) Act 2014. You keep parental responsibility, and you can usually remove your child at any time. The council must make a care and support plan and review it regularly.',
          'Your agreement must be given freely and with a full understanding of what it means. If the council thinks your child cannot safely come home, it may go to court.',
        ],
      },
      {
        heading: 'If they call it a family arrangement',
        paragraphs: [
          'Whether your child is "looked after" depends on the part the council played in arranging where your child stays, not on what the arrangement is called. If the council arranged it, your child may be looked after even if it is called a family arrangement. Ask the council to say in writing which it is.',
          'Get the arrangement in writing, including how long it is for and what support the carer will get. The carer may be able to get help: see our guided advice for kinship carers.',
        ],
        links: [LINKS.kinshipFlow],
      },
      whoCanHelp(),
    ],
    sources: [
      inEngland(SOURCES.childrenActSection('20', 'accommodation of children')),
      SOURCES.walesActSection('76', 'accommodation of children'),
      SOURCES.workingTogether,
      SOURCES.walesProcedures,
    ],
  },
};
