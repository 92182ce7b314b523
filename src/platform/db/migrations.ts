import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as accounts from '../migrations/2026-11-23-01-accounts.js';
import * as auditMailJobs from '../migrations/2026-11-23-02-audit-mail-jobs.js';
import * as cacheGenerations from '../migrations/2026-11-23-03-cache-generations.js';
import * as queuedJobsByKind from '../migrations/2026-11-23-55-queued-jobs-by-kind.js';
import * as staffQueuesPeople from '../migrations/2026-12-03-10-staff-queues-people.js';
import * as securityReview from '../migrations/2026-12-03-21-security-review.js';
import * as rateLimitCounts from '../migrations/2026-12-06-60-rate-limit-counts.js';
import { moduleMigrations, type HearthModule } from '../modules.js';

/**
 * Every migration, platform and modules alike, in one ordered list. All of them run whatever HEARTH_MODULES says,
 * so that every deployment has the same schema and switching a module on later needs no migration step.
 * Names begin with their date, so their order is the order they were written in. A new one must sort after every
 * one already released, platform or module, or databases that ran the others refuse it.
 */
export function allMigrations(modules: readonly HearthModule[]): Record<string, Migration> {
  return {
    '2026-11-23-01-accounts': accounts,
    '2026-11-23-02-audit-mail-jobs': auditMailJobs,
    '2026-11-23-03-cache-generations': cacheGenerations,
    ...moduleMigrations(modules),
    '2026-11-23-55-queued-jobs-by-kind': queuedJobsByKind,
    '2026-12-03-10-staff-queues-people': staffQueuesPeople,
    '2026-12-03-21-security-review': securityReview,
    '2026-12-06-60-rate-limit-counts': rateLimitCounts,
  };
}

/**
 * Every module's migrations run, switched on or not; the composition root hands in the whole list. `allowUnordered` is
 * for tests that add a module never released (the module template) to a database migrated without it: its migration
 * may be older than those of modules written since. A real deployment never sets it.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below the typed schema
  db: Kysely<any>,
  modules: readonly HearthModule[],
  options: { allowUnordered?: boolean } = {},
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => allMigrations(modules) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'hearth_migrations',
    migrationLockTableName: 'hearth_migrations_lock',
    allowUnorderedMigrations: options.allowUnordered ?? false,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
