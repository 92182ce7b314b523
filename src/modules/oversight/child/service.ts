import type { Services } from '../../../platform/services.js';
import type { PracticeChild } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { OpenChild, Refused } from '../child-access.js';
import type { ChallengeChain } from '../challenges/chains.js';
import type { createChallenges } from '../challenges/service.js';
import type { Decision, createDecisions } from '../decisions/service.js';
import type { Supervision, createSupervision } from '../supervision/service.js';

export type ChildOversight =
  { ok: true; child: PracticeChild; supervision: Supervision[]; decisions: Decision[]; challenges: ChallengeChain[] } | Refused;

/** Everything oversight holds about one child, read after the one access check and audited as one reading. */
export function createChildOversight(
  { audit }: Pick<Services, 'audit'>,
  openChild: OpenChild,
  features: {
    supervision: ReturnType<typeof createSupervision>;
    decisions: ReturnType<typeof createDecisions>;
    challenges: ReturnType<typeof createChallenges>;
  },
) {
  return async function oversightOf(viewer: Viewer, childId: string): Promise<ChildOversight> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    const [supervision, decisions, challenges] = await Promise.all([
      features.supervision.ofChild(childId),
      features.decisions.ofChild(childId),
      features.challenges.ofChild(childId),
    ]);
    await audit.record({
      actor: viewer.actor,
      action: 'oversight.viewed',
      subjectType: 'child',
      subjectId: childId,
      organisationId: opened.child.organisationId,
    });
    return { ok: true, child: opened.child, supervision, decisions, challenges };
  };
}
