import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { seedDemo } from '../../platform/demo.js';

describe('assessments: the demo', () => {
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

  it('has a re-assessment showing change, one waiting for the manager, and support offered for the families’ pressures', async () => {
    const db = t.app.services.db;
    const twice = await db
      .selectFrom('assessments')
      .select('child_id')
      .where('state', '=', 'authorised')
      .groupBy('child_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .executeTakeFirstOrThrow();
    const practitioner = await signedIn('practitioner@example.org');
    const history = await practitioner.get(`/practice/children/${twice.child_id}/assessments`);
    assert.equal(history.statusCode, 200);
    assert.equal(history.body.match(/<path d=/g)?.length, 5, 'a line for each domain');
    const manager = await signedIn('manager@example.org');
    const awaiting = await manager.get('/practice/assessments/awaiting');
    assert.equal(awaiting.body.match(/\/decision">/g)?.length, 1);
    const staff = await manager.get('/staff');
    assert.match(staff.body, /data-queue="assessments.awaiting-authorisation"/);
    const support = await db.selectFrom('assessment_circumstances').select('support_offered').where('pressure', '=', true).execute();
    assert.ok(support.length >= 4 && support.every((s) => s.support_offered !== ''));
  });
});
