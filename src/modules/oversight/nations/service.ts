import type { Actor } from '../../../platform/audit.js';
import type { Services } from '../../../platform/services.js';
import type { Nation } from '../../../platform/calendar/nations.js';

/** Every organisation counts by England's guidance and bank holidays unless an administrator says Wales. */
export const DEFAULT_NATION: Nation = 'england';

export type NationChange = { ok: true; nation: Nation; previous: Nation } | { ok: false; reason: 'no-organisation' };

/** Which nation each organisation counts timescales by. */
export function createNations({ db, audit }: Pick<Services, 'db' | 'audit'>) {
  /** The organisation's nation: England unless set. An organisation that does not exist is England too. */
  async function nationOf(organisationId: string): Promise<Nation> {
    const row = await db.selectFrom('oversight_nations').select('nation').where('organisation_id', '=', organisationId).executeTakeFirst();
    return row?.nation ?? DEFAULT_NATION;
  }

  async function setNation(actor: Actor, organisationId: string, nation: Nation): Promise<NationChange> {
    return db.transaction().execute(async (trx) => {
      const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
      if (!organisation) return { ok: false, reason: 'no-organisation' } as const;
      const before = await trx
        .selectFrom('oversight_nations')
        .select('nation')
        .where('organisation_id', '=', organisationId)
        .forUpdate()
        .executeTakeFirst();
      await trx
        .insertInto('oversight_nations')
        .values({ organisation_id: organisationId, nation })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ nation, updated_at: new Date() }))
        .execute();
      const previous = before?.nation ?? DEFAULT_NATION;
      await audit.record(
        {
          actor,
          action: 'oversight.nation-set',
          subjectType: 'organisation',
          subjectId: organisationId,
          organisationId,
          details: { nation, previous },
        },
        trx,
      );
      return { ok: true, nation, previous } as const;
    });
  }

  return { nationOf, setNation };
}

export type Nations = ReturnType<typeof createNations>;
