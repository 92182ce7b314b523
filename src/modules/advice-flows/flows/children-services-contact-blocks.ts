/**
 * The blocks the "children's services have contacted me" flow shows on every everyday outcome: the family's rights,
 * what agreeing to each request means, and help to take part. Kept apart so the flow file reads as the journey.
 */
import type { Block, Condition } from '../engine/flow-types.js';

const asked = (value: string): Condition => ({ question: 'asked-to-agree', includes: value });
const needs = (value: string): Condition => ({ question: 'help-needed', includes: value });

/** Your rights: shown on every outcome reached through the everyday stages (referral, early help, assessment, enquiries). */
export const rightsBlock: Block = {
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
export const consentBlocks: Block[] = [
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

export const helpNeededBlocks: Block[] = [
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
