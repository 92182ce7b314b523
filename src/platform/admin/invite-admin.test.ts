import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, testApp, type TestContext } from '../../../tests/support/app.js';
import { currentTotpCode } from '../auth/totp.js';

describe('the first administrator of a new deployment', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('is invited by link, chooses a password, sets up two-factor sign-in and reaches /admin', async () => {
    const link = await t.app.services.people.inviteAdministrator('first-admin@example.org');
    assert.ok(link, 'an invitation link is returned');
    assert.ok(link.startsWith('http://hearth.test/invitation?token='));
    const path = new URL(link).pathname + new URL(link).search;

    const client = new FormClient(t.app);
    const page = await client.get(path);
    assert.match(page.body, /Set up your staff account/);
    const token = new URL(link).searchParams.get('token')!;
    assert.equal((await client.post('/invitation', { token, password: 'granite harbour evening' })).statusCode, 303);

    const signIn = await client.submit('/sign-in', { email: 'first-admin@example.org', password: 'granite harbour evening' });
    assert.equal(signIn.headers.location, '/sign-in/set-up-two-factor', 'an administrator must set up two-factor sign-in first');
    const setUp = await client.get('/sign-in/set-up-two-factor');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
    assert.equal((await client.post('/sign-in/set-up-two-factor', { code: currentTotpCode(secret) })).statusCode, 200);
    assert.equal((await client.get('/admin')).statusCode, 200);

    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .select(['actor_label', 'action'])
      .where('action', '=', 'user.invited')
      .execute();
    assert.ok(audit.some((a) => a.actor_label === 'hearth invite-admin'));
  });

  it('will not take over an address that already has an account', async () => {
    await t.app.services.people.inviteAdministrator('taken@example.org');
    assert.equal(await t.app.services.people.inviteAdministrator('taken@example.org'), null);
  });
});
