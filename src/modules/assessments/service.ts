import { sql } from 'kysely';
import type { Contracts } from '../../platform/modules.js';
import type { AssessmentFact, AssessmentFacts } from '../../platform/practice/drift-facts.js';
import type { Services } from '../../platform/services.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';
import { createDecisions } from './decision/service.js';
import { createFrameworks } from './framework/service.js';
import { createHistory } from './history/service.js';
import { createRecording } from './recording/service.js';

/** The assessments module's services, built once per process (see index.ts). */
export function createAssessments(platform: Services, contracts: Contracts) {
  const { db } = platform;
  const frameworks = createFrameworks(platform);

  /** What oversight counts the 45-working-day timescale from (WT2023): each assessment's start, completion and authorisation. */
  const facts: AssessmentFacts = async (childIds) => {
    if (childIds.length === 0) return [];
    const rows = await db
      .selectFrom('assessments')
      .select([
        'child_id as childId',
        'id as assessmentId',
        'started_on as startedOn',
        'completed_on as completedOn',
        'authorised_on as authorisedOn',
      ])
      .where('child_id', 'in', childIds)
      .orderBy('started_on')
      .orderBy('id')
      .execute();
    return rows satisfies AssessmentFact[];
  };

  /** /staff: assessments of the manager's team waiting for a manager who did not write them. */
  function staffQueues(): StaffQueue[] {
    return [
      {
        key: 'assessments.awaiting-authorisation',
        title: 'Assessments waiting for authorisation',
        roles: ['manager'],
        href: '/practice/assessments/awaiting',
        linkText: 'Authorise or return assessments',
        age: 'waiting',
        measure: async (_now, principal) =>
          queueMeasure(
            principal.teamId
              ? await db
                  .selectFrom('assessments as a')
                  .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(a.completed_at)`.as('oldest')])
                  .where('a.state', '=', 'completed')
                  .where('a.team_id', '=', principal.teamId)
                  .where((eb) =>
                    eb.not(
                      eb.exists(
                        eb
                          .selectFrom('assessment_authors as w')
                          .select('w.user_id')
                          .whereRef('w.assessment_id', '=', 'a.id')
                          .where('w.user_id', '=', principal.id),
                      ),
                    ),
                  )
                  .executeTakeFirst()
              : undefined,
          ),
      },
    ];
  }

  /** What a member of staff did in assessments, for /account/data and subject access: dates and states, no child's details. */
  async function writtenBy(userId: string) {
    const [started, authorised] = await Promise.all([
      db
        .selectFrom('assessments')
        .select(['id', 'started_on as startedOn', 'state'])
        .where('author_id', '=', userId)
        .orderBy('started_on')
        .execute(),
      db
        .selectFrom('assessments')
        .select(['id', 'authorised_on as authorisedOn'])
        .where('authorised_by_id', '=', userId)
        .orderBy('authorised_on')
        .execute(),
    ]);
    return { started, authorised };
  }

  /** Deleting an account leaves the assessments (a child's record), with the name they were written under. */
  async function forgetAuthor(userId: string) {
    await db.updateTable('assessments').set({ author_id: null }).where('author_id', '=', userId).execute();
    await db.updateTable('assessments').set({ authorised_by_id: null }).where('authorised_by_id', '=', userId).execute();
    await db.deleteFrom('assessment_authors').where('user_id', '=', userId).execute();
  }

  return {
    frameworks,
    recording: createRecording(platform, contracts, frameworks),
    decisions: createDecisions(platform, contracts, frameworks),
    history: createHistory(platform, contracts, frameworks),
    facts,
    /** The children's records, for the demo: null while no module serves them. */
    records: () => contracts.practiceRecords(),
    staffQueues,
    writtenBy,
    forgetAuthor,
  };
}

export type Assessments = ReturnType<typeof createAssessments>;
