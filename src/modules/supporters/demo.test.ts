import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, uniqueEmail, type TestContext } from '../../../tests/support/app.js';
import { seedDemo } from '../../platform/demo.js';

describe('supporters: demo data and the newsletter commands', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_DEMO: 'true' });
  });
  after(() => t.close());

  it('seeds plainly fictional events, newsletters and a demo supporter', async () => {
    assert.equal(await seedDemo(t.app.services, t.app.config, t.app.modules, t.app.moduleContext), true);
    const events = await t.app.inject({ method: 'GET', url: '/events' });
    assert.match(events.body, /Virtual lobby of Parliament for Kinship Care Week/);
    const lobby = await t.app.inject({ method: 'GET', url: '/events/virtual-lobby-kinship-care-week' });
    assert.match(lobby.body, /demo event/);
    const issue = await t.app.inject({ method: 'GET', url: '/newsletter/issues/november-news-from-hearth' });
    assert.equal(issue.statusCode, 200);
    // A draft is not public.
    assert.equal((await t.app.inject({ method: 'GET', url: '/newsletter/issues/december-news-draft' })).statusCode, 404);
    const member = await t.app.services.accounts.findByEmail('member@example.org');
    const pledges = await t.app.supporters.pledges.mine(member!.id);
    assert.equal(pledges[0]!.reference, 'HP-DEMO2026');
    const subscribers = await t.app.services.db.selectFrom('newsletter_subscribers').select('email').execute();
    assert.ok(subscribers.every((s) => /@example\.(org|com)$/.test(s.email)));
  });

  it('records bounces from the command line, and says which addresses it did not know', async () => {
    const email = uniqueEmail('reader');
    await t.app.services.db.insertInto('newsletter_subscribers').values({ email, status: 'subscribed' }).execute();
    const log = console.log;
    const error = console.error;
    const said: string[] = [];
    console.log = (line: string) => void said.push(line);
    console.error = (line: string) => void said.push(line);
    try {
      assert.equal(await t.app.runModuleCommand('newsletter bounce', [email, 'nobody@example.org']), 1);
      assert.equal(await t.app.runModuleCommand('newsletter complaint', []), 2);
    } finally {
      console.log = log;
      console.error = error;
    }
    assert.ok(said.some((line) => line.startsWith(`${email}: recorded`)));
    assert.ok(said.some((line) => line.startsWith('nobody@example.org: not on the newsletter list')));
    const row = await t.app.services.db
      .selectFrom('newsletter_subscribers')
      .select('status')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'bounced');
  });
});
