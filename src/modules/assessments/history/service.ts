import type { Contracts } from '../../../platform/modules.js';
import type { PracticeChild, RefusedReason } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { Services } from '../../../platform/services.js';
import type { Frameworks } from '../framework/service.js';
import { openChild } from '../opening.js';
import { gradesOf, headers, type AssessmentHeader } from '../queries.js';
import { domainScores } from './change.js';

export interface AssessmentWithScores extends AssessmentHeader {
  frameworkTitle: string;
  domains: { key: string; title: string }[];
  scores: Record<string, number | null>;
}

export type HistoryResult = { ok: true; child: PracticeChild; assessments: AssessmentWithScores[] } | { ok: false; reason: RefusedReason };

/** A child's assessments, oldest first, each with its domains' grades: how the child's needs are met over time. */
export function createHistory(platform: Services, contracts: Contracts, frameworks: Frameworks) {
  const { db, audit } = platform;

  async function ofChild(viewer: Viewer, childId: string): Promise<HistoryResult> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    const { child } = opened;
    const rows = await headers(db).where('child_id', '=', child.id).orderBy('started_on').orderBy('created_at').execute();
    const grades = await gradesOf(
      db,
      rows.map((r) => r.id),
    );
    const assessments = await Promise.all(
      rows.map(async (row) => {
        const { framework } = await frameworks.byId(row.frameworkId);
        return {
          ...row,
          frameworkTitle: framework.title,
          domains: framework.domains.map((d) => ({ key: d.key, title: d.title })),
          scores: domainScores(framework, grades.get(row.id)!),
        };
      }),
    );
    await audit.record({
      actor: viewer.actor,
      action: 'assessments.listed',
      subjectType: 'child',
      subjectId: child.id,
      organisationId: child.organisationId,
    });
    return { ok: true, child, assessments };
  }

  return { ofChild };
}

export type History = ReturnType<typeof createHistory>;
