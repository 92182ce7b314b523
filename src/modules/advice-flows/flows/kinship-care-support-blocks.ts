/**
 * Blocks and sources the kinship-care flow shares between outcomes. Money is the part most often got wrong: what a
 * carer can claim turns on whether the child is looked after by the council, so there is one block for each case and
 * one for a carer who does not yet know which applies.
 */
import type { Block, Condition, Source } from '../engine/flow-types.js';
import { IN_ENGLAND, IN_WALES, LINKS, inEngland, inWales, whoCanHelp } from './shared.js';

export const kinshipGuidance: Source = inEngland({
  title: 'Kinship care: statutory guidance for local authorities (Department for Education, 2024)',
  url: 'https://www.gov.uk/government/publications/kinship-care-statutory-guidance-for-local-authorities',
});
export const carePlanningRegs: Source = inEngland({
  title:
    'Care Planning, Placement and Case Review (England) Regulations 2010, regulations 24 and 25 (temporary approval of a relative or friend)',
  url: 'https://www.legislation.gov.uk/uksi/2010/959/contents',
});
export const walesCarePlanningRegs: Source = inWales({
  title:
    'Care Planning, Placement and Case Review (Wales) Regulations 2015, regulations 26 and 27 (temporary approval of a relative or friend)',
  url: 'https://www.legislation.gov.uk/wsi/2015/1818/contents',
});
export const reviewOfDeterminations: Source = inEngland({
  title: 'Independent Review of Determinations (Adoption and Fostering) Regulations 2009 (the independent review mechanism)',
  url: 'https://www.legislation.gov.uk/uksi/2009/395/contents',
});
export const irmCymru: Source = inWales({ title: 'Independent Review Mechanism Cymru', url: 'https://irm.cymru' });
export const specialGuardianshipRegs: Source = inEngland({
  title: 'Special Guardianship Regulations 2005',
  url: 'https://www.legislation.gov.uk/uksi/2005/1109/contents',
});
export const privateFosteringRegs: Source = inEngland({
  title: 'Children (Private Arrangements for Fostering) Regulations 2005',
  url: 'https://www.legislation.gov.uk/uksi/2005/1533/contents',
});
export const admissionsCode: Source = inEngland({
  title: 'School Admissions Code (England)',
  url: 'https://www.gov.uk/government/publications/school-admissions-code--2',
});
export const childBenefitRegs: Source = {
  title: 'Child Benefit (General) Regulations 2006, regulation 16 (children looked after by a council)',
  url: 'https://www.legislation.gov.uk/uksi/2006/223/regulation/16',
};
export const universalCreditRegs: Source = {
  title: 'Universal Credit Regulations 2013, regulation 4 (who counts as responsible for a child; foster children)',
  url: 'https://www.legislation.gov.uk/uksi/2013/376/regulation/4',
};

const childBenefitLink = { text: 'Child Benefit (GOV.UK)', url: 'https://www.gov.uk/child-benefit' };
const guardiansAllowanceLink = { text: 'Guardian’s Allowance (GOV.UK)', url: 'https://www.gov.uk/guardians-allowance' };

/** For a child who is not looked after: an informal arrangement, private fostering, or an order that ended care. */
export const moneyNotLookedAfter: Block = {
  heading: 'Money you may be able to get',
  bullets: [
    'Child Benefit, if the child lives with you. Only one person can get it for a child, so the parent may need to stop claiming.',
    'Guardian’s Allowance, on top of Child Benefit, if you are bringing up a child whose parents have died. In some cases it can be paid when one parent has died and the other cannot be found or is in prison.',
    'Universal Credit, or other benefits, may go up because the child lives with you. Tell the benefits office about the change.',
    'Some councils pay an allowance to kinship carers, especially when children’s services were involved. Ask the council what it can give.',
  ],
  links: [childBenefitLink, guardiansAllowanceLink],
};

/** For a child who is looked after and placed with the carer as a foster carer. */
export const moneyLookedAfter: Block = {
  heading: 'Money when the child is looked after',
  bullets: [
    'A fostering allowance from the council, for the child’s keep. Family and friends foster carers should be paid on the same basis as other foster carers.',
    'Child Benefit is not paid for a child who is looked after by the council and placed with you as a foster carer. If you or the parent were claiming it, tell the Child Benefit Office that the child is now looked after.',
    'Universal Credit does not include the child element for a child you foster. A fostering allowance does not count as income for Universal Credit.',
  ],
  links: [childBenefitLink],
};

