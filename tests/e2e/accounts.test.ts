import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { randomToken } from '../../src/platform/crypto.js';
import { createUser, uniqueEmail } from '../support/app.js';
import { browserSession, checkPage, heading, linkInLatestEmail, newPage, press, signedIn, signIn, visit } from './support.js';

/** A password that passes Hearth's rules: long, and not on the blocklist. */
const strongPassword = () => `lantern orchard ${randomToken(6)} pebble`;

const session = browserSession();
const visitor = (t: TestContext, options: { javaScriptEnabled?: boolean } = {}) => session.visitor(t, options);

async function successBanner(page: Page): Promise<string> {
  return ((await page.locator('.govuk-notification-banner--success').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('public pages', () => {
  const pages = [
    ['/', 'Help for families when children’s services are involved'],
    ['/help/cookies', /cookies/i],
    ['/help/privacy', /privacy/i],
    ['/help/accessibility', /accessibility/i],
    ['/api/docs', /API/],
    ['/sign-in', 'Sign in'],
    ['/register', 'Create an account'],
    ['/password-reset', 'Reset your password'],
  ] as const;

  // Reading public pages leaves nothing behind (an anonymous visitor gets no cookie), so they share one page.
  let page: Page;
  before(async () => {
    page = await newPage(session.browser, session.server);
  });
  after(() => page?.context().close());

  for (const [path, title] of pages) {
    it(`${path} is accessible and fits 320 px`, async () => {
      await visit(page, path);
      const h1 = await heading(page);
      if (typeof title === 'string') assert.equal(h1, title);
      else assert.match(h1, title);
    });
  }

  it('shows the 404 page for an address that does not exist', async () => {
    await visit(page, '/does-not-exist', 404);
    assert.equal(await heading(page), 'Page not found');
    assert.match(await page.title(), /^Page not found – Hearth$/);
    await press(page, 'Go to the Hearth home page', 'link');
    assert.equal(new URL(page.url()).pathname, '/');
    await checkPage(page);
  });
});

describe('a member', () => {
  it('registers, confirms the email address, signs in and signs out', async (t) => {
    const page = await visitor(t);
    const email = uniqueEmail('newcomer');
    const password = strongPassword();

    await visit(page, '/register');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill(password);
    await press(page, 'Create account');
    assert.equal(await heading(page), 'Check your email');
    assert.ok((await page.locator('main').textContent())?.includes(email), 'the page names the address the link went to');
    await checkPage(page);

    // Opening the link only shows a button, so that a mail scanner following it confirms nothing.
    await visit(page, await linkInLatestEmail(session.server, email, '/register/confirm'));
    assert.equal(await heading(page), 'Confirm your email address');
    await press(page, 'Confirm email address');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.match(await successBanner(page), /Your email address is confirmed/);
    await checkPage(page);

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await press(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok(await signedIn(page), 'the header shows "Your account" once signed in');
    await checkPage(page);

    await press(page, 'Sign out');
    assert.equal(new URL(page.url()).pathname, '/signed-out');
    assert.equal(await heading(page), 'You have signed out');
    assert.equal(await signedIn(page), false);
    await checkPage(page);
  });

  it('is shown every mistake in the registration form, linked to its field, with the email kept', async (t) => {
    const page = await visitor(t);
    await visit(page, '/register');
    await page.getByLabel('Email address').fill('not-an-email-address');
    await page.getByLabel('Create a password').fill('short');
    await press(page, 'Create account');

    assert.equal(new URL(page.url()).pathname, '/register');
    assert.match(await page.title(), /^Error: /);
    const summary = page.locator('.govuk-error-summary');
    assert.equal(
      await summary
        .getByRole('heading')
        .textContent()
        .then((s) => s?.trim()),
      'There is a problem',
    );
    // GOV.UK Frontend moves focus to the summary so that a screen reader reads it first.
    assert.ok(await summary.evaluate((element) => element.contains(document.activeElement)), 'the error summary has focus');
    assert.equal(await page.getByLabel('Email address').inputValue(), 'not-an-email-address');
    assert.equal(await page.getByLabel('Create a password').inputValue(), '', 'a password is never sent back to the page');
    await checkPage(page);

    const links = summary.getByRole('link');
    assert.equal(await links.count(), 2, 'one error for the email address and one for the password');
    for (const [index, field] of ['email', 'password'].entries()) {
      const link = links.nth(index);
      assert.equal(await link.getAttribute('href'), `#${field}`);
      await link.click();
      await page.waitForFunction((id) => document.activeElement?.id === id, field);
      // The field's own error message says the same thing as the summary.
      const message = (await page.locator(`#${field}-error`).textContent())?.replace(/^\s*Error:\s*/, '').trim();
      assert.equal(message, (await link.textContent())?.trim());
    }
  });

  it('resets a forgotten password, after which only the new one works', async (t) => {
    const page = await visitor(t);
    const user = await createUser(session.server.app);
    const newPassword = strongPassword();

    await visit(page, '/sign-in');
    await press(page, 'I have forgotten my password', 'link');
    assert.equal(new URL(page.url()).pathname, '/password-reset');
    await checkPage(page);
    await page.getByLabel('Email address').fill(user.email);
    await press(page, 'Send link');
    assert.equal(await heading(page), 'Check your email');
    await checkPage(page);

    await visit(page, await linkInLatestEmail(session.server, user.email, '/password-reset/new'));
    assert.equal(await heading(page), 'Choose a new password');
    await page.getByLabel('New password').fill(newPassword);
    await press(page, 'Change password');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.match(await successBanner(page), /Your password has been changed/);
    await checkPage(page);

    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await press(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Enter a correct email address and password/);
    assert.equal(await signedIn(page), false, 'the old password no longer signs in');
    await checkPage(page);

    await signIn(page, { ...user, password: newPassword });
    assert.ok(await signedIn(page), 'the new password signs in');
  });

  it('creates an API token and uses it from another system', async (t) => {
    const page = await visitor(t);
    const user = await createUser(session.server.app);
    await signIn(page, user);

    await visit(page, '/account');
    await press(page, 'Manage API tokens', 'link');
    assert.equal(new URL(page.url()).pathname, '/account/tokens');
    await checkPage(page);
    await page.getByLabel('Name').fill('Case system link');
    await press(page, 'Create token');
    const token = ((await page.locator('#new-token').textContent()) ?? '').trim();
    assert.ok(token.length >= 20, `a long random token is shown once: "${token}"`);
    assert.equal(await page.getByRole('table').getByRole('cell', { name: 'Case system link', exact: true }).count(), 1);
    await checkPage(page);

    const response = await fetch(`${session.server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const me = (await response.json()) as { email: string; roles: string[] };
    assert.equal(me.email, user.email);
    assert.deepEqual(me.roles, ['member']);

    const refused = await fetch(`${session.server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}x` } });
    assert.equal(refused.status, 401, 'a wrong token is refused');
  });

  it('signs in without JavaScript', async (t) => {
    const page = await visitor(t, { javaScriptEnabled: false });
    const user = await createUser(session.server.app);
    await signIn(page, user);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok(await signedIn(page));
    assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')), false, 'no script ran');

    await press(page, 'Sign out');
    assert.equal(new URL(page.url()).pathname, '/signed-out');
    await checkPage(page);
  });
});

describe('staff', () => {
  it('sign in with a password and a security code', async (t) => {
    const page = await visitor(t);
    const user = await createUser(session.server.app, { roles: ['practitioner'] });
    const secret = user.totpSecret;
    assert.ok(secret, 'staff always have two-factor sign-in');

    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await press(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
    assert.equal(await heading(page), 'Enter your security code');
    assert.equal(await signedIn(page), false, 'the password alone does not sign staff in');
    await checkPage(page);

    // A code that is certainly wrong: not the one for this 30 seconds, nor for the steps either side.
    const valid = [-30_000, 0, 30_000].map((offset) => currentTotpCode(secret, Date.now() + offset));
    await page.getByLabel('Security code').fill(['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code))!);
    await press(page, 'Continue');
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /The code is not right/);
    await checkPage(page);

    await page.getByLabel('Security code').fill(currentTotpCode(secret));
    await press(page, 'Continue');
    assert.equal(new URL(page.url()).pathname, '/staff', 'staff land in their workspace');
    assert.equal(await heading(page), 'Your workspace');
    assert.ok(await signedIn(page));
    await checkPage(page);
    // The workspace links to the account page twice (side navigation and body); the side navigation is the one staff use.
    await Promise.all([
      page.waitForURL('**/account'),
      page.getByRole('navigation', { name: 'Staff workspace' }).getByRole('link', { name: 'Your account' }).click(),
    ]);
    assert.match((await page.locator('#roles').textContent()) ?? '', /Practitioner/);
    await checkPage(page);
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, and it moves focus to the main content', async (t) => {
    const page = await visitor(t);
    await visit(page, '/');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    assert.ok(await skipLink.evaluate((element) => element === document.activeElement), 'Tab first focuses the skip link');
    const box = await skipLink.boundingBox();
    assert.ok(box && box.width > 10 && box.height > 10, 'the focused skip link can be seen');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    assert.equal(new URL(page.url()).hash, '#main-content');
    await checkPage(page);
  });

  it('signs in with only the keyboard', async (t) => {
    const page = await visitor(t);
    const user = await createUser(session.server.app);
    await visit(page, '/sign-in');

    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Tab through the header and navigation to the form: a bounded number of presses, never a mouse.
    for (let presses = 0; (await focusedId()) !== 'email'; presses++) {
      assert.ok(presses < 25, 'the email field can be reached with Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'password', 'Tab goes from the email address to the password');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Sign in', 'then to the button');

    const navigated = page.waitForURL((url) => url.pathname === '/');
    await page.keyboard.press('Enter');
    await navigated;
    assert.ok(await signedIn(page));
    await checkPage(page);
  });
});
