import type { Block, FlowDefinition, Source } from '../engine/flow-types.js';
import { COUNTRY_QUESTION, IN_ENGLAND, IN_WALES, LINKS, SOURCES, whoCanHelp } from './shared.js';

const kinshipGuidance: Source = { title: 'Kinship care: statutory guidance for local authorities (Department for Education, 2024)' };
const carePlanningRegs: Source = {
  title:
    'Care Planning, Placement and Case Review (England) Regulations 2010 (regulations 24 and 25: temporary approval of a relative or friend)',
  url: 'https://www.legislation.gov.uk/uksi/2010/959/contents',
};
const specialGuardianshipRegs: Source = { title: 'Special Guardianship Regulations 2005' };
const privateFosteringRegs: Source = { title: 'Children (Private Arrangements for Fostering) Regulations 2005' };
const admissionsCode: Source = {
  title: 'School Admissions Code (England)',
  url: 'https://www.gov.uk/government/publications/school-admissions-code--2',
};

const kinshipHelp = () => whoCanHelp({ links: [LINKS.kinship] });

const moneyBlock: Block = {
  heading: 'Money you may be able to get',
  bullets: [
    'Child Benefit, if the child lives with you. Only one person can get it for a child, so the parent may need to stop claiming.',
    'Guardian’s Allowance, on top of Child Benefit, if you are bringing up a child whose parents have died. In some cases it can be paid when one parent has died and the other cannot be found or is in prison.',
    'Universal Credit or other benefits may go up because the child lives with you. Tell the benefits office about the change.',
    'Some councils pay an allowance to kinship carers, especially when children’s services were involved. In England, the council’s kinship local offer should say what it can give. Ask for it.',
  ],
  links: [
    { text: 'Child Benefit (GOV.UK)', url: 'https://www.gov.uk/child-benefit' },
    { text: 'Guardian’s Allowance (GOV.UK)', url: 'https://www.gov.uk/guardians-allowance' },
  ],
};

const schoolBlock: Block = {
  heading: 'School places',
  paragraphs: [
    'In England, children who are in care, and children who left care through an adoption, a special guardianship order or a child arrangements order, get top priority for school places. They can also get extra support at school through the local virtual school head.',
  ],
  when: IN_ENGLAND,
};

const adviceFirst: Block = {
  style: 'warning',
  paragraphs: [
    'Get independent advice before you agree to anything with children’s services or sign anything. What you agree now can affect the money and support you get for years.',
  ],
};

