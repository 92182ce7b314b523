import type { DemoItem } from './index.js';

const reviewed = { lastReviewed: '2026-09-01', reviewDue: '2027-09-01' };

/** Advice sheets, one or two for each subject. General information for England and Wales, not legal advice. */
export const ADVICE_SHEETS: DemoItem[] = [
  {
    type: 'advice-sheet',
    subject: 'family-support',
    title: 'Asking children’s services for help for your family',
    summary: 'How to ask your council for support, what an assessment is, and what help you might get.',
    tags: 'family-support, assessment',
    ...reviewed,
    body: `Every council must provide services to support children in need and their families. In England this comes from section 17 of the Children Act 1989. In Wales, councils must meet the care and support needs of children under the Social Services and Well-being (Wales) Act 2014.

## Who can ask
You can ask for yourself. A school, health visitor or GP can also refer your family, with your agreement in most cases.

## What happens next
- The council decides whether to assess your child’s needs.
- In England, an assessment should be finished within 45 working days of the referral.
- You should be told the outcome and what support, if any, will be offered.

## What support might look like
Family support workers, parenting programmes, help with childcare, short breaks for disabled children, or help with money in an emergency.

## If you are refused
Ask for the reasons in writing. You can use the council’s complaints procedure, and you can ask again if things change.`,
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
A lead professional (often from a school, children’s centre or family hub) agrees a plan with you. It should build on what your family does well.

## Getting the most from it
- Say clearly what would help.
- Ask for the plan in writing.
- Bring someone with you to meetings if you want to.`,
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
You should be invited, told why it is happening, and given the social worker’s report in good time to read it. You can bring a friend, relative or advocate. A solicitor can come, but legal aid is not usually available for conferences.

## At the conference
Professionals share information and decide whether the child needs a child protection plan. In England the plan is made under the category of abuse or neglect. In Wales children are placed on the child protection register.

## Your part
- Say what you agree with, and what you think is wrong.
- Ask for your views to be written down.
- Ask for the minutes, and ask for mistakes to be corrected.`,
  },
  {
    type: 'advice-sheet',
    subject: 'child-protection',
    title: 'The pre-proceedings process and the letter before proceedings',
    summary: 'What it means when the council writes to say it is thinking about going to court, and why you should see a solicitor now.',
    tags: 'child-protection, court',
    ...reviewed,
    body: `If the council is thinking of applying to court about your child, it will usually write to you first. This is called a letter before proceedings (or a letter of issue).

## Free legal advice
The letter entitles you to free legal advice from a solicitor, whatever your income. Take the letter to a solicitor who specialises in children law straight away.

## The pre-proceedings meeting
The letter invites you to a meeting with the council and your solicitor. The council will say what needs to change. It is a chance to agree a plan and avoid court.

## Family and friends
The council should ask who in your family could help or care for your child. Tell them early about relatives or friends who could support you.`,
  },
  {
    type: 'advice-sheet',
    subject: 'looked-after-children',
    title: 'When your child is in care: your rights as a parent',
    summary: 'Contact, information, reviews and parental responsibility when your child is looked after.',
    tags: 'looked-after-children, contact',
    ...reviewed,
    body: `A child can be looked after by the council with the parents’ agreement (section 20 in England, section 76 in Wales) or under a care order made by a court.

## Parental responsibility
You keep parental responsibility. Under a care order the council shares it and can limit how you use it.

## Contact
The council must allow reasonable contact between a child in care and their parents, unless a court says otherwise.

## Reviews
Your child’s care plan is reviewed regularly by an independent reviewing officer (IRO). You should be invited and can give your views.

## Agreement to care
If your child is looked after with your agreement, you can usually ask for them to come home at any time. Get advice before you sign anything.`,
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
The parents agree the child lives with you. You do not have parental responsibility.

## Family and friends foster care
If the council arranged for the child to live with you, you may be a foster carer and entitled to fostering allowances and support.

## Child arrangements order
A court decides the child lives with you, and you get parental responsibility while the order lasts.

## Special guardianship order
Gives you parental responsibility which you can use over that of the parents, usually until the child is 18. You can ask for an assessment of support needs.

## Get advice before you agree
Ask the council in writing how it sees the arrangement. Get advice before agreeing to anything.`,
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
  },
  {
    type: 'advice-sheet',
    subject: 'challenging-decisions',
    title: 'How to challenge a decision by children’s services',
    summary: 'Complaints, the local government ombudsman, and when a court is the right place.',
    tags: 'challenging-decisions, complaints',
    ...reviewed,
    body: `If you disagree with something children’s services have done, there are several ways to challenge it.

## Talk first
Write to the social worker and their manager. Say what decision you disagree with and what you want to happen.

## The complaints procedure
Councils have a statutory complaints procedure for children’s social care with up to three stages. Keep copies of everything you send.

## The ombudsman
If you are still unhappy after the procedure, you can complain to the Local Government and Social Care Ombudsman in England or the Public Services Ombudsman for Wales.

## Court
Some decisions can only be changed by a court. Get advice from a solicitor, especially if there are time limits.`,
  },
];
