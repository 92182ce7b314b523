import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../../platform/audit.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import type { FamilyFlagRules } from '../flag-store.js';
import { syntheticAuthority } from '../generator/authority.js';
import type { SyntheticFamily } from '../generator/types.js';
import { councilFor, readFlags } from '../command-support.js';
import { refreshPlannerStatistics, storeFamilies, type StoredCounts } from './store.js';

const USAGE = 'Usage: hearth generate --children N [--seed WORDS] [--organisation NAME]';
const MOST_CHILDREN = 1_000_000;
// Families written per transaction: each batch lands whole, and the embedded database is never held for long.
const FAMILIES_PER_BATCH = 500;
export const GENERATED_TEAM = 'Synthetic families (generated)';

interface GenerateOptions {
  children: number;
  seed: string;
  organisation: string | null;
}

/** Reads `--children N`, `--seed WORDS` and `--organisation NAME`; a problem is a sentence for the operator. */
export function generateOptions(args: readonly string[]): GenerateOptions | { problem: string } {
  const read = readFlags(args, ['children', 'seed', 'organisation']);
  if ('problem' in read) return read;
  if (read.positional.length > 0) return { problem: `It does not know ${read.positional[0]}` };
  const { children, seed = `${Date.now()}`, organisation = null } = read.flags;
  if (children === undefined) return { problem: 'Say how many children: --children N' };
  if (!/^\d+$/.test(children) || Number(children) < 1 || Number(children) > MOST_CHILDREN) {
    return { problem: `--children must be a whole number from 1 to ${MOST_CHILDREN.toLocaleString('en-GB')}` };
  }
  return { children: Number(children), seed, organisation };
}

/**
 * `hearth generate --children N`: a plainly synthetic authority written into the practice records, for trying Hearth
 * at a council's scale and for the benchmarks. The families go to a team of their own, allocated to nobody, so that no
 * practitioner's caseload fills with them; batch by batch, each in a transaction, with one audit entry at the end.
 */
export function generateCommand(rules: FamilyFlagRules) {
  return async (_app: FastifyInstance, { platform }: { platform: Services }, args: readonly string[]): Promise<number> => {
    const options = generateOptions(args);
    if ('problem' in options) {
      console.error(`${options.problem}.\n${USAGE}`);
      return 2;
    }
    const council = await councilFor(platform, options.organisation);
    if ('problem' in council) {
      console.error(`${council.problem}.`);
      return 1;
    }
    const team =
      (await platform.db
        .selectFrom('teams')
        .select('id')
        .where('organisation_id', '=', council.id)
        .where('name', '=', GENERATED_TEAM)
        .executeTakeFirst()) ??
      (await platform.db
        .insertInto('teams')
        .values({ organisation_id: council.id, name: GENERATED_TEAM })
        .returning('id')
        .executeTakeFirstOrThrow());
    const today = londonDay(new Date());
    const placement = { organisationId: council.id, teamId: team.id, allocatedWorkerId: null, recordedByLabel: 'synthetic data' };
    const total: StoredCounts = { families: 0, children: 0, adults: 0, events: 0, flags: 0 };
    const started = Date.now();
    let batch: SyntheticFamily[] = [];
    const store = async () => {
      const counts = await platform.db.transaction().execute((trx) => storeFamilies(trx, batch, placement, rules, today));
      for (const key of Object.keys(total) as (keyof StoredCounts)[]) total[key] += counts[key];
      batch = [];
      process.stdout.write(`\r${total.children.toLocaleString('en-GB')} of ${options.children.toLocaleString('en-GB')} children`);
    };
    for (const family of syntheticAuthority({ children: options.children, seed: options.seed, today })) {
      batch.push(family);
      if (batch.length >= FAMILIES_PER_BATCH) await store();
    }
    if (batch.length > 0) await store();
    await refreshPlannerStatistics(platform.db);
    await platform.audit.record({
      actor: systemActor('hearth generate (command line)'),
      action: 'cases.synthetic-generated',
      organisationId: council.id,
      details: { ...total, seed: options.seed },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nGenerated ${total.children.toLocaleString('en-GB')} children in ${total.families.toLocaleString('en-GB')} families, ` +
        `${total.events.toLocaleString('en-GB')} events and ${total.flags.toLocaleString('en-GB')} flags in ${seconds} s ` +
        `(team "${GENERATED_TEAM}", seed "${options.seed}"). All of it is synthetic.`,
    );
    return 0;
  };
}
