import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../../platform/audit.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import { councilFor, readFlags } from '../command-support.js';
import type { FamilyFlagRules } from '../flag-store.js';
import { refreshPlannerStatistics, storeFamilies } from '../synthetic/store.js';
import { IMPORT_FILES, readImport } from './read.js';

const USAGE = `Usage: hearth practice import <dir> --team NAME [--worker EMAIL] [--organisation NAME]
  <dir> holds ${Object.values(IMPORT_FILES)
    .map((f) => f.file)
    .join(', ')}; docs/practice.md gives their columns.`;

/**
 * `hearth practice import <dir>`: a council's people, families, CIN episodes and chronology from CSV, all or nothing.
 * Every problem in every file is listed, row by row, before anything is written; then everything lands in one
 * transaction with its flags, and one audit entry says who brought in how much.
 */
export function importCommand(rules: FamilyFlagRules) {
  return async (_app: FastifyInstance, { platform }: { platform: Services }, args: readonly string[]): Promise<number> => {
    const read = readFlags(args, ['team', 'worker', 'organisation']);
    if ('problem' in read || read.positional.length !== 1 || !read.flags.team) {
      console.error(`${'problem' in read ? `${read.problem}.\n` : ''}${USAGE}`);
      return 2;
    }
    const [dir] = read.positional as [string];
    const council = await councilFor(platform, read.flags.organisation ?? null);
    if ('problem' in council) {
      console.error(`${council.problem}.`);
      return 1;
    }
    const team = await platform.db
      .selectFrom('teams')
      .select('id')
      .where('organisation_id', '=', council.id)
      .where('name', '=', read.flags.team)
      .executeTakeFirst();
    if (!team) {
      console.error(`There is no team called "${read.flags.team}" in that local authority.`);
      return 1;
    }
    const worker = read.flags.worker
      ? await platform.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', read.flags.worker.toLowerCase())
          .where('organisation_id', '=', council.id)
          .executeTakeFirst()
      : null;
    if (read.flags.worker && !worker) {
      console.error(`There is no account ${read.flags.worker} in that local authority.`);
      return 1;
    }

    const today = londonDay(new Date());
    const checked = await readImport(dir, today);
    if ('problems' in checked) {
      for (const problem of checked.problems) console.error(problem);
      console.error(
        `Nothing was imported: ${checked.problems.length} ${checked.problems.length === 1 ? 'problem' : 'problems'} to put right first.`,
      );
      return 1;
    }
    const placement = {
      organisationId: council.id,
      teamId: team.id,
      allocatedWorkerId: worker?.id ?? null,
      recordedByLabel: `import from ${dir}`,
      references: checked.references,
    };
    try {
      const counts = await platform.db.transaction().execute(async (trx) => {
        const stored = await storeFamilies(trx, checked.families, placement, rules, today);
        await platform.audit.record(
          {
            actor: systemActor('hearth practice import (command line)'),
            action: 'cases.imported',
            organisationId: council.id,
            details: { ...stored, dir },
          },
          trx,
        );
        return stored;
      });
      await refreshPlannerStatistics(platform.db);
      console.log(
        `Imported ${counts.children} children and ${counts.adults} adults in ${counts.families} families, ` +
          `${counts.events} chronology events, and raised ${counts.flags} flags.`,
      );
      return 0;
    } catch (error) {
      // Checked files can still clash with what Hearth already holds: a person's id imported before, say.
      if ((error as { code?: string }).code === '23505') {
        console.error('Nothing was imported: some of these people are already in Hearth (their pers_person_id is taken).');
        return 1;
      }
      throw error;
    }
  };
}
