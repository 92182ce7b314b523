import { sql } from 'kysely';
import type { Actor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Services } from '../../../platform/services.js';
import { DEFAULT_FRAMEWORK, DEFAULT_FRAMEWORK_VERSION } from './default-framework.js';
import { checkFrameworkFile, type Framework } from './format.js';

export interface StoredFramework {
  id: string;
  version: number;
  /** Null for Hearth's own default. */
  organisationId: string | null;
  framework: Framework;
}

/** The id of the default framework's stored row, written the first time any organisation uses this version of it. */
export async function storedDefaultFrameworkId(db: Db): Promise<string> {
  const find = () =>
    db
      .selectFrom('assessment_frameworks')
      .select('id')
      .where('organisation_id', 'is', null)
      .where('version', '=', DEFAULT_FRAMEWORK_VERSION)
      .executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  await sql`insert into assessment_frameworks (organisation_id, version, title, definition, loaded_by)
    values (null, ${DEFAULT_FRAMEWORK_VERSION}, ${DEFAULT_FRAMEWORK.title}, ${JSON.stringify(DEFAULT_FRAMEWORK)}::jsonb, 'Hearth')
    on conflict do nothing`.execute(db);
  return (await find())!.id;
}

export type LoadResult = { ok: true; id: string; version: number; title: string } | { ok: false; problems: string[] };

/**
 * Frameworks: each organisation's versions, and the built-in default for an organisation with none. A stored version
 * never changes (an assessment is read with the framework it was made with), so each is kept in memory once read.
 */
export function createFrameworks(platform: Services) {
  const { db, audit } = platform;
  const byId = new Map<string, StoredFramework>();

  const remember = (row: { id: string; version: number; organisation_id: string | null; definition: unknown }): StoredFramework => {
    const stored = { id: row.id, version: row.version, organisationId: row.organisation_id, framework: row.definition as Framework };
    byId.set(row.id, stored);
    return stored;
  };

  /** The default framework's stored row, written the first time any organisation uses this version of it. */
  async function defaultFramework(): Promise<StoredFramework> {
    const id = await storedDefaultFrameworkId(db);
    return byIdOf(id);
  }

  /** The framework a new assessment in this organisation uses: its latest own version, else the default. */
  async function currentFor(organisationId: string): Promise<StoredFramework> {
    const own = await db
      .selectFrom('assessment_frameworks')
      .select(['id', 'version', 'organisation_id', 'definition'])
      .where('organisation_id', '=', organisationId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return own ? remember(own) : defaultFramework();
  }

  async function byIdOf(id: string): Promise<StoredFramework> {
    const known = byId.get(id);
    if (known) return known;
    const row = await db
      .selectFrom('assessment_frameworks')
      .select(['id', 'version', 'organisation_id', 'definition'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return remember(row);
  }

  /** Checks a framework file and stores it as the organisation's next version, with an audit entry; or lists its problems. */
  async function load(actor: Actor, organisationId: string, text: string): Promise<LoadResult> {
    const checked = checkFrameworkFile(text);
    if (!checked.ok) return checked;
    const { framework } = checked;
    return db.transaction().execute(async (trx) => {
      // One loader at a time per organisation, so that two never take the same version number.
      await sql`select pg_advisory_xact_lock(hashtext(${`assessment-framework ${organisationId}`}))`.execute(trx);
      const latest = await trx
        .selectFrom('assessment_frameworks')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('version'))
        .where('organisation_id', '=', organisationId)
        .executeTakeFirstOrThrow();
      const version = latest.version + 1;
      const { id } = await trx
        .insertInto('assessment_frameworks')
        .values({
          organisation_id: organisationId,
          version,
          title: framework.title,
          definition: JSON.stringify(framework),
          loaded_by: actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        {
          actor,
          action: 'assessments.framework-loaded',
          subjectType: 'assessment-framework',
          subjectId: id,
          organisationId,
          details: { version, title: framework.title },
        },
        trx,
      );
      return { ok: true as const, id, version, title: framework.title };
    });
  }

  return { currentFor, byId: byIdOf, load, defaultFramework };
}

export type Frameworks = ReturnType<typeof createFrameworks>;