const walesKinship: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'In Wales, the Social Services and Well-being (Wales) Act 2014 applies. You can ask the council for an assessment of the child’s needs for care and support, and of your own needs as a carer. It should start with a conversation about what matters to you and the child.',
    'Wales has its own rules on fostering, allowances and support. The main court orders are the same as in England. Ask the council for its kinship or family and friends care policy.',
  ],
};

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
        { value: 'close-relative', label: 'I am their brother, sister, aunt, uncle or step-parent' },
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
          when: { question: 'relationship', in: ['other-relative', 'friend'] },
          paragraphs: [
            'Because you are not a close relative in law (a grandparent, brother, sister, aunt, uncle or step-parent), the council may need to know if the child stays with you for 28 days or more and is under 16 (under 18 if disabled). This is called private fostering. If the arrangement becomes longer than you expected, tell the council.',
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
        moneyBlock,
        {
          heading: 'Making it more secure',
          paragraphs: [
            'If the child is likely to stay with you for a long time, or the parents might take the child back when that would not be safe, you can ask a court for a child arrangements order (saying the child lives with you) or a special guardianship order. Both give you parental responsibility. Get legal advice first: which order is right depends on your situation.',
            'If you are struggling, you can ask the council for an assessment of the child’s needs. In England, a child who needs extra help may be a "child in need" under section 17 of the Children Act 1989, and the council can give support, including money in some cases.',
          ],
        },
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('17', 'children in need'),
        SOURCES.childrenActSection('8', 'child arrangements orders'),
        SOURCES.childrenActSection('66', 'privately fostered children'),
        kinshipGuidance,
        SOURCES.walesAct,
      ],
    },
    'private-fostering': {
      title: 'This is private fostering: the council must be told',
      summary:
        'When someone who is not a close relative cares for a child for 28 days or more, the law calls it private fostering and the council must be told.',
      blocks: [
        {
          paragraphs: [
            'Private fostering is when a child under 16 (or under 18 if disabled) lives for 28 days or more with someone who is not their parent, does not have parental responsibility, and is not a close relative. Close relatives are grandparents, brothers, sisters, aunts, uncles and step-parents.',
            'It is still an arrangement between you and the parents. The council does not take over. But the law requires the council to check that the child is safe and well cared for.',
          ],
        },
        {
          style: 'warning',
          heading: 'Tell the council',
          paragraphs: [
            'You and the parents must tell children’s services. If the arrangement is planned, tell them at least 6 weeks before it starts. If it has already started, or started in an emergency, tell them now. Not telling them can be an offence.',
          ],
        },
        {
          heading: 'What happens next',
          bullets: [
            'A social worker will visit you and the child, and check your home. They will keep visiting while the arrangement lasts.',
            'They can give advice and help, and tell you about support for the child.',
            'The parents keep parental responsibility. Agree with them in writing what you can decide, and how the child will keep in touch with them.',
          ],
        },
        moneyBlock,
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'The same basic rule applies in Wales: the council must be told about private fostering arrangements. Wales has its own regulations on how the council checks and supports them.',
          ],
        },
        kinshipHelp(),
      ],
      sources: [SOURCES.childrenActSection('66', 'privately fostered children'), privateFosteringRegs, SOURCES.childrenAct],
    },
    'council-arranged': {
      title: 'Children’s services arranged for the child to live with you',
      summary:
        'If the council arranged it, the child may legally be "looked after" even if it is called a family arrangement, and that affects the support you get.',
      blocks: [
        adviceFirst,
        {
          paragraphs: [
            'When children’s services arrange for a child to live with a relative or friend, the child may be "looked after" by the council, even if they call it a family arrangement. The courts have said that what matters is the part the council played in setting it up, not the label it uses.',
            'If the child is looked after, you should be assessed and approved as a foster carer, get a fostering allowance, and get a social worker for yourself as well as one for the child.',
          ],
        },
        {
          heading: 'What to ask for, in writing',
          bullets: [
            'Is the child looked after by the council, and under which part of the law?',
            'If not, what support will you get, for how long, and who will pay for what?',
            'What is the plan for the child, and what contact will they have with their parents?',
            'A copy of the council’s kinship or family and friends care policy. Every council should publish one.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, a child can be looked after with their parents’ agreement under section 20 of the Children Act 1989, or under a care order. The Kinship care statutory guidance (2024) says councils must publish their offer of support to kinship families.',
          ],
        },
        moneyBlock,
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('20', 'accommodation of children'),
        SOURCES.childrenActSection('22', 'looked after children'),
        kinshipGuidance,
        SOURCES.walesAct,
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
          paragraphs: [
            'Under a care order, the council has parental responsibility for the child and can decide how the parents use theirs. The court will keep the child’s plan under review until the case ends.',
          ],
        },
        {
          when: IN_ENGLAND,
          heading: 'Approval in England',
          paragraphs: [
            'If the child needed to come to you quickly, the council can approve you as a foster carer for that child for up to 16 weeks while it carries out a full fostering assessment. If the assessment is not finished, this can be extended once, by up to 8 more weeks. A fostering panel then recommends whether you should be approved.',
            'If the council decides not to approve you, ask how you can challenge that decision, and get advice quickly, because the time limits are short.',
          ],
        },
        {
          heading: 'Money and support',
          bullets: [
            'A fostering allowance. Family and friends foster carers should be paid on the same basis as other foster carers.',
            'Your own supervising social worker, training and support.',
            'The child will have a care plan, regular reviews, and an independent reviewing officer who checks the plan is working.',
          ],
        },
        {
          heading: 'Later on',
          paragraphs: [
            'If the child is going to stay with you for good, you may be asked about a special guardianship order or a child arrangements order. The child would then no longer be in care. Ask what support would continue before you agree, and get legal advice.',
          ],
        },
        schoolBlock,
        {
          when: IN_WALES,
          heading: 'In Wales',
          style: 'inset',
          paragraphs: [
            'Wales has its own regulations for approving family and friends foster carers (connected persons). You can also be approved quickly for a limited time while you are assessed. Ask the council for the timescales that apply and for its family and friends care policy.',
          ],
        },
        kinshipHelp(),
      ],
      sources: [
        carePlanningRegs,
        SOURCES.childrenActSection('22', 'looked after children'),
        SOURCES.childrenActSection('31', 'care and supervision orders'),
        kinshipGuidance,
        SOURCES.walesAct,
      ],
    },
    'special-guardianship': {
      title: 'You are the child’s special guardian',
      summary:
        'A special guardianship order gives you parental responsibility until the child is 18, and you can ask the council for a support assessment.',
      blocks: [
        {
          paragraphs: [
            'A special guardianship order means the child lives with you and you have parental responsibility until they are 18. The parents keep parental responsibility too, but in most things you can decide without asking them.',
            'Some decisions still need the parents’ agreement or a court order, such as changing the child’s surname or taking them abroad for more than 3 months.',
          ],
        },
        {
          heading: 'Support you can ask for',
          bullets: [
            'An assessment of your family’s needs for special guardianship support services. If the child was in care before the order, the council must do one if you ask.',
            'A special guardianship allowance in some cases. The council decides, usually after looking at your income.',
            'Help with contact with the child’s parents, and with therapy or other support for the child.',
          ],
        },
        {
          when: IN_ENGLAND,
          paragraphs: [
            'In England, if the child was in care before the order, they may get therapy paid for by the Adoption and Special Guardianship Support Fund. Ask the council to apply for it.',
          ],
        },
        moneyBlock,
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [SOURCES.childrenActSection('14A', 'special guardianship orders'), specialGuardianshipRegs, kinshipGuidance, admissionsCode],
    },
    'child-arrangements-order': {
      title: 'You have a child arrangements order',
      summary: 'A child arrangements order saying the child lives with you gives you parental responsibility while it lasts.',
      blocks: [
        {
          paragraphs: [
            'A child arrangements order that says a child lives with you gives you parental responsibility while the order lasts. You share it with the parents. You can make day-to-day decisions, but you should involve the parents in big decisions.',
            'The order usually lasts until the child is 18. Parents can ask the court to change it.',
          ],
        },
        {
          heading: 'Support you can ask for',
          bullets: [
            'Some councils pay a child arrangements order allowance, especially if the child was in care before. Ask what the council’s policy is.',
            'If the child has extra needs, you can ask for an assessment as a child in need.',
          ],
        },
        moneyBlock,
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('8', 'child arrangements orders'),
        SOURCES.childrenActSection('17', 'children in need'),
        kinshipGuidance,
        admissionsCode,
      ],
    },
    'check-the-order': {
      title: 'Find out what the court order means for you',
      summary: 'Different court orders give you different rights and support, so it is worth being sure which one you have.',
      blocks: [
        {
          paragraphs: [
            'The name of the order is at the top of the first page of the order. These are the orders kinship carers most often have:',
          ],
          bullets: [
            'Special guardianship order: you have parental responsibility until the child is 18 and can make most decisions.',
            'Child arrangements order (lives with): you have parental responsibility while the order lasts and share it with the parents.',
            'Care order or interim care order: the child is in care, and you are their foster carer.',
            'Supervision order: a social worker advises, helps and keeps an eye on the child for a set time, often alongside another order. It does not give you parental responsibility.',
            'Adoption order: you are the child’s legal parent. Relatives adopt only rarely, because it ends the legal link with the birth parents.',
          ],
        },
        {
          paragraphs: [
            'If you are unsure, ask the solicitor who acted in the case, the child’s social worker, or the court that made the order. Then use this guide again with the right order.',
          ],
        },
        moneyBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [
        SOURCES.childrenActSection('8', 'child arrangements orders'),
        SOURCES.childrenActSection('14A', 'special guardianship orders'),
        SOURCES.childrenActSection('31', 'care and supervision orders'),
        { title: 'Adoption and Children Act 2002', url: 'https://www.legislation.gov.uk/ukpga/2002/38/contents' },
      ],
    },
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
        {
          when: IN_ENGLAND,
          paragraphs: [
            'If the child comes to you quickly while you are assessed, the council can approve you as the child’s foster carer for up to 16 weeks, which can be extended by up to 8 weeks. During that time you should get a fostering allowance.',
          ],
        },
        schoolBlock,
        walesKinship,
        kinshipHelp(),
      ],
      sources: [carePlanningRegs, kinshipGuidance, SOURCES.childrenActSection('22C', 'ways of looking after children'), SOURCES.walesAct],
    },
  },
};
