import type { Services } from '../../../platform/services.js';
import { createContentWorkflow } from '../publishing/service.js';
import { readFields } from '../validation.js';
import { DEMO_ITEMS } from './index.js';

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
  const writer = { id: byEmail.get('editor@example.org') ?? null, label: 'editor@example.org' };
  const reviewer = { id: byEmail.get('reviewer@example.org') ?? null, label: 'reviewer@example.org' };
  // The cache is empty at seeding time: nothing to invalidate.
  const workflow = createContentWorkflow(db, audit, jobs, { secondApproval: true, onPublicChange: async () => {} });
  for (const demo of DEMO_ITEMS) {
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
}
