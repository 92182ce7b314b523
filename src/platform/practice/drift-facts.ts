/**
 * What the oversight module counts statutory timescales and drift from, served by the modules that hold it: the
 * assessments module its assessments, the plans module its plans. Dates are London days (YYYY-MM-DD). Oversight reads
 * facts only, never another module's tables, so that each module keeps its own shape.
 */
export interface AssessmentFact {
  childId: string;
  assessmentId: string;
  startedOn: string;
  /** When the author finished it and asked a manager to authorise it. */
  completedOn: string | null;
  authorisedOn: string | null;
}

export interface PlanFact {
  childId: string;
  planId: string;
  type: 'early-help' | 'child-in-need' | 'child-protection';
  /** A child protection plan's category of abuse (NEG, PHY, EMO, SAB or MUL); null for other plans. */
  category: 'NEG' | 'PHY' | 'EMO' | 'SAB' | 'MUL' | null;
  startedOn: string;
  endedOn: string | null;
  /** The initial child protection conference that made the plan; null for other plans. */
  initialConferenceOn: string | null;
  coreGroupsOn: string[];
  /** Review conferences held, oldest first. */
  reviewsOn: string[];
  /** The next review conference booked, if one is. */
  nextReviewOn: string | null;
  /** For each review held, in the same order: how many of the plan's actions changed their progress since the one before. */
  actionsMovedAtReviews: number[];
}

export type AssessmentFacts = (childIds: readonly string[]) => Promise<AssessmentFact[]>;
export type PlanFacts = (childIds: readonly string[]) => Promise<PlanFact[]>;
