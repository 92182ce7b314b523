import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { addDays, londonDay } from '../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './framework/default-framework.js';
import { questionsOf } from './framework/format.js';
import { storedDefaultFrameworkId } from './framework/service.js';

/** The little of a seeded random source this needs; the cases generator's `seededRandom` is one. */
export interface SyntheticRandom {
  next(): number;
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  uuid(): string;
}

/** Where the children are, when the caller knows: otherwise the one local authority there is. */
export interface SyntheticPlacement {
  organisationId: string;
  teamId: string | null;
}

export interface SyntheticCounts {
  assessments: number;
  grades: number;
}

// Rows per insert: well under PostgreSQL's 65,535 parameters for the widest table here (17 columns).
const ROWS_PER_INSERT = 2_000;
const LABEL = 'synthetic data';

async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await insert(rows.slice(start, start + ROWS_PER_INSERT));
}

interface Planned {
  id: string;
  childId: string;
  startedOn: string;
  completedOn: string | null;
  authorisedOn: string | null;
  state: 'in-progress' | 'completed' | 'authorised';
  baseGrade: number;
}

/**
 * Plainly synthetic assessments for many children at once (a benchmark's 50,000): each child gets an authorised
 * assessment, and some a later re-assessment still in progress or waiting for authorisation. Plain inserts in batches,
 * run in the caller's transaction if it passes one. Authorised ones are written as completed and then authorised, as
 * the database allows no change to an authorised assessment.
 */
export async function generateSyntheticAssessments(
  db: Db,
  childIds: readonly string[],
  random: SyntheticRandom,
  placement?: SyntheticPlacement,
): Promise<SyntheticCounts> {
  if (childIds.length === 0) return { assessments: 0, grades: 0 };
  const where = placement ?? (await onlyAuthority(db));
  const frameworkId = await storedDefaultFrameworkId(db);
  const today = londonDay(new Date());
  const first: Planned[] = [];
  const second: Planned[] = [];
  for (const childId of childIds) {
    const startedOn = addDays(today, -random.int(120, 700));
    const completedOn = addDays(startedOn, random.int(10, 70));
    const baseGrade = random.int(1, 4);
    first.push({
      id: random.uuid(),
      childId,
      startedOn,
      completedOn,
      authorisedOn: addDays(completedOn, random.int(0, 10)),
      state: 'authorised',
      baseGrade,
    });
    if (random.chance(0.4)) {
      const again = addDays(today, -random.int(0, 100));
      const waiting = random.chance(0.3);
      second.push({
        id: random.uuid(),
        childId,
        startedOn: again,
        completedOn: waiting ? today : null,
        authorisedOn: null,
        state: waiting ? 'completed' : 'in-progress',
        baseGrade: Math.max(1, baseGrade - random.int(0, 1)),
      });
    }
  }
  // The first assessments go in before the re-assessments, so that a child never has two open at once.
  let grades = await insertPlanned(db, first, frameworkId, where, random);
  // Then each is authorised on its own day: one statement per batch, from a list of values.
  await inChunks(first, (chunk) =>
    sql`update assessments a set state = 'authorised', authorised_on = v.day, authorised_by_label = ${LABEL}
      from (values ${sql.join(chunk.map((p) => sql`(${p.id}::uuid, ${p.authorisedOn}::text)`))}) as v(id, day)
      where a.id = v.id`.execute(db),
  );
  grades += await insertPlanned(db, second, frameworkId, where, random);
  return { assessments: first.length + second.length, grades };
}

async function insertPlanned(db: Db, planned: readonly Planned[], frameworkId: string, where: SyntheticPlacement, random: SyntheticRandom) {
  const questions = questionsOf(DEFAULT_FRAMEWORK);
  await inChunks(planned, (chunk) =>
    db
      .insertInto('assessments')
      .values(
        chunk.map((p) => ({
          id: p.id,
          child_id: p.childId,
          organisation_id: where.organisationId,
          team_id: where.teamId,
          framework_id: frameworkId,
          state: p.state === 'authorised' ? ('completed' as const) : p.state,
          started_on: p.startedOn,
          completed_on: p.completedOn,
          completed_at: p.completedOn ? new Date(`${p.completedOn}T12:00:00Z`) : null,
          author_label: LABEL,
          child_words: p.completedOn ? 'Synthetic words of a synthetic child.' : '',
        })),
      )
      .execute(),
  );
  const grades = planned.flatMap((p) =>
    questions
      .filter(() => p.completedOn !== null || random.chance(0.5))
      .map((q) => ({
        assessment_id: p.id,
        question_key: q.key,
        grade: Math.min(4, Math.max(1, p.baseGrade + random.int(-1, 1))),
        evidence: 'Synthetic evidence.',
      })),
  );
  await inChunks(grades, (chunk) => db.insertInto('assessment_grades').values(chunk).execute());
  const circumstances = planned
    .filter((p) => p.completedOn !== null)
    .flatMap((p) =>
      DEFAULT_FRAMEWORK.circumstances.map((c) => {
        const pressure = random.chance(0.3);
        return { assessment_id: p.id, circumstance_key: c.key, pressure, note: '', support_offered: pressure ? c.supportSuggestion : '' };
      }),
    );
  await inChunks(circumstances, (chunk) => db.insertInto('assessment_circumstances').values(chunk).execute());
  return grades.length;
}

async function onlyAuthority(db: Db): Promise<SyntheticPlacement> {
  const councils = await db.selectFrom('organisations').select('id').where('kind', '=', 'local-authority').limit(2).execute();
  if (councils.length !== 1)
    throw new Error('Name the organisation of the synthetic assessments: there is not exactly one local authority.');
  return { organisationId: councils[0]!.id, teamId: null };
}
