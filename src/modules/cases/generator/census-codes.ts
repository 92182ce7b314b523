/**
 * The DfE Children in Need census codes the synthetic records carry, so that a census return can later be built from
 * them. Written from memory of the census guide: check every code and label against the current DfE "Children in need
 * census" guide before a real return is made from them.
 */

export const REFERRAL_SOURCES = {
  '1A': 'Individual',
  '1B': 'Individual: family member, relative or carer',
  '1C': 'Individual: acquaintance',
  '1D': 'Individual: self',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: health visitor',
  '3C': 'Health services: school nurse',
  '3D': 'Health services: other primary health services',
  '3E': 'Health services: A&E (emergency department)',
  '3F': 'Health services: other',
  '4': 'Housing',
  '5A': 'Local authority services: social care',
  '5B': 'Local authority services: other internal',
  '5C': 'Local authority services: external',
  '5D': 'Early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const;

export const PRIMARY_NEEDS = {
  N0: 'Not stated',
  N1: 'Abuse or neglect',
  N2: "Child's disability or illness",
  N3: "Parent's disability or illness",
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
} as const;

export const CATEGORIES_OF_ABUSE = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  EMO: 'Emotional abuse',
  SAB: 'Sexual abuse',
  MUL: 'Multiple categories',
} as const;

export const CLOSURE_REASONS = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social services',
  RC7: 'Services ceased for any other reason, including the child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
} as const;

/** A few of the factors identified at the end of assessment (the census lists many more). */
export const ASSESSMENT_FACTORS = {
  '1B': 'Alcohol misuse: concerns about the parent or carer',
  '2B': 'Drug misuse: concerns about the parent or carer',
  '3B': 'Domestic abuse: concerns about the parent or carer',
  '4B': 'Mental health: concerns about the parent or carer',
  '21': 'No factors identified',
  '8B': 'Child missing from home',
  '16A': 'Abuse or neglect: neglect',
  '17A': 'Abuse or neglect: emotional abuse',
  '18B': 'Abuse or neglect: physical abuse',
} as const;

export type ReferralSourceCode = keyof typeof REFERRAL_SOURCES;
export type PrimaryNeedCode = keyof typeof PRIMARY_NEEDS;
export type CategoryOfAbuse = keyof typeof CATEGORIES_OF_ABUSE;
export type ClosureReasonCode = keyof typeof CLOSURE_REASONS;
export type AssessmentFactorCode = keyof typeof ASSESSMENT_FACTORS;

/** The agency a referral from each source is recorded against in the chronology. */
export function agencyOfSource(source: ReferralSourceCode): string {
  if (source.startsWith('1') || source === '9' || source === '10') return 'family or public';
  if (source.startsWith('2')) return 'school';
  if (source.startsWith('3')) return 'health';
  if (source === '4') return 'housing';
  if (source === '6') return 'police';
  if (source === '5D') return 'early help';
  if (source.startsWith('5')) return "children's social care";
  return 'other agency';
}
