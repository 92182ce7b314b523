import { formatDateTime, formatDay } from '../../../platform/time.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { isManager } from '../child-access.js';
import { LEVEL_NAMES, type ChallengeChain, type ChallengeStep } from '../challenges/chains.js';
import type { Decision } from '../decisions/service.js';
import type { Supervision } from '../supervision/service.js';

export const STATUS_NAMES: Record<Decision['status'], { text: string; colour: string }> = {
  recorded: { text: 'Recorded', colour: 'govuk-tag--grey' },
  'awaiting-approval': { text: 'Awaiting approval', colour: 'govuk-tag--yellow' },
  approved: { text: 'Approved', colour: 'govuk-tag--green' },
  'not-approved': { text: 'Not approved', colour: 'govuk-tag--red' },
};

export const supervisionView = (s: Supervision) => ({ ...s, day: formatDay(s.heldOn), recorded: formatDateTime(s.recordedAt) });

/** A decision as pages show it, with whether this viewer may approve it (a manager who did not propose it). */
export function decisionView(d: Decision, viewer: Viewer) {
  const proposed = formatDateTime(d.proposedAt);
  const approved = d.approvedAt ? formatDateTime(d.approvedAt) : null;
  const ownProposal = d.proposedById === viewer.actor.id;
  const rows = [
    { key: { text: 'Rationale' }, value: { text: d.rationale } },
    { key: { text: 'Proposed by' }, value: { text: `${d.proposedBy}, ${proposed}` } },
  ];
  if (approved) {
    rows.push({
      key: { text: d.status === 'approved' ? 'Approved by' : 'Not approved by' },
      value: { text: `${d.approver}, ${approved}: ${d.approverNote ?? ''}` },
    });
  } else if (d.status === 'awaiting-approval') {
    rows.push({
      key: { text: 'Approval' },
      value: { text: ownProposal ? 'Another manager must approve it: you proposed it.' : 'Waiting for a manager who did not propose it.' },
    });
  }
  return {
    ...d,
    statusName: STATUS_NAMES[d.status],
    proposed,
    approved,
    rows,
    ownProposal,
    mayApprove: d.status === 'awaiting-approval' && isManager(viewer) && !ownProposal,
  };
}

const stepView = (s: ChallengeStep) => ({
  ...s,
  levelName: LEVEL_NAMES[s.level] ?? `Level ${s.level}`,
  raised: formatDateTime(s.raisedAt),
  answered: s.answeredAt ? formatDateTime(s.answeredAt) : null,
});

/** A chain as pages show it, with what this viewer may do next: answer its open step, or take its answer further. */
export function chainView(chain: ChallengeChain, decisions: readonly Decision[], viewer: Viewer) {
  const steps = chain.steps.map(stepView);
  const last = steps.at(-1)!;
  const answeredBefore = chain.steps.some((s) => s.answeredById === viewer.actor.id);
  const decision = chain.decisionId ? decisions.find((d) => d.id === chain.decisionId) : undefined;
  return {
    decisionId: chain.decisionId,
    about: chain.decisionId ? (decision ? `the decision: ${decision.decision}` : 'a management decision') : 'the child’s plan',
    steps,
    open: chain.open ? last : null,
    mayAnswer: chain.open !== null && isManager(viewer) && chain.open.raisedById !== viewer.actor.id && !answeredBefore,
    mayEscalate: chain.canEscalate && last.answeredById !== viewer.actor.id,
    canEscalate: chain.canEscalate,
    lastId: last.id,
  };
}
