import { type FlagEvent, type PlanType } from '../chronology/event-kinds.js';
import {
  type AssessmentFactorCode,
  type CategoryOfAbuse,
  type ClosureReasonCode,
  type PrimaryNeedCode,
  type ReferralSourceCode,
} from './census-codes.js';

/**
 * A plainly synthetic family as the generator and the demo caseload build it: the people, where they lived, the
 * children's episodes with their census codes, and the family's chronology. Nothing here is stored; the records module
 * decides how to keep it.
 */
export interface SyntheticFamily {
  id: string;
  familyName: string;
  /** For the demo caseload: the family's story in plain words, for whoever shows the demo. */
  story: string | null;
  children: SyntheticChild[];
  adults: SyntheticAdult[];
  households: SyntheticHousehold[];
  episodes: SyntheticEpisode[];
  events: SyntheticEvent[];
}

export interface SyntheticChild {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

export const RELATIONSHIPS = ['parent', 'step-parent', 'partner-of-parent', 'grandparent', 'kinship-carer'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** An adult of the family, related to every child of it in the same way (the generator keeps families that simple). */
export interface SyntheticAdult {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  /** Null when the source did not say (an import), so that no relationship is made up. */
  relationship: Relationship | null;
  parentalResponsibility: boolean;
}

/** Who lived at an address, from one day to another (`to` null: they live there now). */
export interface SyntheticHousehold {
  id: string;
  address: string;
  from: string;
  to: string | null;
  memberIds: string[];
}

/** One child's episode of help, as the CIN census counts it: from referral to closure. */
export interface SyntheticEpisode {
  id: string;
  childId: string;
  referralOn: string;
  referralSource: ReferralSourceCode;
  primaryNeed: PrimaryNeedCode;
  assessment: { startedOn: string; authorisedOn: string | null; factors: AssessmentFactorCode[] } | null;
  section47On: string | null;
  plan: { type: PlanType; startedOn: string; endedOn: string | null; categoryOfAbuse: CategoryOfAbuse | null } | null;
  closedOn: string | null;
  closureReason: ClosureReasonCode | null;
}

/** A chronology event: what the flags read, plus the words a worker would have written and who wrote them. */
export interface SyntheticEvent extends FlagEvent {
  summary: string;
  recordedBy: string;
  recordedOn: string;
}

/** Who the synthetic records say wrote them: a placeholder, never a person. */
export const SYNTHETIC_RECORDER = 'synthetic-data';
