/**
 * Where to get help now: the one list that every page which may be read by a family in danger shows (guided-advice
 * outcomes, advice sheets, the boards' danger page), in the same words on the page, in PDFs and in the API. Modules
 * may add their own service after it (the boards add the advice line where Hearth has one), but never copy it.
 *
 * Hours are given only where the service itself publishes them as round the clock; anything else would go stale.
 */
export interface UrgentContact {
  name: string;
  /** One sentence for the family: when to use it and what it costs. */
  how: string;
  /** A number to dial, as written on the page ("116 123"); absent where each council has its own. */
  phone?: string;
  /** A page of this Hearth, for a module's own addition. */
  href?: string;
}

export const URGENT_HELP: readonly UrgentContact[] = [
  {
    name: 'Emergency services',
    phone: '999',
    how: 'Call 999 if a child, you or anyone else is in danger right now.',
  },
  {
    name: 'Your council’s out-of-hours social work team',
    how: 'If you are worried about a child’s safety at night, at a weekend or on a bank holiday, call your council’s emergency duty team. The number is on your council’s website. If someone is in danger now, call 999.',
  },
  {
    name: 'Samaritans',
    phone: '116 123',
    how: 'Call 116 123, free, 24 hours a day, if you are finding it hard to cope and want to talk to someone.',
  },
  {
    name: 'National Domestic Abuse Helpline (England)',
    phone: '0808 2000 247',
    how: 'In England, call 0808 2000 247, free, 24 hours a day, if you or your children are experiencing domestic abuse.',
  },
  {
    name: 'Live Fear Free (Wales)',
    phone: '0808 80 10 800',
    how: 'In Wales, call 0808 80 10 800, free, 24 hours a day, about domestic abuse or sexual violence.',
  },
  {
    name: 'NSPCC helpline',
    phone: '0808 800 5000',
    how: 'Call 0808 800 5000, free, if you are an adult worried about a child and want to talk it through with someone.',
  },
];

/** The number as a tel: link: digits only, so that every phone dials it. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
