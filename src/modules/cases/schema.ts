import type { ColumnType, Generated } from 'kysely';

/**
 * The practice door's records, shaped after the Standard Safeguarding Dataset: families and their people, households
 * and addresses over time, CIN census episodes, and a chronology whose events are never edited in place. Every row
 * belongs to one organisation (through its family) and never crosses into another. Days are YYYY-MM-DD text, London.
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface CaseFamiliesTable {
  id: Generated<string>;
  organisation_id: string;
  team_id: string;
  allocated_worker_id: string | null;
  name: string;
  /** Moves on with every change to what the family's chronology pages show (migration 2026-12-05-20). */
  chronology_stamp: ColumnType<string, never, never>;
  created_at: CreatedAt;
}

export type PersonKind = 'child' | 'adult';

export interface CasePeopleTable {
  id: Generated<string>;
  organisation_id: string;
  family_id: string;
  kind: PersonKind;
  /** A plainly synthetic identifier ("SYN-…"), never a real one. */
  reference: Generated<string>;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  allocated_worker_id: string | null;
  created_at: CreatedAt;
}

export interface CaseHouseholdMembersTable {
  id: Generated<number>;
  family_id: string;
  person_id: string;
  from_day: string;
  to_day: string | null;
}

export const RELATIONSHIP_KINDS = ['parent', 'step-parent', 'partner-of-parent', 'sibling', 'grandparent', 'kinship-carer'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export interface CaseRelationshipsTable {
  id: Generated<number>;
  /** The child (or adult) the relationship is seen from: `relative_id` is their `kind`. */
  person_id: string;
  relative_id: string;
  kind: RelationshipKind;
  parental_responsibility: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CaseAddressesTable {
  id: Generated<number>;
  family_id: string;
  lines: string;
  postcode: string;
  from_day: string;
  to_day: string | null;
}

/** One CIN episode with the DfE CIN census fields (check codes against the DfE CIN census guide before a return). */
export interface CaseEpisodesTable {
  id: Generated<string>;
  child_id: string;
  referral_date: string;
  referral_source: string;
  primary_need: string | null;
  assessment_start: string | null;
  assessment_authorised: string | null;
  assessment_factors: ColumnType<string[], string | undefined, string>;
  s47_start: string | null;
  strategy_discussion_on: string | null;
  conference_on: string | null;
  plan_type: 'child-in-need' | 'child-protection' | null;
  plan_start: string | null;
  plan_end: string | null;
  abuse_category: 'NEG' | 'PHY' | 'EMO' | 'SAB' | 'MUL' | null;
  closed_on: string | null;
  closure_reason: string | null;
}

export interface CaseEventsTable {
  id: Generated<string>;
  family_id: string;
  current_version_id: number | string | null;
  versions: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface CaseEventVersionsTable {
  id: Generated<number>;
  event_id: string;
  version: number;
  kind: string;
  occurred_on: string;
  agency: string;
  significance: string;
  plan_type: string | null;
  summary: string;
  /** Null on the first version; every later version says why it was corrected. */
  correction_reason: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: CreatedAt;
}

export interface CaseEventPeopleTable {
  person_id: string;
  event_id: string;
}

export interface CaseEventNotesTable {
  id: Generated<number>;
  event_id: string;
  author_id: string | null;
  author_label: string;
  body: string;
  written_at: CreatedAt;
}

export interface CaseFlagsTable {
  id: Generated<number>;
  family_id: string;
  child_id: string;
  rule: string;
  event_ids: Json<string[]>;
  explanation: string;
  raised_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseBreakGlassTable {
  id: Generated<number>;
  user_id: string;
  child_id: string;
  session_hash: string;
  reason: string;
  granted_at: CreatedAt;
}

/** Moves whenever anyone's list of held children in the organisation could change (the roster-stamp migration). */
export interface CaseRostersTable {
  organisation_id: string;
  stamp: ColumnType<string, never, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    case_families: CaseFamiliesTable;
    case_people: CasePeopleTable;
    case_household_members: CaseHouseholdMembersTable;
    case_relationships: CaseRelationshipsTable;
    case_addresses: CaseAddressesTable;
    case_episodes: CaseEpisodesTable;
    case_events: CaseEventsTable;
    case_event_versions: CaseEventVersionsTable;
    case_event_people: CaseEventPeopleTable;
    case_event_notes: CaseEventNotesTable;
    case_flags: CaseFlagsTable;
    case_break_glass: CaseBreakGlassTable;
    case_rosters: CaseRostersTable;
  }
}
