import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { londonDay } from '../../../platform/time.js';
import { FLAG_RULES } from '../chronology/event-kinds.js';
import { practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { familyFlags } from '../flags/flags.js';
import { demoCaseload } from '../generator/demo.js';
import { GENERATED_TEAM, generateOptions } from './generate-command.js';
import { storeFamilies } from './store.js';

/** Runs a command as `hearth` would, keeping what it says instead of printing it. */
async function command(t: TestContext, name: string, args: string[]) {
  const said: string[] = [];
  const [log, error, write] = [console.log, console.error, process.stdout.write.bind(process.stdout)];
  console.log = (line: string) => void said.push(line);
  console.error = (line: string) => void said.push(line);
  process.stdout.write = ((chunk: string) => (said.push(chunk), true)) as typeof process.stdout.write;
  try {
    return { code: await t.app.runModuleCommand(name, args), said: said.join('\n') };
  } finally {
    [console.log, console.error, process.stdout.write] = [log, error, write];
  }
}

describe('synthetic families in the practice records', () => {
  let t: TestContext;
  let world: PracticeWorld;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
  });
  after(() => t.close());

  it('stores the demo caseload whole, with every flag rule raised and every event at its first version', async () => {
    const today = londonDay(new Date());
    const families = demoCaseload(today);
    const placement = {
      organisationId: world.councils.northmoor,
      teamId: world.teams.north,
      allocatedWorkerId: world.users.worker.id,
      recordedByLabel: 'synthetic data',
    };
    const counts = await t.app.services.db.transaction().execute((trx) => storeFamilies(trx, families, placement, familyFlags, today));
    assert.equal(counts.families, families.length);
    assert.equal(counts.events, families.flatMap((f) => f.events).length);

    const db = t.app.services.db;
    const ids = families.map((f) => f.id);
    const rules = await db.selectFrom('case_flags').select('rule').distinct().where('family_id', 'in', ids).execute();
    assert.deepEqual(rules.map((r) => r.rule).sort(), [...FLAG_RULES].sort(), 'the demo shows every rule');
    const stored = await db
      .selectFrom('case_events as e')
      .innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('e.family_id', 'in', ids)
      .where('v.version', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.count), counts.events, 'every event points at its first version');
    const children = await db
      .selectFrom('case_people')
      .select(['allocated_worker_id'])
      .where('family_id', 'in', ids)
      .where('kind', '=', 'child')
      .execute();
    assert.ok(children.length > 0 && children.every((c) => c.allocated_worker_id === world.users.worker.id));
    // What the rules say now is exactly what was stored, flag for flag.
    const expected = families.flatMap((f) => familyFlags({ childIds: f.children.map((c) => c.id), events: f.events, today }));
    assert.equal(counts.flags, expected.length);
  });

  it('reads the command line of hearth generate, refusing what it does not understand', () => {
    assert.deepEqual(generateOptions(['--children', '200', '--seed', 'abc']), { children: 200, seed: 'abc', organisation: null });
    assert.match((generateOptions([]) as { problem: string }).problem, /Say how many children/);
    assert.match((generateOptions(['--children', '0']) as { problem: string }).problem, /whole number from 1/);
    assert.match((generateOptions(['--children', '2e3']) as { problem: string }).problem, /whole number from 1/);
    assert.match((generateOptions(['--children']) as { problem: string }).problem, /needs a value/);
    assert.match((generateOptions(['--children', '5', '--colour', 'red']) as { problem: string }).problem, /It does not know --colour/);
  });

  it('generates a synthetic authority into a team of its own, allocated to nobody, and audits it', async () => {
    const unclear = await command(t, 'generate', ['--children', '50']);
    assert.equal(unclear.code, 1, 'two councils: it must be told which');
    assert.match(unclear.said, /Choose the local authority with --organisation/);
    assert.equal(
      await t.app.services.db.selectFrom('case_families').select('id').where('team_id', 'not in', [world.teams.north]).executeTakeFirst(),
      undefined,
      'nothing written',
    );

    const wrong = await command(t, 'generate', ['--children', 'lots']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.said, /Usage: hearth generate --children N/);

    const done = await command(t, 'generate', [
      '--children',
      '300',
      '--seed',
      'test-seed',
      '--organisation',
      'Fictional Elsewhere Council (test)',
    ]);
    assert.equal(done.code, 0, done.said);
    assert.match(done.said, /All of it is synthetic/);
    const db = t.app.services.db;
    const team = await db.selectFrom('teams').select('id').where('name', '=', GENERATED_TEAM).executeTakeFirstOrThrow();
    const families = await db.selectFrom('case_families').selectAll().where('team_id', '=', team.id).execute();
    assert.ok(families.length > 0);
    assert.ok(families.every((f) => f.organisation_id === world.councils.elsewhere && f.allocated_worker_id === null));
    const children = await db
      .selectFrom('case_people')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where(
        'family_id',
        'in',
        families.map((f) => f.id),
      )
      .where('kind', '=', 'child')
      .executeTakeFirstOrThrow();
    assert.ok(Number(children.count) >= 300, `${children.count} children`);
    const flags = await db
      .selectFrom('case_flags')
      .select('rule')
      .where(
        'family_id',
        'in',
        families.map((f) => f.id),
      )
      .execute();
    assert.ok(
      flags.some((f) => f.rule === 're-referral'),
      'a council of this size has re-referrals',
    );
    const audit = await db.selectFrom('audit_log').select(['details']).where('action', '=', 'cases.synthetic-generated').execute();
    assert.equal(audit.length, 1);
  });
});
