/**
 * The subjects that advice is grouped by. Advice sheets, FAQs and posts are filed under them, and the advice line
 * records a call's topics with them, so a manager can set what callers ask about against what the site offers.
 */
export const SUBJECTS = [
  { slug: 'family-support', name: 'Family support' },
  { slug: 'child-protection', name: 'Child protection' },
  { slug: 'looked-after-children', name: 'Looked-after children' },
  { slug: 'kinship-care', name: 'Family and friends (kinship) care' },
  { slug: 'adoption', name: 'Adoption' },
  { slug: 'challenging-decisions', name: 'Challenging decisions' },
] as const;

export function subjectName(slug: string): string | undefined {
  return SUBJECTS.find((s) => s.slug === slug)?.name;
}
