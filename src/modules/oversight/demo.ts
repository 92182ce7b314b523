import type { Services } from '../../platform/services.js';
import { personActor } from '../../platform/audit.js';
import type { Principal } from '../../platform/access.js';
import type { Role } from '../../platform/roles.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import { addDays, londonDay } from '../../platform/time.js';
import type { Oversight } from './service.js';

/**
 * Oversight of the demo practitioner's first child, written through the services as the people would: a supervision
 * by manager@example.org, a decision practitioner@example.org proposed that waits for the manager's approval, a
 * challenge the manager answered and one still open. The council counts by England's guidance.
 */
export async function seedOversightDemo(platform: Services, oversight: Oversight): Promise<void> {
  const [worker, manager] = await Promise.all([
    viewerFor(platform, 'practitioner@example.org'),
    viewerFor(platform, 'manager@example.org'),
  ]);
  if (!worker || !manager) return;
  await oversight.setNation(manager.actor, worker.principal.organisationId!, 'england');
  const child = (await oversight.heldChildren(worker)).find((c) => c.workerId === worker.principal.id);
  if (!child) return;
  const today = londonDay(new Date());

  await oversight.supervision.record(manager, child.id, {
    heldOn: addDays(today, -7),
    attendees: 'Demo Manager (team manager), Demo Practitioner (social worker)',
    discussion: `${child.givenName}’s school attendance has dropped again; the home visit on Tuesday found no food in the house.`,
    actions:
      'Referral to the Fictional Northmoor food bank by Friday (Demo Practitioner). Ask the school for weekly attendance (Demo Practitioner).',
  });
  const decision = await oversight.decisions.propose(manager, child.id, {
    decision: 'Hold a strategy discussion with the police and health this week',
    rationale: 'Two unexplained bruises in a month, reported by the school nurse, with the attendance pattern.',
    needsApproval: 'no',
  });
  await oversight.decisions.propose(worker, child.id, {
    decision: 'Step down from a child in need plan to early help',
    rationale: 'Attendance above 95% for six weeks and the family engaging with the Madeupton family centre.',
    needsApproval: 'yes',
  });
  if (decision.ok) {
    const answered = await oversight.challenges.raise(worker, child.id, {
      about: decision.id,
      concern: 'The family should be told before the strategy discussion: the mother asked to be kept informed.',
    });
    if (answered.ok) {
      await oversight.challenges.answer(
        manager,
        child.id,
        answered.id,
        'Telling the family first could put the child at risk; the family will be told straight after it.',
      );
    }
  }
  await oversight.challenges.raise(worker, child.id, {
    about: 'plan',
    concern: 'The plan has no date for the next review, and the core group has not met for seven weeks.',
  });
}

async function viewerFor(platform: Services, email: string): Promise<Viewer | null> {
  const user = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user?.organisation_id) return null;
  const roles = (await platform.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()).map(
    (r) => r.role as Role,
  );
  const principal: Principal = { id: user.id, email: user.email, roles, organisationId: user.organisation_id, teamId: user.team_id };
  return { principal, sessionHash: null, actor: personActor(principal, null) };
}
