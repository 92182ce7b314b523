import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser, uniqueEmail, type TestUser } from '../support/app.js';
import { browserSession, checkPage, heading, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('an administrator', () => {
  let admin: TestUser;
  let page: Page;
  // Inside the describe, so that it runs after the session has started its server and browser.
  before(async () => {
    admin = await createUser(session.server.app, { roles: ['admin'] });
    page = await newPage(session.browser, session.server);
    await startSignedIn(page, session.server, admin);
  });

  it('can use every account page', async () => {
    for (const path of ['/account', '/account/password', '/account/two-factor', '/account/tokens']) {
      await visit(page, path);
    }
  });

  it('can use every administration page', async () => {
    for (const path of ['/admin', '/admin/users', '/admin/organisations', '/admin/audit', '/admin/outbox']) {
      await visit(page, path);
    }
    await visit(page, '/admin/audit?action=sign-in');
  });

  it('invites a member of staff, seeing every mistake first, then opens the invitation email in the outbox', async () => {
    await visit(page, '/admin/users/invite');
    await press(page, 'Send invitation');
    assert.match((await page.title()) ?? '', /^Error:/);
    await checkPage(page);

    const email = uniqueEmail('new-adviser');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Fictional Adviser');
    await page.getByRole('checkbox', { name: /^Adviser/ }).check();
    await press(page, 'Send invitation');
    await checkPage(page);
    assert.ok((await page.locator('main').textContent())?.includes(email));

    await visit(page, '/admin/outbox');
    await page
      .getByRole('link', { name: /You have been invited to Hearth/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match(await heading(page), /You have been invited to Hearth/);

    await visit(page, `/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole('link', { name: email }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
  });
});
