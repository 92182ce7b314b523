import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { currentTotpCode } from './totp.js';

// The account page is kept, rendered, for the person who opens it (and on the embedded database its reads are kept
// too), so these tests walk through every change that must show on it at once, on both kinds of database.
for (const embedded of [false, true]) {
  describe(`the account page kept for the person who opens it${embedded ? ', on the embedded database' : ''}`, () => {
    let t: TestContext;
    before(async () => {
      t = await testApp(undefined, { embedded });
    });
    after(() => t.close());

    async function member() {
      const user = await createUser(t.app, { roles: ['member'] });
      const client = new FormClient(t.app);
      await signInDirectly(client, user);
      return { user, client };
    }

    const twoFactorLine = (body: string) => /Two-factor sign-in\s*<\/dt>\s*<dd[^>]*>\s*([^<]*?)\s*<\/dd>/.exec(body)?.[1];

    it('shows each person their own address, however often they and others look', async () => {
      const first = await member();
      const second = await member();
      for (let i = 0; i < 3; i++) {
        for (const { user, client } of [first, second]) {
          const page = await client.get('/account');
          assert.equal(page.statusCode, 200);
          assert.ok(page.body.includes(user.email), 'their own address');
          const other = user === first.user ? second.user : first.user;
          assert.ok(!page.body.includes(other.email), 'never the other person’s');
        }
      }
    });

    it('follows two-factor sign-in being turned on, a recovery code being used and two-factor being turned off', async () => {
      const { user, client } = await member();
      assert.equal(twoFactorLine((await client.get('/account')).body), 'Off');
      assert.equal(twoFactorLine((await client.get('/account')).body), 'Off', 'the kept page says the same');

      const setUp = await client.get('/account/two-factor');
      const secret = /id="totp-secret">([^<]+)</.exec(setUp.body)![1]!;
      const enabled = await client.post('/account/two-factor', { code: currentTotpCode(secret) });
      assert.equal(enabled.statusCode, 200, 'the recovery codes are shown');
      assert.equal(twoFactorLine((await client.get('/account')).body), 'On. 10 recovery codes left.');

      const code = /id="recovery-codes">\s*<li>([^<]+)<\/li>/.exec(enabled.body)![1]!;
      const used = await t.app.services.accounts.signInSecondStep(user.id, code, '127.0.0.1');
      assert.equal(used.outcome, 'signed-in', 'a recovery code is used');
      assert.equal(twoFactorLine((await client.get('/account')).body), 'On. 9 recovery codes left.');

      const off = await client.post('/account/two-factor/turn-off', { password: user.password });
      assert.equal(off.statusCode, 303);
      const afterOff = await client.get('/account');
      assert.match(afterOff.body, /Two-factor sign-in is off/, 'the message shows once');
      assert.equal(twoFactorLine(afterOff.body), 'Off');
      assert.doesNotMatch((await client.get('/account')).body, /Two-factor sign-in is off/, 'and only once');
    });

    it('gives every kept page a fresh form token of its own session', async () => {
      const { client } = await member();
      const tokens = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const page = await client.get('/account');
        for (const [, token] of page.body.matchAll(/name="_csrf" value="([^"]+)"/g)) tokens.add(token!);
      }
      assert.ok(!(await client.get('/account')).body.includes('\u0000'), 'no stand-in is ever sent');
      // Signing out is the account page's only form; its token must work, which proves it is this session's own.
      const out = await client.post('/sign-out');
      assert.equal(out.statusCode, 303, 'the kept page’s token is accepted');
      assert.ok(tokens.size >= 1);
    });
  });
}
