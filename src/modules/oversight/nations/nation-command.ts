import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../../platform/audit.js';
import type { ModuleContext } from '../../../platform/modules.js';
import { isUuid } from '../../../platform/validation.js';
import { isNation, NATION_NAMES } from '../../../platform/calendar/nations.js';
import type { Oversight } from '../service.js';

/** `npx hearth oversight nation <organisation> england|wales`: the organisation by its id or its exact name. */
export async function setNationCommand(
  app: FastifyInstance,
  { platform, services }: ModuleContext<undefined, Oversight>,
  args: readonly string[],
): Promise<number> {
  const nation = args.at(-1) ?? '';
  const named = args.slice(0, -1).join(' ').trim();
  if (!named || !isNation(nation)) {
    console.error('Usage: npx hearth oversight nation <organisation id or name> england|wales');
    return 1;
  }
  let query = platform.db.selectFrom('organisations').select(['id', 'name']);
  query = isUuid(named) ? query.where('id', '=', named.toLowerCase()) : query.where('name', '=', named);
  const organisation = await query.executeTakeFirst();
  if (!organisation) {
    console.error(`There is no organisation "${named}": give its id or its exact name, as /admin/organisations shows it.`);
    return 1;
  }
  const changed = await services.setNation(systemActor('hearth oversight nation'), organisation.id, nation);
  if (!changed.ok) return 1;
  console.log(
    `${organisation.name} now counts timescales by the guidance and bank holidays of ${NATION_NAMES[nation]} (was ${NATION_NAMES[changed.previous]}).`,
  );
  return 0;
}
