import type { FastifyReply } from 'fastify';
import type { PracticeChild, RefusedReason } from '../../platform/practice/records.js';
import { formatDay } from '../../platform/time.js';
import { practiceIdFrom, refuseRecordPage } from '../../platform/practice/refusals.js';
import type { PlanDetail, PlanSummary } from './queries.js';
import type { Category, Mark, OwnerKind, PlanType } from './schema.js';

export const PLAN_LABELS: Record<PlanType, string> = {
  'early-help': 'Early help plan',
  'child-in-need': 'Child in need plan',
  'child-protection': 'Child protection plan',
};
export const CATEGORY_LABELS: Record<Category, string> = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  EMO: 'Emotional abuse',
  SAB: 'Sexual abuse',
  MUL: 'More than one category',
};
export const OWNER_LABELS: Record<OwnerKind, string> = { professional: 'A professional', 'family-member': 'Someone in the family' };
export const MARK_LABELS: Record<Mark, string> = { done: 'Done', partly: 'Partly done', 'not-done': 'Not done' };
/** The colour of each mark's tag: the words carry the meaning, the colour only repeats it. */
export const MARK_TAGS: Record<Mark, string> = { done: 'govuk-tag--green', partly: 'govuk-tag--yellow', 'not-done': 'govuk-tag--red' };

// The practice door's one way of refusing a page (platform/practice/refusals.ts), in this module's words.
export const idFrom = (id: string) => practiceIdFrom(id, 'plan');
export const refusePage = (reply: FastifyReply, reason: RefusedReason, childId: string) => refuseRecordPage(reply, reason, childId, 'plan');

export const plansPath = (childId: string) => `/practice/children/${childId}/plans`;
export const planPath = (childId: string, planId: string) => `${plansPath(childId)}/${planId}`;

export const childView = (child: PracticeChild) => ({
  id: child.id,
  name: `${child.givenName} ${child.familyName}`,
  givenName: child.givenName,
});

export const summaryView = (plan: PlanSummary) => ({
  ...plan,
  typeLabel: PLAN_LABELS[plan.type],
  categoryLabel: plan.category ? `${CATEGORY_LABELS[plan.category]} (${plan.category})` : null,
  started: formatDay(plan.startedOn),
  initialConference: plan.initialConferenceOn ? formatDay(plan.initialConferenceOn) : null,
  nextReview: plan.nextReviewOn ? formatDay(plan.nextReviewOn) : null,
  ended: plan.endedOn ? formatDay(plan.endedOn) : null,
});

export const detailView = (plan: PlanDetail) => ({
  ...summaryView(plan),
  outcomes: plan.outcomes,
  actions: plan.actions.map((a) => ({ ...a, due: formatDay(a.dueOn), ownerKindLabel: OWNER_LABELS[a.ownerKind] })),
  coreGroups: plan.coreGroups.map((c) => ({ ...c, held: formatDay(c.heldOn) })),
  reviews: plan.reviews.map((r) => ({ ...r, held: formatDay(r.heldOn) })),
});

/** Radios or a select's items, with what was chosen kept. */
export const choices = (labels: Record<string, string>, selected: string | string[] | undefined) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));
