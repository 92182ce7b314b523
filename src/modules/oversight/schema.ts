import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** An organisation's nation, for timescales and bank holidays. No row means England. */
export interface OversightNationsTable {
  organisation_id: string;
  nation: 'england' | 'wales';
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A manager's record of a supervision session about one child. */
export interface OversightSupervisionsTable {
  id: Generated<string>;
  organisation_id: string;
  team_id: string;
  child_id: string;
  held_on: string;
  attendees: string;
  discussion: string;
  actions: string;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export type DecisionStatus = 'recorded' | 'awaiting-approval' | 'approved' | 'not-approved';

/** A management decision about a child, with its rationale; some wait for a second manager's approval. */
export interface OversightDecisionsTable {
  id: Generated<string>;
  organisation_id: string;
  team_id: string;
  child_id: string;
  decision: string;
  rationale: string;
  status: DecisionStatus;
  proposed_by: string | null;
  proposed_at: CreatedAt;
  approver_id: string | null;
  approver_note: string | null;
  approved_at: Date | null;
}

/** A practitioner's challenge to a decision or the child's plan, or an escalation of the answer to one. */
export interface OversightChallengesTable {
  id: Generated<string>;
  organisation_id: string;
  team_id: string;
  child_id: string;
  decision_id: string | null;
  escalates_id: string | null;
  level: number;
  concern: string;
  raised_by: string | null;
  raised_at: CreatedAt;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    oversight_nations: OversightNationsTable;
    oversight_supervisions: OversightSupervisionsTable;
    oversight_decisions: OversightDecisionsTable;
    oversight_challenges: OversightChallengesTable;
  }
}
