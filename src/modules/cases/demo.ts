import type { Services } from '../../platform/services.js';
import { londonDay } from '../../platform/time.js';
import { demoCaseload } from './generator/demo.js';
import { familyFlags } from './flags/flags.js';
import { storeFamilies } from './synthetic/store.js';

/**
 * The demo practitioner's caseload: the invented families of generator/demo.ts, whose chronologies raise every pattern
 * rule, allocated to practitioner@example.org in their team (which manager@example.org manages). colleague@example.org,
 * in the council's other team, must break the glass to open them.
 */
export async function seedCasesDemo(platform: Services): Promise<void> {
  const worker = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', 'practitioner@example.org')
    .executeTakeFirst();
  if (!worker?.organisation_id || !worker.team_id) return;
  const today = londonDay(new Date());
  const placement = {
    organisationId: worker.organisation_id,
    teamId: worker.team_id,
    allocatedWorkerId: worker.id,
    recordedByLabel: worker.email,
  };
  await platform.db.transaction().execute((trx) => storeFamilies(trx, demoCaseload(today), placement, familyFlags, today));
}
