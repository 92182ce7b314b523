import type { Services } from '../../platform/services.js';
import { londonDay } from '../../platform/time.js';
import { demoCaseload } from './generator/demo.js';
import type { Cases } from './service.js';
import { storeSyntheticFamilies } from './synthetic-store.js';

/**
 * The demo practitioner's caseload: the invented families of generator/demo.ts, whose chronologies raise every pattern
 * rule, allocated to practitioner@example.org in their team (which manager@example.org manages). colleague@example.org,
 * in the council's other team, must break the glass to open them.
 */
export async function seedCasesDemo(platform: Services, cases: Cases): Promise<void> {
  const worker = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', 'practitioner@example.org')
    .executeTakeFirst();
  if (!worker?.organisation_id || !worker.team_id) return;
  const today = londonDay(new Date());
  await storeSyntheticFamilies(
    platform.db,
    cases.flags,
    demoCaseload(today),
    {
      organisationId: worker.organisation_id,
      teamId: worker.team_id,
      workerId: worker.id,
      recorder: { id: worker.id, label: worker.email },
    },
    today,
  );
}
