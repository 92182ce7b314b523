import type { FlowDefinition } from '../engine/flow-types.js';
import {
  adviceFirst,
  askForAnAssessment,
  approvalBlocks,
  carePlanningRegs,
  childBenefitRegs,
  irmCymru,
  kinshipGuidance,
  kinshipHelp,
  kinshipLocalOffer,
  moneyByStatus,
  moneyLookedAfter,
  moneyNotLookedAfter,
  notCloseRelative,
  privateFosteringRegs,
  reviewOfDeterminations,
  schoolBlock,
  universalCreditRegs,
  walesCarePlanningRegs,
  walesKinship,
} from './kinship-care-support-blocks.js';
import { courtOrderOutcomes } from './kinship-care-support-orders.js';
import { CHECKED, COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, SOURCES, inEngland } from './shared.js';

export const kinshipCareSupportFlow: FlowDefinition = {
  slug: 'kinship-care-support',
  title: 'I am caring for a relative’s or friend’s child: what support can I get?',
  summary:
    'For grandparents, aunts, uncles, older brothers and sisters and family friends who are caring for a child, or have been asked to.',
  intro: [
    'Use this if you are bringing up a child who is not your own, such as a grandchild, niece, nephew, younger brother or sister, or a friend’s child. This is often called kinship care. It is also for you if children’s services have asked whether you could care for a child.',
    'It explains your legal position, the support and money you may be able to get, and the court orders that can make things more secure. It covers England and Wales.',
    'It takes about 5 minutes. We do not ask for your name or anything else that could identify you, and we do not keep your answers.',
  ],
  checked: CHECKED,
  firstQuestion: 'country',
  questions: {
    country: { ...COUNTRY_QUESTION, next: [{ goTo: { question: 'how-arranged' } }] },
    'how-arranged': {
      kind: 'single',
      text: 'How did the child come to live with you?',
      options: [
        { value: 'family', label: 'The parents and I arranged it between us' },
        { value: 'council', label: 'Children’s services asked me to care for the child, or placed the child with me' },
        { value: 'court', label: 'A court has made an order about the child' },
        { value: 'not-yet', label: 'The child does not live with me yet: children’s services have asked if I could care for them' },
      ],
      next: [
        { when: { question: 'how-arranged', equals: 'family' }, goTo: { question: 'relationship' } },
        { when: { question: 'how-arranged', equals: 'council' }, goTo: { question: 'council-status' } },
        { when: { question: 'how-arranged', equals: 'court' }, goTo: { question: 'order-type' } },
        { goTo: { outcome: 'asked-to-care' } },
      ],
    },
    relationship: {
      kind: 'single',
      text: 'How are you related to the child?',
      options: [
        { value: 'grandparent', label: 'I am their grandparent' },
        {
          value: 'close-relative',
          label: 'I am their brother, sister, aunt, uncle or step-parent',
          hint: 'A step-parent is married to, or in a civil partnership with, one of the child’s parents.',
        },
        {
          value: 'parents-partner',
          label: 'I am, or was, the partner of one of the child’s parents, but we are not married or in a civil partnership',
        },
        { value: 'other-relative', label: 'Another relative, such as a cousin or great-aunt' },
        { value: 'friend', label: 'I am not related: I am a family friend, neighbour or other person' },
      ],
      next: [
        { when: { question: 'relationship', in: ['grandparent', 'close-relative'] }, goTo: { outcome: 'family-arrangement' } },
        { goTo: { question: 'child-age' } },
      ],
    },
    'child-age': {
      kind: 'number',
      text: 'How old is the child?',
      hint: 'In whole years. Enter 0 for a baby under one.',
      min: 0,
      max: 17,
      suffix: 'years',
      next: [{ when: { question: 'child-age', lessThan: 16 }, goTo: { question: 'how-long' } }, { goTo: { question: 'disabled' } }],
    },
    disabled: {
      kind: 'yes-no',
      text: 'Is the child disabled?',
      hint: 'For example a physical or learning disability, or a long-term health condition that affects daily life.',
      next: [
        { when: { question: 'disabled', equals: 'yes' }, goTo: { question: 'how-long' } },
        { goTo: { outcome: 'family-arrangement' } },
      ],
    },
    'how-long': {
      kind: 'single',
      text: 'How long will the child live with you?',
      options: [
        { value: 'under-28', label: 'Less than 28 days in all' },
        { value: '28-or-more', label: '28 days or more, or I do not know yet' },
      ],
      next: [
        { when: { question: 'how-long', equals: '28-or-more' }, goTo: { outcome: 'private-fostering' } },
        { goTo: { outcome: 'family-arrangement' } },
      ],
    },
    'council-status': {
      kind: 'single',
      text: 'What have children’s services said about your role?',
      options: [
        { value: 'foster', label: 'I am being assessed or approved as the child’s foster carer, or they said the child is "looked after"' },
        { value: 'family-arrangement', label: 'They said it is a family arrangement, or that the child is not in care' },
        { value: 'not-sure', label: 'They have not said, or I am not sure' },
      ],
      next: [
        { when: { question: 'council-status', equals: 'foster' }, goTo: { outcome: 'family-and-friends-foster-carer' } },
        { goTo: { outcome: 'council-arranged' } },
      ],
    },
    'order-type': {
      kind: 'single',
      text: 'What kind of order did the court make?',
      hint: 'The name of the order is at the top of the court papers.',
      options: [
        { value: 'sgo', label: 'A special guardianship order' },
        {
          value: 'cao',
          label: 'A child arrangements order saying the child lives with me',
          hint: 'Before 2014 this was called a residence order.',
        },
        { value: 'care-order', label: 'A care order or interim care order, with the child placed with me' },
        { value: 'other', label: 'Another order, or I am not sure' },
      ],
      next: [
        { when: { question: 'order-type', equals: 'sgo' }, goTo: { outcome: 'special-guardianship' } },
        { when: { question: 'order-type', equals: 'cao' }, goTo: { outcome: 'child-arrangements-order' } },
        { when: { question: 'order-type', equals: 'care-order' }, goTo: { outcome: 'family-and-friends-foster-carer' } },
        { goTo: { outcome: 'check-the-order' } },
      ],
    },
  },
  outcomes: {
    'family-arrangement': {
      title: 'You are caring for the child under a family arrangement',
      summary:
        'You do not need anyone’s permission to care for the child, but you do not have parental responsibility, so plan for decisions and money.',
      blocks: [
        {
          paragraphs: [
            'When parents arrange for a relative or friend to look after their child, this is an informal family arrangement. The parents keep parental responsibility. That means they still have the legal right to make big decisions, and they can take the child back at any time.',
            'You can make everyday decisions about the child’s care while they live with you.',
          ],
        },
        {
          when: notCloseRelative,
          paragraphs: [
            'Because you are not a close relative in law, the council may need to know if the child stays with you for 28 days or more and is under 16 (under 18 if disabled). This is called private fostering, and the rule is the same in England and Wales. Close relatives in law are grandparents, brothers, sisters, aunts, uncles and step-parents. A parent’s partner who is not married to them or in a civil partnership with them is not a step-parent. If the arrangement becomes longer than you expected, tell the council.',
          ],
        },
        {
          heading: 'Things to sort out',
          bullets: [
            'Ask the parents to write and sign a letter saying the child lives with you, and that you can agree to things like school trips and routine medical treatment.',
            'Register the child with a GP and dentist near you, and tell the school who to contact.',
            'Keep a note of when the child came to you and of any arrangement about seeing their parents.',
          ],
        },
        moneyNotLookedAfter,
        kinshipLocalOffer,
        {
          heading: 'Making it more secure',
          paragraphs: [
            'If the child is likely to stay with you for a long time, or the parents might take the child back when that would not be safe, you can ask a court for a child arrangements order (saying the child lives with you) or a special guardianship order. Both give you parental responsibility. Get legal advice first: which order is right depends on your situation.',
          ],
        },
        ...askForAnAssessment,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        inEngland(SOURCES.childrenActSection('17', 'children in need')),
        SOURCES.childrenActSection('8', 'child arrangements orders'),
        SOURCES.childrenActSection('66', 'privately fostered children'),
        SOURCES.childrenActSection('105', 'who counts as a relative'),
        kinshipGuidance,
        SOURCES.wellbeingAndSchoolsAct('5', 'the kinship local offer'),
        SOURCES.walesActSection('21', 'assessing a child’s needs for care and support'),
      ],
    },
    'private-fostering': {
      title: 'This is private fostering: the council must be told',
      summary:
        'When someone who is not a close relative cares for a child for 28 days or more, the law calls it private fostering and the council must be told.',
      blocks: [
        {
          paragraphs: [
            'Private fostering is when a child under 16 (or under 18 if disabled) lives for 28 days or more with someone who is not their parent, does not have parental responsibility, and is not a close relative. This is the same in England and Wales.',
            'Close relatives are grandparents, brothers, sisters, aunts, uncles and step-parents. A step-parent is someone married to, or in a civil partnership with, one of the child’s parents. A parent’s partner who is not married to them or in a civil partnership is not a close relative, so caring for the child without the parent can be private fostering.',
            'It is still an arrangement between you and the parents. The council does not take over. But the law requires the council to check that the child is safe and well cared for.',
          ],
        },
        {
          style: 'warning',
          heading: 'Tell the council',
          paragraphs: [
            'You and the parents must tell children’s services. If it has already started, or started in an emergency, tell them now. Not telling them can be an offence.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: ['In England, if the arrangement is planned, tell the council at least 6 weeks before it starts.'],
        },
        {
          heading: 'What happens next',
          bullets: [
            'A social worker will visit you and the child, and check your home. They will keep visiting while the arrangement lasts.',
            'They can give advice and help, and tell you about support for the child.',
            'The parents keep parental responsibility. Agree with them in writing what you can decide, and how the child will keep in touch with them.',
          ],
        },
        moneyNotLookedAfter,
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'The same basic rule applies in Wales: the council must be told about private fostering arrangements. Wales has its own regulations on when to tell the council and how it checks and supports the arrangement, so ask the council what applies.',
          ],
        },
        kinshipHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('66', 'privately fostered children'),
        SOURCES.childrenActSection('105', 'who counts as a relative'),
        privateFosteringRegs,
        SOURCES.childrenAct,
      ],
    },
    'council-arranged': {
      title: 'Children’s services arranged for the child to live with you',
      summary:
        'If the council arranged it, the child may legally be "looked after" even if it is called a family arrangement, and that affects the support you get.',
      blocks: [
        adviceFirst,
        {
          paragraphs: [
            'When children’s services arrange for a child to live with a relative or friend, the child may be "looked after" by the council, even if they call it a family arrangement. The courts have said that what matters is the part the council played in setting it up, not the label it uses. So the answer depends on your facts: ask the council to put its view in writing.',
            'If the child is looked after, you should be assessed and approved as a foster carer, get a fostering allowance, and get a social worker for yourself as well as one for the child.',
          ],
        },
        {
          heading: 'What to ask for, in writing',
          bullets: [
            'Is the child looked after by the council, and under which law?',
            'If not, what support will you get, for how long, and who will pay for what?',
            'What is the plan for the child, and what contact will they have with their parents?',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, a child can be looked after with their parents’ agreement under section 20 of the Children Act 1989, or under a care order.',
          ],
        },
        {
          when: IN_WALES,
          paragraphs: [
            'In Wales, a child can be looked after with their parents’ agreement under section 76 of the Social Services and Well-being (Wales) Act 2014, or under a care order.',
          ],
        },
        kinshipLocalOffer,
        moneyByStatus,
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        inEngland(SOURCES.childrenActSection('20', 'accommodation of children')),
        inEngland(SOURCES.childrenActSection('22', 'looked after children')),
        SOURCES.walesActSection('76', 'accommodation of children'),
        SOURCES.walesActSection('74', 'looked after children'),
        kinshipGuidance,
        SOURCES.wellbeingAndSchoolsAct('5', 'the kinship local offer'),
        childBenefitRegs,
        universalCreditRegs,
      ],
    },
    'family-and-friends-foster-carer': {
      title: 'You are a family and friends foster carer',
      summary:
        'The child is looked after by the council and you are their foster carer, with a right to an allowance, support and a full assessment.',
      blocks: [
        {
          paragraphs: [
            'A relative or friend who fosters a child in care is often called a family and friends, kinship, or "connected person" foster carer. The council shares the child’s care with you, and makes the big decisions with the parents.',
          ],
        },
        {
          when: { question: 'how-arranged', equals: 'court' },
          heading: 'Under a care order',
          paragraphs: [
            'Under a care order, the council has parental responsibility for the child and can decide how the parents use theirs.',
            'While the case is still going on (an interim care order), the court looks at the plan for the child at each hearing. Once the court makes a final care order, its part ends: the council carries out the care plan, and the child’s independent reviewing officer (IRO) reviews it at regular reviews and can take things further if the plan is not followed.',
          ],
        },
        ...approvalBlocks,
        moneyLookedAfter,
        {
          heading: 'Support',
          bullets: [
            'Your own supervising social worker, training and support.',
            'The child will have a care plan, regular reviews, and an independent reviewing officer who checks the plan is working.',
          ],
        },
        {
          heading: 'Later on',
          paragraphs: [
            'If the child is going to stay with you for good, you may be asked about a special guardianship order or a child arrangements order. The child would then no longer be in care, and the money you get would change. Ask what support would continue before you agree, and get legal advice.',
          ],
        },
        schoolBlock,
        kinshipHelp(),
      ],
      sources: [
        carePlanningRegs,
        reviewOfDeterminations,
        walesCarePlanningRegs,
        irmCymru,
        inEngland(SOURCES.childrenActSection('22', 'looked after children')),
        SOURCES.childrenActSection('31', 'care and supervision orders'),
        kinshipGuidance,
        childBenefitRegs,
        universalCreditRegs,
      ],
    },
    ...courtOrderOutcomes,
    'asked-to-care': {
      title: 'Children’s services have asked if you could care for a child',
      summary: 'Take time to find out what is being asked, what support you will get, and get advice before you say yes.',
      blocks: [
        adviceFirst,
        {
          paragraphs: [
            'When a child cannot live safely with their parents, the council should look first at family and friends. They usually start with a short assessment (often called a viability assessment) to see whether a fuller assessment is worth doing.',
            'You can say yes, say no, or say you need more information or support first. Saying no, or not yet, is not a failure.',
          ],
        },
        {
          heading: 'Questions to ask',
          bullets: [
            'Will the child be in care (looked after) while they are with me? Will I be assessed as a foster carer?',
            'What money and support will I get, and for how long?',
            'What is the long-term plan? Could I be asked to apply for a special guardianship order?',
            'How will the child see their parents, and who will manage that?',
            'Who will pay for legal advice for me?',
          ],
        },
        ...approvalBlocks,
        moneyByStatus,
        kinshipLocalOffer,
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        carePlanningRegs,
        reviewOfDeterminations,
        walesCarePlanningRegs,
        irmCymru,
        kinshipGuidance,
        inEngland(SOURCES.childrenActSection('22C', 'ways of looking after children')),
        SOURCES.walesActSection('81', 'ways of looking after children'),
        childBenefitRegs,
      ],
    },
  },
};
