import type { ColumnType, Generated } from 'kysely';

/** A version of an assessment framework: an organisation's own (loaded from JSON), or the built-in default (no organisation). */
export interface AssessmentFrameworksTable {
  id: Generated<string>;
  organisation_id: string | null;
  version: number;
  title: string;
  /** The framework as framework/format.ts describes it, checked before it was stored. */
  definition: ColumnType<unknown, string, never>;
  loaded_by: string;
  loaded_at: ColumnType<Date, Date | string | undefined, never>;
}

export type AssessmentState = 'in-progress' | 'completed' | 'authorised';

/** One assessment of one child's needs, with the family's circumstances apart. Days are London days, YYYY-MM-DD. */
export interface AssessmentsTable {
  id: Generated<string>;
  child_id: string;
  organisation_id: string;
  /** The child's team when the assessment last changed: whose managers authorise it. */
  team_id: string | null;
  framework_id: string;
  state: ColumnType<AssessmentState, AssessmentState | undefined, AssessmentState>;
  started_on: string;
  completed_on: string | null;
  completed_at: Date | null;
  authorised_on: string | null;
  author_id: string | null;
  author_label: string;
  authorised_by_id: string | null;
  authorised_by_label: string | null;
  child_words: ColumnType<string, string | undefined, string>;
  /** Why a manager last sent it back; cleared when it is completed again. */
  returned_reason: string | null;
  returned_at: Date | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AssessmentAuthorsTable {
  assessment_id: string;
  user_id: string;
}

export interface AssessmentGradesTable {
  assessment_id: string;
  question_key: string;
  grade: number;
  evidence: string;
}

export interface AssessmentDomainViewsTable {
  assessment_id: string;
  domain_key: string;
  professional_view: string;
  parents_view: string;
}

/** A circumstance of the family: a pressure or not, and the support offered for it. Never a grade. */
export interface AssessmentCircumstancesTable {
  assessment_id: string;
  circumstance_key: string;
  pressure: boolean;
  note: string;
  support_offered: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    assessment_frameworks: AssessmentFrameworksTable;
    assessments: AssessmentsTable;
    assessment_authors: AssessmentAuthorsTable;
    assessment_grades: AssessmentGradesTable;
    assessment_domain_views: AssessmentDomainViewsTable;
    assessment_circumstances: AssessmentCircumstancesTable;
  }
}
