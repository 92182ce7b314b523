import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';

/** With the cases module switched off there are no children's records: the plans pages say so, and never fail. */
describe('plans: with the cases module switched off', () => {
  let t: TestContext;
  let world: PracticeWorld;
  before(async () => {
    t = await testApp({ HEARTH_MODULES: 'plans' });
    world = await practiceWorld(t.app);
  });
  after(() => t.close());

  it('answers a child’s plans as a missing record and lists no reviews due', async () => {
    assert.equal(t.app.practiceRecords, null);
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users.worker);
    const child = randomUUID();
    for (const url of [`/practice/children/${child}/plans`, `/practice/children/${child}/plans/new`]) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 404, url);
      assert.match(page.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
    }
    const due = await client.get('/practice/plans/reviews-due');
    assert.equal(due.statusCode, 200);
  });
});
