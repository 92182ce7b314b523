import { FORMER_STAFF } from '../child-access.js';

/** The highest level a challenge can be taken to: the team manager, then a service manager, then a head of service. */
export const TOP_LEVEL = 3;

export const LEVEL_NAMES: Record<number, string> = {
  1: 'Level 1: the team manager',
  2: 'Level 2: a service manager',
  3: 'Level 3: the head of service',
};

export interface ChallengeRow {
  id: string;
  child_id: string;
  decision_id: string | null;
  escalates_id: string | null;
  level: number;
  concern: string;
  raised_by: string | null;
  raised_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  raiser: string | null;
  answerer: string | null;
}

export interface ChallengeStep {
  id: string;
  level: number;
  concern: string;
  raisedById: string | null;
  raisedBy: string;
  raisedAt: Date;
  answer: string | null;
  answeredById: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
}

/** A challenge and every escalation of it, first to last: the whole chain is kept and shown. */
export interface ChallengeChain {
  childId: string;
  decisionId: string | null;
  steps: ChallengeStep[];
  /** The step waiting for an answer, if any: always the last. */
  open: ChallengeStep | null;
  /** Whether the last answer can still be taken to the next level. */
  canEscalate: boolean;
}

const stepOf = (r: ChallengeRow): ChallengeStep => ({
  id: r.id,
  level: r.level,
  concern: r.concern,
  raisedById: r.raised_by,
  raisedBy: r.raiser ?? FORMER_STAFF,
  raisedAt: r.raised_at,
  answer: r.answer,
  answeredById: r.answered_by,
  answeredBy: r.answered_at ? (r.answerer ?? FORMER_STAFF) : null,
  answeredAt: r.answered_at,
});

/** Links each challenge to its escalation, newest chain first. */
export function chainsOf(rows: readonly ChallengeRow[]): ChallengeChain[] {
  const next = new Map(rows.filter((r) => r.escalates_id).map((r) => [r.escalates_id!, r]));
  return rows
    .filter((r) => r.escalates_id === null)
    .sort((a, b) => b.raised_at.getTime() - a.raised_at.getTime())
    .map((root) => {
      const steps: ChallengeStep[] = [];
      for (let row: ChallengeRow | undefined = root; row; row = next.get(row.id)) steps.push(stepOf(row));
      const last = steps.at(-1)!;
      return {
        childId: root.child_id,
        decisionId: root.decision_id,
        steps,
        open: last.answeredAt ? null : last,
        canEscalate: last.answeredAt !== null && last.level < TOP_LEVEL,
      };
    });
}
