/** The kinship-care outcomes for a carer who already has a court order: what each order gives, and what to check. */
import type { Outcome } from '../engine/flow-types.js';
import {
  admissionsCode,
  askForAnAssessment,
  childBenefitRegs,
  kinshipGuidance,
  kinshipHelp,
  kinshipLocalOffer,
  moneyByStatus,
  moneyNotLookedAfter,
  schoolBlock,
  specialGuardianshipRegs,
  walesKinship,
} from './kinship-care-support-blocks.js';
import { IN_ENGLAND, SOURCES, inEngland } from './shared.js';

export const courtOrderOutcomes: Record<string, Outcome> = {
  'special-guardianship': {
    title: 'You are the child’s special guardian',
    summary:
      'A special guardianship order gives you parental responsibility until the child is 18, and you can ask the council for a support assessment.',
    blocks: [
      {
        paragraphs: [
          'A special guardianship order means the child lives with you and you have parental responsibility until they are 18. The parents keep parental responsibility too, but in most things you can decide without asking them.',
          'Some decisions still need the parents’ agreement or a court order, such as changing the child’s surname or taking them abroad for more than 3 months (the same in England and Wales).',
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
      moneyNotLookedAfter,
      kinshipLocalOffer,
      schoolBlock,
      walesKinship,
      kinshipHelp(),
    ],
    sources: [
      SOURCES.childrenActSection('14A', 'special guardianship orders'),
      SOURCES.childrenActSection('14F', 'special guardianship support services'),
      specialGuardianshipRegs,
      kinshipGuidance,
      admissionsCode,
    ],
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
          'Some councils pay a child arrangements order allowance, especially if the child was in care before. Ask what the council offers.',
        ],
      },
      ...askForAnAssessment,
      moneyNotLookedAfter,
      kinshipLocalOffer,
      schoolBlock,
      walesKinship,
      kinshipHelp(),
    ],
    sources: [
      SOURCES.childrenActSection('8', 'child arrangements orders'),
      inEngland(SOURCES.childrenActSection('17', 'children in need')),
      SOURCES.walesActSection('21', 'assessing a child’s needs for care and support'),
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
          'Care order or interim care order: the child is in care, and you should be assessed and approved as their foster carer.',
          'Supervision order: a social worker advises, helps and keeps an eye on the child for a set time, often alongside another order. It does not give you parental responsibility.',
          'Adoption order: you are the child’s legal parent. Relatives adopt only rarely, because it ends the legal link with the birth parents.',
        ],
      },
      {
        paragraphs: [
          'If you are unsure, ask the solicitor who acted in the case, the child’s social worker, or the court that made the order. Then use this guide again with the right order.',
        ],
      },
      moneyByStatus,
      walesKinship,
      kinshipHelp(),
    ],
    sources: [
      SOURCES.childrenActSection('8', 'child arrangements orders'),
      SOURCES.childrenActSection('14A', 'special guardianship orders'),
      SOURCES.childrenActSection('31', 'care and supervision orders'),
      { title: 'Adoption and Children Act 2002', url: 'https://www.legislation.gov.uk/ukpga/2002/38/contents' },
      childBenefitRegs,
    ],
  },
};