/** For a carer who does not yet know the child's status: what changes with it, and why to ask in writing. */
export const moneyByStatus: Block = {
  heading: 'Money depends on whether the child is looked after',
  paragraphs: [
    'What you can claim turns on the child’s legal status, so ask the council to tell you in writing whether the child is looked after before you claim anything.',
  ],
  bullets: [
    'If the child is looked after and placed with you as a foster carer, you should get a fostering allowance from the council. Child Benefit is not paid for the child, and Universal Credit does not include the child element for them.',
    'If the child is not looked after, you may be able to claim Child Benefit, and your Universal Credit may go up. The council may also pay a kinship allowance.',
  ],
  links: [childBenefitLink],
};

export const schoolBlock: Block = {
  heading: 'School places',
  paragraphs: [
    'In England, children who are in care, and children who left care through an adoption, a special guardianship order or a child arrangements order, get top priority for school places. They can also get extra support at school through the local virtual school head.',
  ],
  when: IN_ENGLAND,
};

export const adviceFirst: Block = {
  style: 'warning',
  paragraphs: [
    'Get independent advice before you agree to anything with children’s services or sign anything. What you agree now can affect the money and support you get for years.',
  ],
};

export const walesKinship: Block = {
  when: IN_WALES,
  heading: 'In Wales',
  style: 'inset',
  paragraphs: [
    'In Wales, the Social Services and Well-being (Wales) Act 2014 applies. You can ask the council for an assessment of the child’s needs for care and support, and of your own needs as a carer. It should start with a conversation about what matters to you and the child.',
    'Wales has its own rules on fostering, allowances and support. The main court orders are the same as in England. Ask the council to tell you in writing what support it offers kinship carers.',
  ],
};

/** Temporary approval and what to do if the fostering panel says no: time limits matter, so each country has its own. */
export const approvalBlocks: Block[] = [
  {
    when: IN_ENGLAND,
    heading: 'Approval as a foster carer in England',
    paragraphs: [
      'If the child needed to come to you quickly, the council can approve you as a foster carer for that child for up to 16 weeks while it carries out a full fostering assessment. If the assessment is not finished in time, the council can extend this once, by up to 8 more weeks. A fostering panel then recommends whether you should be approved.',
      'If the council decides not to approve you, its letter lets you choose one of two things: ask the council to look again, or ask the independent review mechanism (IRM) to review the decision. You cannot do both. An application to the IRM must reach it within 28 days of the date of the letter. While the IRM review goes on, the council can extend your temporary approval until the outcome is known.',
    ],
  },
  {
    when: IN_WALES,
    heading: 'Approval as a foster carer in Wales',
    style: 'inset',
    paragraphs: [
      'Wales has its own regulations for approving family and friends foster carers (connected persons). You can also be approved for a limited time while you are assessed. Ask the council how long your temporary approval lasts and when it ends.',
      'If the council decides not to approve you, you can ask it to look again, or apply to Independent Review Mechanism Cymru. An application to IRM Cymru must be made within 28 days.',
    ],
  },
];

export const kinshipHelp = () => whoCanHelp({ links: [LINKS.kinship] });

/** Not a close relative in law (Children Act 1989, section 105): a parent's unmarried partner is not a step-parent. */
export const notCloseRelative: Condition = { question: 'relationship', in: ['parents-partner', 'other-relative', 'friend'] };

/** Help from the council for a child who needs more: a different law in each country. */
export const askForAnAssessment: Block[] = [
  {
    when: IN_ENGLAND,
    paragraphs: [
      'If you are struggling, you can ask the council for an assessment of the child’s needs. In England, a child who needs extra help may be a "child in need" under section 17 of the Children Act 1989, and the council can give support, including money in some cases.',
    ],
  },
  {
    when: IN_WALES,
    paragraphs: [
      'If you are struggling, you can ask the council for an assessment of the child’s needs for care and support, and of your own needs as a carer, under the Social Services and Well-being (Wales) Act 2014. Support the council agrees to give is set out in a care and support plan.',
    ],
  },
];

/** The kinship local offer replaced the "family and friends care policy" in England; the Act of 2026 puts it in law. */
export const kinshipLocalOffer: Block = {
  when: IN_ENGLAND,
  heading: 'The council’s kinship local offer (England)',
  paragraphs: [
    'Every council in England must publish a kinship local offer: what support, money and services it offers children in kinship care and their carers. It takes the place of the old "family and friends" policy that councils used to publish. The Kinship care statutory guidance (2024) asks for it, and section 5 of the Children’s Wellbeing and Schools Act 2026 puts it into the Children Act 1989; the Act says that section comes into force two months after the Act was passed on 29 April 2026.',
    'Ask the council for its kinship local offer, or look for it on the council’s website.',
  ],
};
