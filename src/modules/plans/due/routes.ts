import type { FastifyPluginAsync } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { daysBetween, formatDay, londonDay } from '../../../platform/time.js';
import { PLAN_WORKERS } from '../access.js';
import { REVIEWS_DUE_PATH } from '../queue.js';
import { PLAN_LABELS, planPath } from '../route-helpers.js';

const when = (day: string, today: string) => {
  const days = daysBetween(today, day);
  if (days === 0) return 'Today';
  return days < 0 ? `${-days} day${days === -1 ? '' : 's'} overdue` : `In ${days} day${days === 1 ? '' : 's'}`;
};

/** The staff queue's page: the reviews due within 10 days or overdue, soonest first. */
export const dueRoutes: FastifyPluginAsync = async (app) => {
  app.get(REVIEWS_DUE_PATH, { config: PLAN_WORKERS }, async (request, reply) => {
    const today = londonDay(new Date());
    const due = await app.plans.reviewsDue(viewerOf(request));
    return reply.page('plans/reviews-due.njk', {
      reviews: due.map((plan) => ({
        child: `${plan.child.givenName} ${plan.child.familyName}`,
        reference: plan.child.reference,
        typeLabel: PLAN_LABELS[plan.type],
        href: planPath(plan.childId, plan.id),
        due: formatDay(plan.nextReviewOn!),
        when: when(plan.nextReviewOn!, today),
        overdue: plan.nextReviewOn! < today,
      })),
    });
  });
};
