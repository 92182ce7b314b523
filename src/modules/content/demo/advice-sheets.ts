import type { DemoItem } from './index.js';

/** When the facts in these sheets were last checked against their sources, and when they must be checked again. */
const reviewed = { lastReviewed: '2026-12-03', reviewDue: '2027-12-03' };

const law = (path: string) => `https://www.legislation.gov.uk/${path}`;
/** One source a line, "title | address", as an editor types them. */
const sources = (...lines: [string, string][]) => lines.map(([title, url]) => `${title} | ${url}`).join('\n');

const WORKING_TOGETHER: [string, string] = [
  'Working Together to Safeguard Children 2023 (statutory guidance, England)',
  'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
];
const WALES_ACT: [string, string] = ['Social Services and Well-being (Wales) Act 2014', law('anaw/2014/4/contents')];
const WALES_PROCEDURES: [string, string] = ['Wales Safeguarding Procedures', 'https://www.safeguarding.wales'];
const LEGAL_AID: [string, string] = [
  'Civil Legal Aid (Financial Resources and Payment for Services) Regulations 2013, regulation 5 (when there is no means test)',
  law('uksi/2013/480/regulation/5'),
];

/** Advice sheets, one or two for each subject. General information for England and Wales, not legal advice. */
export const ADVICE_SHEETS: DemoItem[] = [
  {
    type: 'advice-sheet',
    subject: 'family-support',
    title: 'Asking children’s services for help for your family',
    summary: 'How to ask your council for support, what an assessment is, and what help you might get.',
    tags: 'family-support, assessment',
    ...reviewed,
    body: `Every council must support children who need help, and their families. The law is different in the two countries. In England it is section 17 of the Children Act 1989 (children in need). In Wales it is the Social Services and Well-being (Wales) Act 2014, under which the council assesses a child’s needs for care and support.

## Who can ask
You can ask for yourself. A school, health visitor or GP can also refer your family, with your agreement in most cases.

## What happens next
- The council decides whether to assess your child’s needs.
- In England, an assessment should be finished within 45 working days of the referral.
- In Wales, an assessment should be finished within 42 working days of the referral, and support the council agrees to give is written into a care and support plan.
- You should be told the outcome and what support, if any, will be offered.

## What support might look like
Family support workers, parenting programmes, help with childcare, short breaks for disabled children, or help with money in an emergency.

## If you are refused
Ask for the reasons in writing. You can use the council’s complaints procedure (three stages in England; in Wales two stages, then the Public Services Ombudsman for Wales), and you can ask again if things change.`,
    sources: sources(
      ['Children Act 1989, section 17 (children in need, England)', law('ukpga/1989/41/section/17')],
      ['Social Services and Well-being (Wales) Act 2014, section 21 (assessing a child’s needs, Wales)', law('anaw/2014/4/section/21')],
      WORKING_TOGETHER,
      WALES_ACT,
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'family-support',
    title: 'Early help: support before problems grow',
    summary: 'What early help is, why it is voluntary, and how to get the most from it.',
    tags: 'family-support, early-help',
    ...reviewed,
    body: `Early help is support for families who need some help but where the council does not think a child is at risk of significant harm.

## It is voluntary
You choose whether to take part. Saying no is not, by itself, a reason for the council to take further action. But if a professional is worried about a child’s safety, they may still refer to children’s social care.

## How it works
A lead professional (often from a school, children’s centre or family hub) agrees a plan with you. It should build on what your family does well. In Wales, it usually starts with a conversation about what matters to you.

## Getting the most from it
- Say clearly what would help.
- Ask for the plan in writing.
- Bring someone with you to meetings if you want to.`,
    sources: sources(WORKING_TOGETHER, WALES_ACT),
  },
  {
    type: 'advice-sheet',
    subject: 'child-protection',
    title: 'Child protection conferences: what to expect',
    summary: 'Why a conference is called, who attends, what can be decided, and how to take part.',
    tags: 'child-protection, conference',
    ...reviewed,
    body: `A child protection conference is a meeting held when children’s services are worried that a child may be at risk of significant harm.

## Before the conference
You should be invited, told why it is happening, and given the social worker’s report in good time to read it. You can bring a friend, relative or advocate, and a solicitor can come too.

## Legal advice and legal aid
Legal aid can pay for a solicitor’s advice and help with a conference (this is called Legal Help), but it is means-tested: whether you qualify depends on your income and savings. A legal aid solicitor can check for you. Once the council sends a letter before proceedings, or goes to court, parents get legal aid whatever their income.

## At the conference
Professionals share information and decide whether the child needs a child protection plan, and under which category of harm.
- In England the categories are neglect, physical abuse, emotional abuse and sexual abuse.
- In Wales the child’s name goes on the child protection register, and the categories also include financial abuse.

## Your part
- Say what you agree with, and what you think is wrong.
- Ask for your views to be written down.
- Ask for the minutes, and ask for mistakes to be corrected.`,
    sources: sources(
      WORKING_TOGETHER,
      WALES_PROCEDURES,
      ['Children Act 1989, section 47 (child protection enquiries)', law('ukpga/1989/41/section/47')],
      ['Social Services and Well-being (Wales) Act 2014, section 197 (the meaning of abuse)', law('anaw/2014/4/section/197')],
      LEGAL_AID,
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'child-protection',
    title: 'The pre-proceedings process and the letter before proceedings',
    summary: 'What it means when the council writes to say it is thinking about going to court, and why you should see a solicitor now.',
    tags: 'child-protection, court',
    ...reviewed,
    body: `If the council is thinking of applying to court about your child, it will usually write to you first. This is called a letter before proceedings (sometimes a PLO letter). It is a warning, and a chance to change things without a court case.

## Not the same as a letter of issue
A letter of issue is different: it tells you the council has already applied to court, so the case has started. If that is what you have, see a children law solicitor today. Parents get legal aid for care proceedings without any means test.

## Free legal advice
A letter before proceedings entitles you to free legal advice from a solicitor, whatever your income. Take the letter to a solicitor who specialises in children law straight away.

## The pre-proceedings meeting
The letter invites you to a meeting with the council and your solicitor. The council will say what needs to change. It is a chance to agree a plan and avoid court.

## Family and friends
The council should ask who in your family could help or care for your child. Tell them early about relatives or friends who could support you, and ask for a family group conference.

In England, the Children’s Wellbeing and Schools Act 2026 adds a duty for councils to offer a family group decision-making meeting before applying for a care order, and to put the offer in the letter before proceedings. The Act leaves its start date to regulations: when we checked on 3 December 2026 we could not confirm it was in force, so ask your solicitor whether it applies yet.`,
    sources: sources(
      [
        'Family Procedure Rules, Practice Direction 12A (the Public Law Outline)',
        'https://www.justice.gov.uk/courts/procedure-rules/family/practice_directions/pd_part_12a',
      ],
      ['Children Act 1989, section 31 (care and supervision orders)', law('ukpga/1989/41/section/31')],
      LEGAL_AID,
      ['Children’s Wellbeing and Schools Act 2026, section 1 (family group decision-making, England)', law('ukpga/2026/21/section/1')],
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'looked-after-children',
    title: 'When your child is in care: your rights as a parent',
    summary: 'Contact, information, reviews and parental responsibility when your child is looked after.',
    tags: 'looked-after-children, contact',
    ...reviewed,
    body: `A child can be looked after by the council with the parents’ agreement (section 20 of the Children Act 1989 in England, section 76 of the Social Services and Well-being (Wales) Act 2014 in Wales) or under a care order made by a court.

## Parental responsibility
You keep parental responsibility. Under a care order the council shares it and can limit how you use it.

## Contact
The council must allow reasonable contact between a child in care and their parents, unless a court says otherwise.

## Reviews
Your child’s care plan is reviewed regularly, chaired by an independent reviewing officer (IRO). You should be invited and can give your views. Once a court has made a final care order, the court no longer oversees the plan: the council carries it out, and the IRO is the person to raise it with if the plan is not followed.

## Agreement to care
If your child is looked after with your agreement, you can usually ask for them to come home at any time. Get advice before you sign anything.`,
    sources: sources(
      ['Children Act 1989, section 20 (accommodation with agreement, England)', law('ukpga/1989/41/section/20')],
      ['Social Services and Well-being (Wales) Act 2014, section 76 (accommodation with agreement, Wales)', law('anaw/2014/4/section/76')],
      ['Children Act 1989, section 34 (contact with children in care)', law('ukpga/1989/41/section/34')],
      ['Care Planning, Placement and Case Review (England) Regulations 2010', law('uksi/2010/959/contents')],
      ['Care Planning, Placement and Case Review (Wales) Regulations 2015', law('wsi/2015/1818/contents')],
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'kinship-care',
    title: 'Looking after a relative’s child: your options',
    summary: 'The main legal arrangements for kinship carers, and the support each can bring.',
    tags: 'kinship-care, special-guardianship',
    ...reviewed,
    body: `Many grandparents, aunts, uncles, older siblings and friends bring up a child who cannot live with their parents. How the arrangement is made affects the support you get.

## Informal arrangements
The parents agree the child lives with you. You do not have parental responsibility. You can usually claim Child Benefit for the child.

## Family and friends foster care
If the council arranged for the child to live with you, the child may be looked after and you may be a foster carer, even if nobody used that word: it depends on the part the council played in arranging it. A foster carer should get a fostering allowance. Child Benefit is not paid for a child who is looked after and placed with you as a foster carer.

## Child arrangements order
A court decides the child lives with you, and you get parental responsibility while the order lasts.

## Special guardianship order
Gives you parental responsibility which you can use over that of the parents, usually until the child is 18. You can ask for an assessment of support needs.

## What the council offers
In England, every council must publish a kinship local offer saying what support it gives kinship families. In Wales, ask the council to tell you in writing what support it offers kinship carers.

## Get advice before you agree
Ask the council in writing how it sees the arrangement. Get advice before agreeing to anything.`,
    sources: sources(
      ['Children Act 1989, section 8 (child arrangements orders)', law('ukpga/1989/41/section/8')],
      ['Children Act 1989, section 14A (special guardianship orders)', law('ukpga/1989/41/section/14A')],
      [
        'Kinship care: statutory guidance for local authorities (Department for Education, 2024)',
        'https://www.gov.uk/government/publications/kinship-care-statutory-guidance-for-local-authorities',
      ],
      ['Children’s Wellbeing and Schools Act 2026, section 5 (the kinship local offer, England)', law('ukpga/2026/21/section/5')],
      ['Child Benefit (General) Regulations 2006, regulation 16 (children looked after by a council)', law('uksi/2006/223/regulation/16')],
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'adoption',
    title: 'Adoption when the council plans it: what parents need to know',
    summary: 'Placement orders, your right to take part in court, and contact after adoption.',
    tags: 'adoption, court',
    ...reviewed,
    body: `A child can only be adopted without the parents’ consent if a court decides that the child’s welfare requires it.

## Placement orders
The council must apply for a placement order before placing a child for adoption without parents’ consent. You are entitled to take part in the court case and to free legal aid.

## Contact after adoption
The court considers contact when it makes an adoption order. Letterbox contact (letters through the adoption agency) is common. Ask about it early.

## After adoption
An adoption order ends your parental responsibility permanently. Support for birth parents should be offered by the adoption agency.`,
    sources: sources(
      ['Adoption and Children Act 2002, section 21 (placement orders)', law('ukpga/2002/38/section/21')],
      ['Adoption and Children Act 2002, section 46 (adoption orders)', law('ukpga/2002/38/section/46')],
      LEGAL_AID,
    ),
  },
  {
    type: 'advice-sheet',
    subject: 'challenging-decisions',
    title: 'How to challenge a decision by children’s services',
    summary: 'Complaints, the ombudsman for your country, and when a court is the right place.',
    tags: 'challenging-decisions, complaints',
    ...reviewed,
    body: `If you disagree with something children’s services have done, there are several ways to challenge it.

## Talk first
Write to the social worker and their manager. Say what decision you disagree with and what you want to happen.

## The complaints procedure
Councils have a statutory complaints procedure for children’s social care. Keep copies of everything you send.
- In England it has three stages: local resolution, an investigation, and a review panel. Then you can go to the Local Government and Social Care Ombudsman.
- In Wales it has two stages: local resolution, then a formal investigation. Then you can go to the Public Services Ombudsman for Wales.

## Court
Some decisions can only be changed by a court. A decision by the council that may be unlawful can sometimes be challenged by judicial review. In England and Wales a claim must be brought promptly, and in any event within 3 months of the decision itself, and a complaint does not stop that time running. Get advice from a solicitor quickly.`,
    sources: sources(
      ['Children Act 1989 Representations Procedure (England) Regulations 2006', law('uksi/2006/1738/contents')],
      ['Social Services Complaints Procedure (Wales) Regulations 2014', law('wsi/2014/1794/contents')],
      ['Local Government Act 1974, Part 3 (the ombudsman in England)', law('ukpga/1974/7/part/III')],
      ['Public Services Ombudsman (Wales) Act 2019', law('anaw/2019/3/contents')],
      [
        'Civil Procedure Rules, rule 54.5 (time limit for judicial review)',
        'https://www.justice.gov.uk/courts/procedure-rules/civil/rules/part54',
      ],
    ),
  },
];
