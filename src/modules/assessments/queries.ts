import type { Db } from '../../platform/db/database.js';
import type { Framework } from './framework/format.js';
import type { Frameworks } from './framework/service.js';
import type { AssessmentState } from './schema.js';

export interface GradeEntry {
  grade: number;
  evidence: string;
}

export interface DomainView {
  professional: string;
  parents: string;
}

export interface CircumstanceEntry {
  pressure: boolean;
  note: string;
  supportOffered: string;
}

/** What an author writes in an assessment: every part, as a whole, so that a save is one change. */
export interface AssessmentContent {
  grades: Record<string, GradeEntry>;
  views: Record<string, DomainView>;
  circumstances: Record<string, CircumstanceEntry>;
  childWords: string;
}

export interface AssessmentHeader {
  id: string;
  childId: string;
  organisationId: string;
  teamId: string | null;
  frameworkId: string;
  state: AssessmentState;
  startedOn: string;
  completedOn: string | null;
  completedAt: Date | null;
  authorisedOn: string | null;
  author: string;
  authorisedBy: string | null;
  returnedReason: string | null;
}

export interface Assessment extends AssessmentHeader, AssessmentContent {
  framework: Framework;
  frameworkVersion: number;
  /** Everyone who wrote in it: none of them may authorise it. */
  authorIds: string[];
}

export const headers = (db: Db) =>
  db
    .selectFrom('assessments')
    .select([
      'id',
      'child_id as childId',
      'organisation_id as organisationId',
      'team_id as teamId',
      'framework_id as frameworkId',
      'state',
      'started_on as startedOn',
      'completed_on as completedOn',
      'completed_at as completedAt',
      'authorised_on as authorisedOn',
      'author_label as author',
      'authorised_by_label as authorisedBy',
      'returned_reason as returnedReason',
    ]);

/** The grades of these assessments, by assessment. */
export async function gradesOf(db: Db, ids: readonly string[]): Promise<Map<string, Record<string, GradeEntry>>> {
  const byAssessment = new Map<string, Record<string, GradeEntry>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return byAssessment;
  const rows = await db.selectFrom('assessment_grades').selectAll().where('assessment_id', 'in', ids).execute();
  for (const row of rows) byAssessment.get(row.assessment_id)![row.question_key] = { grade: row.grade, evidence: row.evidence };
  return byAssessment;
}

/** One assessment of one child, whole, read with the framework it was made with; null when there is none. */
export async function assessmentOf(db: Db, frameworks: Frameworks, childId: string, id: string): Promise<Assessment | null> {
  const header = await headers(db).where('id', '=', id).where('child_id', '=', childId).executeTakeFirst();
  if (!header) return null;
  const [grades, views, circumstances, extra, authors, stored] = await Promise.all([
    gradesOf(db, [id]),
    db.selectFrom('assessment_domain_views').selectAll().where('assessment_id', '=', id).execute(),
    db.selectFrom('assessment_circumstances').selectAll().where('assessment_id', '=', id).execute(),
    db.selectFrom('assessments').select('child_words').where('id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('assessment_authors').select('user_id').where('assessment_id', '=', id).execute(),
    frameworks.byId(header.frameworkId),
  ]);
  return {
    ...header,
    framework: stored.framework,
    frameworkVersion: stored.version,
    grades: grades.get(id)!,
    views: Object.fromEntries(views.map((v) => [v.domain_key, { professional: v.professional_view, parents: v.parents_view }])),
    circumstances: Object.fromEntries(
      circumstances.map((c) => [c.circumstance_key, { pressure: c.pressure, note: c.note, supportOffered: c.support_offered }]),
    ),
    childWords: extra.child_words,
    authorIds: authors.map((a) => a.user_id),
  };
}
