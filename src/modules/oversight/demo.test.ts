import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { seedDemo } from '../../platform/demo.js';

describe('oversight: the demo', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_DEMO: 'true' });
    assert.equal(await seedDemo(t.app.services, t.app.config, t.app.modules, t.app.moduleContext), true);
  });
  after(() => t.close());

  const signedIn = async (email: string) => {
    const user = await t.app.services.accounts.findByEmail(email);
    const client = new FormClient(t.app);
    await signInDirectly(client, { id: user!.id });
    return client;
  };

  it('gives the demo caseload a supervision, a decision awaiting approval and an answered and an open challenge', async () => {
    const { db } = t.app.services;
    const decisions = await db.selectFrom('oversight_decisions').select(['status', 'child_id']).execute();
    assert.deepEqual(decisions.map((d) => d.status).sort(), ['awaiting-approval', 'recorded']);
    const challenges = await db.selectFrom('oversight_challenges').select(['answered_at']).execute();
    assert.deepEqual(challenges.map((c) => c.answered_at !== null).sort(), [false, true]);
    assert.equal((await db.selectFrom('oversight_supervisions').select('id').execute()).length, 1);

    const childId = decisions[0]!.child_id;
    const manager = await signedIn('manager@example.org');
    const waiting = await manager.get('/practice/oversight/decisions');
    assert.match(waiting.body, /Step down from a child in need plan to early help/);
    assert.match(waiting.body, /The plan has no date for the next review/);
    const page = await (await signedIn('practitioner@example.org')).get(`/practice/children/${childId}/oversight`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Telling the family first could put the child at risk/);
    assert.match(page.body, /Leo Fictonby/, 'the first child allocated to the practitioner, as docs/oversight.md says');
    const nation = await db.selectFrom('oversight_nations').select('nation').executeTakeFirstOrThrow();
    assert.equal(nation.nation, 'england');
  });

  it('counts the manager’s waiting work on /staff', async () => {
    const staff = await (await signedIn('manager@example.org')).get('/staff');
    assert.match(staff.body, /Decisions awaiting a manager’s approval/);
    assert.match(staff.body, /Challenges awaiting an answer/);
  });
});
