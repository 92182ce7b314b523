import { sql } from 'kysely';
import type { Contracts } from '../../../platform/modules.js';
import type { Services } from '../../../platform/services.js';
import type { PracticeChild } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { queueMeasure, type StaffQueue } from '../../../platform/staff/queues.js';
import type { ChallengeChain } from '../challenges/chains.js';
import type { createChallenges } from '../challenges/service.js';
import type { Decision, createDecisions } from '../decisions/service.js';

export interface TeamWaiting {
  decisions: (Decision & { child: PracticeChild })[];
  challenges: (ChallengeChain & { child: PracticeChild })[];
}

/** What waits for a manager in their team: decisions to approve and challenges to answer. */
export function createTeamQueue(
  { db, audit }: Pick<Services, 'db' | 'audit'>,
  contracts: Contracts,
  features: { decisions: ReturnType<typeof createDecisions>; challenges: ReturnType<typeof createChallenges> },
) {
  /**
   * The manager's team's waiting decisions and challenges, each with its child, for the children the manager holds
   * (a child moved to another team since is that team's now). Audited as one reading: it names children.
   */
  async function waitingFor(viewer: Viewer): Promise<TeamWaiting> {
    const teamId = viewer.principal.teamId;
    const records = contracts.practiceRecords();
    if (!teamId || !records) return { decisions: [], challenges: [] };
    const [held, decisions, challenges] = await Promise.all([
      records.heldChildren(viewer),
      features.decisions.awaitingInTeam(teamId),
      features.challenges.openInTeam(teamId),
    ]);
    const children = new Map(held.children.map((c) => [c.id, c]));
    const withChild = <T extends { childId: string }>(items: T[]) =>
      items.flatMap((item) => {
        const child = children.get(item.childId);
        return child ? [{ ...item, child }] : [];
      });
    const waiting = { decisions: withChild(decisions), challenges: withChild(challenges) };
    await audit.record({
      actor: viewer.actor,
      action: 'oversight.team-queue-viewed',
      subjectType: 'team',
      subjectId: teamId,
      details: { decisions: waiting.decisions.length, challenges: waiting.challenges.length },
    });
    return waiting;
  }

  /** The work waiting on /staff, for a manager's own team only: another team's work is not theirs to see. */
  function staffQueues(): StaffQueue[] {
    const team = (principalTeam: string | null, table: 'oversight_decisions' | 'oversight_challenges') =>
      principalTeam
        ? table === 'oversight_decisions'
          ? db
              .selectFrom('oversight_decisions')
              .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(proposed_at)`.as('oldest')])
              .where('team_id', '=', principalTeam)
              .where('status', '=', 'awaiting-approval')
              .executeTakeFirst()
          : db
              .selectFrom('oversight_challenges')
              .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(raised_at)`.as('oldest')])
              .where('team_id', '=', principalTeam)
              .where('answered_at', 'is', null)
              .executeTakeFirst()
        : Promise.resolve(undefined);
    return [
      {
        key: 'oversight.decisions-awaiting-approval',
        title: 'Decisions awaiting a manager’s approval',
        roles: ['manager'],
        href: '/practice/oversight/decisions',
        linkText: 'Approve your team’s decisions',
        age: 'waiting',
        measure: async (_now, principal) => queueMeasure(await team(principal.teamId, 'oversight_decisions')),
      },
      {
        key: 'oversight.challenges-awaiting-answer',
        title: 'Challenges awaiting an answer',
        roles: ['manager'],
        href: '/practice/oversight/decisions#challenges',
        linkText: 'Answer your team’s challenges',
        age: 'waiting',
        measure: async (_now, principal) => queueMeasure(await team(principal.teamId, 'oversight_challenges')),
      },
    ];
  }

  return { waitingFor, staffQueues };
}
