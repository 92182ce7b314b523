import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { seedDemo } from '../../platform/demo.js';
import { FLAG_RULES } from './chronology/event-kinds.js';

describe('cases: the demo caseload', () => {
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

  it('gives the demo practitioner a caseload whose flags show every rule', async () => {
    const stored = await t.app.services.db.selectFrom('case_flags').select('rule').distinct().execute();
    assert.deepEqual(stored.map((f) => f.rule).sort(), [...FLAG_RULES].sort());
    const page = await (await signedIn('practitioner@example.org')).get('/practice');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="my-children"/);
    assert.match(page.body, /Not seen alone in the last 4 weeks/);
  });

  it('lets the team’s manager in, and asks the colleague of the other team to break the glass', async () => {
    const child = await t.app.services.db.selectFrom('case_people').select('id').where('kind', '=', 'child').executeTakeFirstOrThrow();
    const manager = await signedIn('manager@example.org');
    assert.equal((await manager.get(`/practice/children/${child.id}/chronology`)).statusCode, 200);
    const colleague = await signedIn('colleague@example.org');
    const response = await colleague.get(`/practice/children/${child.id}/chronology`);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/practice/children/${child.id}/break-glass`);
    assert.doesNotMatch((await colleague.get('/practice')).body, /id="my-children"|id="team-children"/);
  });
});
