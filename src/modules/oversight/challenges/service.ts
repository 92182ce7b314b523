import type { Services } from '../../../platform/services.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { isUuid, type FieldError } from '../../../platform/validation.js';
import { isManager, placeOf, type OpenChild, type Refused } from '../child-access.js';
import { chainsOf, TOP_LEVEL, type ChallengeChain, type ChallengeRow } from './chains.js';

export type ChallengeRaised = { ok: true; id: string } | Refused | { ok: false; reason: 'invalid'; errors: FieldError[] };

export type ChallengeAnswered =
  { ok: true } | Refused | { ok: false; reason: 'not-found' | 'not-a-manager' | 'own-challenge' | 'answered-earlier' | 'already-answered' };

export type ChallengeEscalated =
  | { ok: true; id: string; level: number }
  | Refused
  | { ok: false; reason: 'not-found' | 'not-answered' | 'already-escalated' | 'top-level' | 'own-answer' };

/**
 * Challenges: a practitioner (or a manager) disagrees with a decision or with the child's plan, in writing. A manager
 * who did not raise it must answer; an answer can be taken to the next level, up to TOP_LEVEL, and each level is
 * answered by someone who has not answered the chain before. Nothing in a chain is changed but an answer, once.
 */
export function createChallenges({ db, audit }: Pick<Services, 'db' | 'audit'>, openChild: OpenChild) {
  const rows = () =>
    db
      .selectFrom('oversight_challenges as c')
      .leftJoin('users as r', 'r.id', 'c.raised_by')
      .leftJoin('users as a', 'a.id', 'c.answered_by')
      .select([
        'c.id',
        'c.child_id',
        'c.decision_id',
        'c.escalates_id',
        'c.level',
        'c.concern',
        'c.raised_by',
        'c.raised_at',
        'c.answer',
        'c.answered_by',
        'c.answered_at',
        'r.display_name as raiser',
        'a.display_name as answerer',
      ]);

  const record = (viewer: Viewer, action: string, childId: string, organisationId: string, details: Record<string, unknown>) => ({
    actor: viewer.actor,
    action,
    subjectType: 'child',
    subjectId: childId,
    organisationId,
    details,
  });

  async function raise(viewer: Viewer, childId: string, input: { about: string; concern: string }): Promise<ChallengeRaised> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    let decisionId: string | null = null;
    if (input.about !== 'plan') {
      const decision = isUuid(input.about)
        ? await db
            .selectFrom('oversight_decisions')
            .select('id')
            .where('id', '=', input.about.toLowerCase())
            .where('child_id', '=', childId)
            .executeTakeFirst()
        : undefined;
      if (!decision) {
        return { ok: false, reason: 'invalid', errors: [{ field: 'about', text: 'Choose the child’s plan or one of their decisions' }] };
      }
      decisionId = decision.id;
    }
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('oversight_challenges')
        .values({ ...placeOf(opened.child), decision_id: decisionId, level: 1, concern: input.concern, raised_by: viewer.actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        record(viewer, 'oversight.challenge-raised', childId, opened.child.organisationId, { challengeId: id, decisionId }),
        trx,
      );
      return { ok: true as const, id };
    });
  }

  async function answer(viewer: Viewer, childId: string, challengeId: string, text: string): Promise<ChallengeAnswered> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    if (!isManager(viewer)) return { ok: false, reason: 'not-a-manager' };
    return db.transaction().execute(async (trx) => {
      const challenge = await trx
        .selectFrom('oversight_challenges')
        .select(['raised_by', 'answered_at', 'escalates_id'])
        .where('id', '=', challengeId)
        .where('child_id', '=', childId)
        .forUpdate()
        .executeTakeFirst();
      if (!challenge) return { ok: false, reason: 'not-found' } as const;
      if (challenge.answered_at) return { ok: false, reason: 'already-answered' } as const;
      if (challenge.raised_by === viewer.actor.id) return { ok: false, reason: 'own-challenge' } as const;
      // Each level is answered afresh: whoever answered an earlier level of this chain does not answer again.
      for (let earlier = challenge.escalates_id; earlier;) {
        const step = await trx
          .selectFrom('oversight_challenges')
          .select(['answered_by', 'escalates_id'])
          .where('id', '=', earlier)
          .executeTakeFirstOrThrow();
        if (step.answered_by === viewer.actor.id) return { ok: false, reason: 'answered-earlier' } as const;
        earlier = step.escalates_id;
      }
      await trx
        .updateTable('oversight_challenges')
        .set({ answer: text, answered_by: viewer.actor.id, answered_at: new Date() })
        .where('id', '=', challengeId)
        .execute();
      await audit.record(record(viewer, 'oversight.challenge-answered', childId, opened.child.organisationId, { challengeId }), trx);
      return { ok: true as const };
    });
  }

  async function escalate(viewer: Viewer, childId: string, challengeId: string, concern: string): Promise<ChallengeEscalated> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    return db.transaction().execute(async (trx) => {
      const answered = await trx
        .selectFrom('oversight_challenges')
        .select(['level', 'answered_at', 'answered_by', 'decision_id'])
        .where('id', '=', challengeId)
        .where('child_id', '=', childId)
        .forUpdate()
        .executeTakeFirst();
      if (!answered) return { ok: false, reason: 'not-found' } as const;
      if (!answered.answered_at) return { ok: false, reason: 'not-answered' } as const;
      if (answered.answered_by === viewer.actor.id) return { ok: false, reason: 'own-answer' } as const;
      if (answered.level >= TOP_LEVEL) return { ok: false, reason: 'top-level' } as const;
      const already = await trx.selectFrom('oversight_challenges').select('id').where('escalates_id', '=', challengeId).executeTakeFirst();
      if (already) return { ok: false, reason: 'already-escalated' } as const;
      const level = answered.level + 1;
      const { id } = await trx
        .insertInto('oversight_challenges')
        .values({
          ...placeOf(opened.child),
          decision_id: answered.decision_id,
          escalates_id: challengeId,
          level,
          concern,
          raised_by: viewer.actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        record(viewer, 'oversight.challenge-escalated', childId, opened.child.organisationId, {
          challengeId: id,
          escalates: challengeId,
          level,
        }),
        trx,
      );
      return { ok: true as const, id, level };
    });
  }

  /** A child's challenges as chains, newest first. The caller has opened the record and audits the reading. */
  async function ofChild(childId: string): Promise<ChallengeChain[]> {
    return chainsOf((await rows().where('c.child_id', '=', childId).execute()) as ChallengeRow[]);
  }

  /** The chains in a team that wait for an answer, oldest question first. */
  async function openInTeam(teamId: string): Promise<ChallengeChain[]> {
    const open = await db
      .selectFrom('oversight_challenges')
      .select('child_id')
      .distinct()
      .where('team_id', '=', teamId)
      .where('answered_at', 'is', null)
      .execute();
    if (open.length === 0) return [];
    const all = (await rows()
      .where(
        'c.child_id',
        'in',
        open.map((r) => r.child_id),
      )
      .execute()) as ChallengeRow[];
    return chainsOf(all)
      .filter((chain) => chain.open)
      .sort((a, b) => a.open!.raisedAt.getTime() - b.open!.raisedAt.getTime());
  }

  return { raise, answer, escalate, ofChild, openInTeam };
}
