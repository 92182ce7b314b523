import { personActor } from '../../../platform/audit.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { Services } from '../../../platform/services.js';
import { addDays, londonDay } from '../../../platform/time.js';
import type { Alerts } from './service.js';

/**
 * The drift alerts' part of the demo, seeded after the cases and plans demos (module order): two strategy discussions
 * in the demo practitioner's caseload that no conference followed yet (one conference missed, one due soon), then the
 * daily run, so that /practice/oversight and the staff queue have something at once, and the digest, so that the
 * outbox holds one. The plans and assessments demos raise their rules from their own demo plans and assessments.
 */
export async function seedAlertsDemo(platform: Services, alerts: Alerts): Promise<void> {
  const records = alerts.practiceRecords();
  const user = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', 'practitioner@example.org')
    .executeTakeFirst();
  if (!records || !user?.organisation_id || !user.team_id) return;
  const principal = {
    id: user.id,
    email: user.email,
    roles: ['practitioner' as const],
    organisationId: user.organisation_id,
    teamId: user.team_id,
  };
  const viewer: Viewer = { principal, sessionHash: null, actor: personActor(principal, null) };
  const today = londonDay(new Date());
  const children = (await records.heldChildren(viewer)).children.filter((c) => c.workerId === user.id);
  // The last children of the caseload: the plans demo starts its plans with the first of each family.
  for (const [child, daysAgo] of [
    [children.at(-1), 30],
    [children.at(-2), 16],
  ] as const) {
    if (!child) continue;
    const recorded = await records.recordEvent(viewer, child.id, {
      kind: 'strategy-discussion',
      occurredOn: addDays(today, -daysAgo),
      agency: 'Children’s social care',
      significance: 'high',
      planType: null,
      summary: 'Strategy discussion with police and health: section 47 enquiries to begin.',
    });
    if (!recorded.ok) throw new Error(`The drift alerts demo could not record a strategy discussion: ${JSON.stringify(recorded)}`);
  }
  await alerts.refreshAll(today);
  await alerts.digest.sendAll(today);
}
