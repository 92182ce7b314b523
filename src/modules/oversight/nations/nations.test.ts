import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';

describe('oversight: an organisation’s nation', () => {
  let t: TestContext;
  let world: PracticeWorld;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
  });
  after(() => t.close());

  it('is England until set, and set with an audit entry', async () => {
    const { oversight } = t.app;
    assert.equal(await oversight.nationOf(world.councils.northmoor), 'england');
    const changed = await oversight.setNation(world.viewer('manager').actor, world.councils.northmoor, 'wales');
    assert.deepEqual(changed, { ok: true, nation: 'wales', previous: 'england' });
    assert.equal(await oversight.nationOf(world.councils.northmoor), 'wales');
    assert.equal(await oversight.nationOf(world.councils.elsewhere), 'england');
    const entry = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'oversight.nation-set')
      .executeTakeFirstOrThrow();
    assert.equal(entry.subject_id, world.councils.northmoor);
    await oversight.setNation(world.viewer('manager').actor, world.councils.northmoor, 'england');
    assert.equal(await oversight.nationOf(world.councils.northmoor), 'england');
  });

  it('refuses an organisation that does not exist', async () => {
    const missing = await t.app.oversight.setNation(world.viewer('manager').actor, '00000000-0000-4000-8000-000000000000', 'wales');
    assert.deepEqual(missing, { ok: false, reason: 'no-organisation' });
  });

  it('is set from the command line by the organisation’s name or id', async () => {
    const quiet = silence();
    try {
      assert.equal(await t.app.runModuleCommand('oversight nation', ['Fictional Elsewhere Council (test)', 'wales']), 0);
      assert.equal(await t.app.oversight.nationOf(world.councils.elsewhere), 'wales');
      assert.equal(await t.app.runModuleCommand('oversight nation', [world.councils.elsewhere.toUpperCase(), 'england']), 0);
      assert.equal(await t.app.oversight.nationOf(world.councils.elsewhere), 'england');
      assert.equal(await t.app.runModuleCommand('oversight nation', ['Nowhere Council', 'wales']), 1);
      assert.equal(await t.app.runModuleCommand('oversight nation', ['Fictional Elsewhere Council (test)', 'scotland']), 1);
      assert.equal(await t.app.runModuleCommand('oversight nation', []), 1);
    } finally {
      quiet.restore();
    }
    assert.ok(quiet.errors.some((line) => line.includes('There is no organisation "Nowhere Council"')));
  });

  it('says how far ahead the bank holidays run', async () => {
    const quiet = silence();
    try {
      assert.equal(await t.app.runModuleCommand('holidays', []), 0);
    } finally {
      quiet.restore();
    }
    assert.equal(quiet.logs.filter((line) => /^(England|Wales): the last bank holiday held is/.test(line)).length, 2);
  });
});

function silence() {
  const logs: string[] = [];
  const errors: string[] = [];
  const { log, error } = console;
  console.log = (...words: unknown[]) => void logs.push(words.join(' '));
  console.error = (...words: unknown[]) => void errors.push(words.join(' '));
  return { logs, errors, restore: () => Object.assign(console, { log, error }) };
}
