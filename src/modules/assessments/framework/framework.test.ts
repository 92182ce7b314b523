import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { londonDay } from '../../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './default-framework.js';

describe('assessments: loading a framework with `hearth assessments load-framework`', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let dir: string;
  const example = fs.readFileSync(new URL('../../../../docs/examples/framework.json', import.meta.url), 'utf8');
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-framework-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  async function run(args: string[]) {
    const said: string[] = [];
    const [log, error] = [console.log, console.error];
    console.log = (line: string) => void said.push(line);
    console.error = (line: string) => void said.push(line);
    try {
      return { code: await t.app.runModuleCommand('assessments load-framework', args), said: said.join('\n') };
    } finally {
      [console.log, console.error] = [log, error];
    }
  }
  const file = (name: string, text: string) => {
    const where = path.join(dir, name);
    fs.writeFileSync(where, text);
    return where;
  };
  const northmoor = 'Fictional Northmoor Council (test)';

  it('lists every problem with its line and loads nothing', async () => {
    const wrong = file('wrong.json', example.replace('"2": "Usually.",', '').replace('"welfare-rights"', '"fines"'));
    const { code, said } = await run([wrong, '--organisation', northmoor]);
    assert.equal(code, 1);
    assert.match(said, /wrong\.json line 2\d: the question "comfort" has no descriptor for grade 2/);
    assert.match(said, /wrong\.json line 43: the circumstance "income-and-debt" needs "support"/);
    assert.match(said, /Nothing was loaded: 2 problems/);
    const stored = await t.app.services.db
      .selectFrom('assessment_frameworks')
      .select('id')
      .where('organisation_id', '=', world.councils.northmoor)
      .execute();
    assert.deepEqual(stored, []);
    assert.equal((await run([])).code, 2);
    assert.equal((await run([path.join(dir, 'missing.json'), '--organisation', northmoor])).code, 1);
    assert.match((await run([wrong, '--organisation', 'Nowhere'])).said, /Choose the local authority/);
  });

  it('loads versions that new assessments use, while other councils keep the default and older assessments their own', async () => {
    const child = await addChild(t.app, world, 'worker');
    const before = await t.app.assessments.recording.start(world.viewer('worker'), child.id, londonDay(new Date()));
    assert.ok(before.ok);
    const good = file('good.json', example);
    const first = await run([good, '--organisation', northmoor]);
    assert.equal(first.code, 0, first.said);
    assert.match(first.said, /as version 1 of Fictional Northmoor Council \(test\)/);
    assert.match((await run([good, '--organisation', northmoor])).said, /as version 2/);
    const read = await t.app.assessments.recording.read(world.viewer('worker'), child.id, before.id);
    assert.ok(read.ok && read.assessment.framework.title === DEFAULT_FRAMEWORK.title, 'an assessment keeps the framework it began with');
    const other = await addChild(t.app, world, 'teammate');
    const after = await t.app.assessments.recording.start(world.viewer('teammate'), other.id, londonDay(new Date()));
    assert.ok(after.ok);
    const fresh = await t.app.assessments.recording.read(world.viewer('teammate'), other.id, after.id);
    assert.ok(fresh.ok);
    assert.equal(fresh.assessment.framework.title, "Fictional Northmoor Council child's needs (example)");
    assert.equal(fresh.assessment.frameworkVersion, 2);
    const elsewhere = await t.app.assessments.frameworks.currentFor(world.councils.elsewhere);
    assert.equal(elsewhere.framework.title, DEFAULT_FRAMEWORK.title);
    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'assessments.framework-loaded')
      .execute();
    assert.equal(audit.length, 2);
  });
});
