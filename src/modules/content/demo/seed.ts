import type { Services } from '../../../platform/services.js';
import { createContentWorkflow } from '../publishing/service.js';
import { readFields } from '../validation.js';
import { londonDay } from '../../../platform/time.js';
import { DEMO_ITEMS, type DemoItem } from './index.js';
import { systemActor } from '../../../platform/audit.js';

/** Published, but its review date passed nine days before the demo was seeded: the editors' "due for review" queue. */
const DUE_FOR_REVIEW = 'How to challenge a decision by children’s services';

/** Written and sent for review five hours before the demo was seeded, and waiting for the second demo editor. */
const IN_REVIEW: DemoItem = {
  type: 'faq',
  subject: 'family-support',
  title: 'What is a family group conference?',
  summary: 'A meeting where your family makes a plan for your child, with an independent coordinator.',
  body: 'A family group conference brings together parents, relatives and friends to make a plan that keeps a child safe. An independent coordinator helps you prepare, and the family has private time to agree the plan. Children’s services should accept the plan if it keeps the child safe.',
};

const DAY = 24 * 60 * 60_000;

/** The review dates of the item due for review, relative to the day the demo is seeded. */
function overdueReview(now: number): Pick<DemoItem, 'lastReviewed' | 'reviewDue'> {
  return { lastReviewed: londonDay(new Date(now - 374 * DAY)), reviewDue: londonDay(new Date(now - 9 * DAY)) };
}

/**
 * Publishes the demo content as the demo editor wrote it and the second demo editor approved it, through the same
 * workflow as everything else, so the revisions and audit log look like real use.
 */
export async function seedDemoContent(services: Services): Promise<void> {
  const { db, audit, jobs } = services;
  const people = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', ['editor@example.org', 'reviewer@example.org'])
    .execute();
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  const writer = { ...systemActor('editor@example.org'), id: byEmail.get('editor@example.org') ?? null };
  const reviewer = { ...systemActor('reviewer@example.org'), id: byEmail.get('reviewer@example.org') ?? null };
  // The cache is empty at seeding time: nothing to invalidate.
  const workflow = createContentWorkflow(db, audit, jobs, { secondApproval: true, onPublicChange: async () => {} });
  for (const item of DEMO_ITEMS) {
    const demo = item.title === DUE_FOR_REVIEW ? { ...item, ...overdueReview(Date.now()) } : item;
    const read = readFields(demo as unknown as Record<string, unknown>);
    if (!read.ok)
      throw new Error(`Demo content "${demo.title}" is not valid: ${read.errors.map((e) => `${e.field}: ${e.text}`).join('; ')}`);
    const id = await workflow.create(read.fields, writer);
    if (workflow.needsApproval(read.fields.type)) {
      await workflow.submit(id, writer);
      const approved = await workflow.approve(id, reviewer);
      if (!approved.ok) throw new Error(`Demo content "${demo.title}" could not be approved: ${approved.reason}`);
    }
    const published = await workflow.publish(id, writer);
    if (!published.ok) throw new Error(`Demo content "${demo.title}" could not be published: ${published.reason}`);
  }
  const read = readFields(IN_REVIEW as unknown as Record<string, unknown>);
  if (!read.ok) throw new Error(`Demo content "${IN_REVIEW.title}" is not valid`);
  const id = await workflow.create(read.fields, writer);
  await workflow.submit(id, writer);
  await db
    .updateTable('content_items')
    .set({ submitted_at: new Date(Date.now() - 5 * 60 * 60_000) })
    .where('id', '=', id)
    .execute();
}
