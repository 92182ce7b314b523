import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, linkIn, mailTo, signIn, testApp, uniqueEmail, type TestContext } from '../../../tests/support/app.js';
import { commonPasswordCount } from './passwords.js';

const GOOD_PASSWORD = 'kettle lantern orchard';

describe('registering and confirming an email address', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('creates a pending account, emails a link, and confirms only when the button is pressed', async () => {
    const client = new FormClient(t.app);
    const email = uniqueEmail('parent');
    const response = await client.submit('/register', { email, password: GOOD_PASSWORD });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Check your email/);

    const [message] = await mailTo(t.app, email);
    assert.ok(message, 'a confirmation email was written');
    const link = linkIn(message.text_body, '/register/confirm');

    // A mail scanner following the link must not confirm the address.
    const opened = await client.get(link);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Confirm email address/);
    const stillPending = await t.app.services.accounts.findByEmail(email);
    assert.equal(stillPending?.status, 'pending');

    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const confirmed = await client.post('/register/confirm', { token });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/sign-in');
    assert.equal((await t.app.services.accounts.findByEmail(email))?.status, 'active');
    assert.match((await client.get('/sign-in')).body, /Your email address is confirmed/);

    // The link works once.
    const again = await client.post('/register/confirm', { token });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /expired or has already been used/);
  });

  it('gives the same answer for an address that already has an account, and tells its owner by email', async () => {
    const client = new FormClient(t.app);
    const email = uniqueEmail('existing');
    await client.submit('/register', { email, password: GOOD_PASSWORD });
    await client.post('/register/confirm', {
      token: new URL(linkIn((await mailTo(t.app, email))[0]!.text_body, '/register/confirm'), 'http://x').searchParams.get('token')!,
    });

    const second = await new FormClient(t.app).submit('/register', { email, password: 'another long passphrase' });
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Check your email/);
    const messages = await mailTo(t.app, email);
    assert.equal(messages[0]?.subject, 'You already have a Hearth account');
  });

  it('refuses short and common passwords and a malformed email, keeping what was typed', async () => {
    const client = new FormClient(t.app);
    const response = await client.submit('/register', { email: 'not-an-email', password: 'short' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /Enter an email address in the correct format/);
    assert.match(response.body, /Password must be 12 characters or more/);
    assert.match(response.body, /value="not-an-email"/);
    assert.doesNotMatch(response.body, /value="short"/, 'passwords are never sent back');

    const common = await client.submit('/register', { email: uniqueEmail(), password: 'password1234' });
    assert.equal(common.statusCode, 400);
    assert.match(common.body, /too easy to guess/);
  });

  it('bundles a large list of common passwords and has no composition rules', async () => {
    assert.ok(commonPasswordCount() >= 10_000, `only ${commonPasswordCount()} common passwords`);
    const client = new FormClient(t.app);
    const response = await client.submit('/register', { email: uniqueEmail(), password: 'all lower case words here' });
    assert.equal(response.statusCode, 200);
  });

  it('escapes what people type when showing it back', async () => {
    const client = new FormClient(t.app);
    const response = await client.submit('/register', { email: '<script>alert(1)</script>', password: 'x' });
    assert.equal(response.statusCode, 400);
    assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
    assert.match(response.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});

describe('resetting a forgotten password', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('says the same thing whether or not the address has an account', async () => {
    const unknown = await new FormClient(t.app).submit('/password-reset', { email: uniqueEmail('nobody') });
    assert.equal(unknown.statusCode, 200);
    assert.match(unknown.body, /If there is an account for/);
  });

  it('sets a new password from the emailed link, signs the person out everywhere, and works once', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const elsewhere = new FormClient(t.app);
    await signIn(elsewhere, user);
    assert.equal((await elsewhere.get('/account')).statusCode, 200);

    const client = new FormClient(t.app);
    await client.submit('/password-reset', { email: user.email });
    const link = linkIn((await mailTo(t.app, user.email))[0]!.text_body, '/password-reset/new');
    const form = await client.get(link);
    assert.match(form.body, /Choose a new password/);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const done = await client.post('/password-reset/new', { token, password: 'brand new harbour lights' });
    assert.equal(done.statusCode, 303);

    assert.equal((await elsewhere.get('/account')).statusCode, 303, 'the other session has ended');
    const oldPassword = await new FormClient(t.app).submit('/sign-in', { email: user.email, password: user.password });
    assert.equal(oldPassword.statusCode, 400);
    const newPassword = await signIn(new FormClient(t.app), { ...user, password: 'brand new harbour lights' });
    assert.equal(newPassword.statusCode, 303);

    const reused = await client.post('/password-reset/new', { token, password: 'yet another long password' });
    assert.equal(reused.statusCode, 400);
  });
});
