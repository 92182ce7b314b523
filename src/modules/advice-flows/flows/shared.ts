/**
 * Pieces the built-in flows share: the country conditions, the "who can help" block and the sources most outcomes
 * rest on. Each flow asks the country question under the id `country`, first, so these conditions are always safe.
 */
import type { Block, Condition, Link, Source } from '../engine/flow-types.js';

export const IN_ENGLAND: Condition = { question: 'country', equals: 'england' };
export const IN_WALES: Condition = { question: 'country', equals: 'wales' };

export const COUNTRY_QUESTION = {
  kind: 'country',
  text: 'Where does the child live?',
  hint: 'The rules are mostly the same in England and Wales, but some steps, time limits and names are different.',
} as const;

export const LINKS = {
  findLegalAid: { text: 'Find a legal aid solicitor (GOV.UK)', url: 'https://www.gov.uk/find-a-legal-adviser' },
  checkLegalAid: { text: 'Check if you can get legal aid (GOV.UK)', url: 'https://www.gov.uk/check-legal-aid' },
  lawSociety: { text: 'Find a solicitor (The Law Society)', url: 'https://solicitors.lawsociety.org.uk' },
  familyRightsGroup: { text: 'Family Rights Group: advice for parents and family members', url: 'https://frg.org.uk' },
  citizensAdvice: { text: 'Citizens Advice', url: 'https://www.citizensadvice.org.uk' },
  kinship: { text: 'Kinship: advice for kinship carers', url: 'https://kinship.org.uk' },
  allGuidedAdvice: { text: 'All guided advice on Hearth', path: '/advice/guided' },
  // Pages of other modules: shown only where those modules are switched on.
  adviceLine: { text: 'Our free advice line: call us or ask for a callback', path: '/advice-line', module: 'helpline' },
  adviceSheets: { text: 'Our advice sheets, by subject', path: '/advice', module: 'content' },
  faqs: { text: 'Answers to common questions', path: '/faqs', module: 'content' },
  boards: { text: 'Talk to other parents and carers who have been there', path: '/boards', module: 'boards' },
  conferenceFlow: {
    text: 'Guided advice: I have been invited to a child protection conference',
    path: '/advice/guided/child-protection-conference',
  },
  contactFlow: {
    text: "Guided advice: children's services have contacted me",
    path: '/advice/guided/children-services-contact',
  },
  kinshipFlow: { text: "Guided advice: caring for a relative's or friend's child", path: '/advice/guided/kinship-care-support' },
  challengeFlow: { text: 'Guided advice: challenge a decision or complain', path: '/advice/guided/challenge-a-decision' },
} satisfies Record<string, Link>;

/** The "who can help" block every outcome ends with. `extra` adds paragraphs and links that fit the situation. */
export function whoCanHelp(extra: { paragraphs?: string[]; links?: Link[] } = {}): Block {
  return {
    heading: 'Who can help',
    paragraphs: [
      "A family law solicitor can explain your rights and what to say. Many give some free advice when children's services are involved. Look for one who is a member of the Law Society's Children Law Accreditation scheme, or who does legal aid work.",
      "Legal aid: if the council sends a letter before proceedings, or starts care proceedings (asks a court to decide about your child's care), parents and others with parental responsibility get legal aid whatever their income. Before that, for example for advice about a child protection conference, legal aid depends on your income and savings.",
      ...(extra.paragraphs ?? []),
      'Independent advice services can also talk things through with you, free and in confidence.',
    ],
    links: [
      LINKS.adviceLine,
      LINKS.findLegalAid,
      LINKS.lawSociety,
      LINKS.familyRightsGroup,
      LINKS.citizensAdvice,
      ...(extra.links ?? []),
      LINKS.adviceSheets,
      LINKS.faqs,
      LINKS.boards,
      LINKS.allGuidedAdvice,
    ],
  };
}

/** The day the facts in the built-in flows were last checked against their sources. */
export const CHECKED = '2026-12-03';

const legislation = (path: string) => `https://www.legislation.gov.uk/${path}`;

/** A source shown only to families in England, or only in Wales: so that neither is sent to the other's law. */
export const inEngland = (source: Source): Source => ({ ...source, when: IN_ENGLAND });
export const inWales = (source: Source): Source => ({ ...source, when: IN_WALES });

export const SOURCES = {
  childrenAct: { title: 'Children Act 1989', url: legislation('ukpga/1989/41/contents') },
  childrenActSection: (section: string, about: string): Source => ({
    title: `Children Act 1989, section ${section} (${about})`,
    url: legislation(`ukpga/1989/41/section/${section}`),
  }),
  workingTogether: inEngland({
    title: 'Working Together to Safeguard Children 2023 (statutory guidance, England)',
    url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
  }),
  walesAct: inWales({
    title: 'Social Services and Well-being (Wales) Act 2014',
    url: legislation('anaw/2014/4/contents'),
  }),
  walesActSection: (section: string, about: string): Source =>
    inWales({
      title: `Social Services and Well-being (Wales) Act 2014, section ${section} (${about})`,
      url: legislation(`anaw/2014/4/section/${section}`),
    }),
  walesAssessment: inWales({
    title: 'Social Services and Well-being (Wales) Act 2014, Part 3 (assessing needs for care and support) and its code of practice',
    url: legislation('anaw/2014/4/part/3'),
  }),
  walesProcedures: inWales({ title: 'Wales Safeguarding Procedures', url: 'https://www.safeguarding.wales' }),
  legalAidMeans: {
    title: 'Civil Legal Aid (Financial Resources and Payment for Services) Regulations 2013, regulation 5 (when there is no means test)',
    url: legislation('uksi/2013/480/regulation/5'),
  },
  publicLawOutline: {
    title: 'Family Procedure Rules, Practice Direction 12A (the Public Law Outline)',
    url: 'https://www.justice.gov.uk/courts/procedure-rules/family/practice_directions/pd_part_12a',
  },
  wellbeingAndSchoolsAct: (section: string, about: string): Source =>
    inEngland({
      title: `Children’s Wellbeing and Schools Act 2026, section ${section} (${about})`,
      url: legislation(`ukpga/2026/21/section/${section}`),
    }),
} satisfies Record<string, Source | ((section: string, about: string) => Source)>;
