import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedBoardsDemo } from '../../src/modules/boards/demo.js';
import { createUser } from '../support/app.js';
import { browserSession, checkPage, heading, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('managing boards in the browser', () => {
  before(async () => {
    await seedBoardsDemo(session.server.app.services);
  });

  it('lets an administrator without JavaScript add a board, choose who may use it, be refused unsafe rules, and close it', async (t) => {
    const admin = await createUser(session.server.app, { roles: ['admin'] });
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await startSignedIn(page, session.server, admin);

    await visit(page, '/staff');
    await press(page, 'Manage boards', 'link');
    await checkPage(page);
    assert.equal(await heading(page), 'Manage boards');

    // govukButton with an href is a link named, and styled, as a button.
    await press(page, 'Add a board');
    await checkPage(page);
    await press(page, 'Add the board');
    await checkPage(page);
    assert.ok(await page.locator('.govuk-error-summary').isVisible());

    await page.getByLabel('Name').fill('Kinship carers in Wales (test)');
    await page.getByLabel('Web address').fill('kinship-carers-wales-test');
    await page.getByLabel('Description').fill('A made-up board for a browser test.');
    await page.getByLabel('No, it is open').check();
    await press(page, 'Add the board');
    await checkPage(page);
    assert.equal(await heading(page), 'Who may use Kinship carers in Wales (test)');

    // Restricted, yet readable by anyone: refused, with the boxes still as they were ticked.
    await page.getByLabel('Yes, it is restricted').check();
    await press(page, 'Save who may use it');
    await checkPage(page);
    assert.ok(await page.locator('.govuk-error-summary').getByText('cannot be read by people who are not signed in').isVisible());
    await page.locator('.govuk-error-summary a').first().click();
    assert.ok(await page.locator('#read').evaluate((element) => element === document.activeElement), 'the summary links to the field');
    assert.ok(await page.locator('#read').isChecked(), 'Anyone is still ticked for reading');
    assert.ok(await page.getByLabel('Yes, it is restricted').isChecked());

    await page.locator('#read').uncheck();
    await page.locator('input[name="read"][value="approved"]').check();
    await page.locator('input[name="reply"][value="member"]').uncheck();
    await page.locator('input[name="reply"][value="adviser"]').uncheck();
    await page.locator('input[name="reply"][value="approved"]').check();
    await page.locator('input[name="start"][value="member"]').uncheck();
    await page.locator('input[name="start"][value="adviser"]').uncheck();
    await page.locator('input[name="start"][value="approved"]').check();
    await press(page, 'Save who may use it');
    await checkPage(page);
    assert.ok(await page.getByText('Who may use Kinship carers in Wales (test) is changed').isVisible());
    assert.ok(await page.getByRole('cell', { name: /Kinship carers in Wales \(test\).*Restricted/ }).isVisible());

    await page.getByRole('link', { name: 'Details of Kinship carers in Wales (test)' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await page.getByLabel('Place in the list').fill('none');
    await press(page, 'Save the details');
    await checkPage(page);
    assert.equal(await page.getByLabel('Place in the list').inputValue(), 'none', 'what was typed is kept');
    await page.getByLabel('Place in the list').fill('9');
    await press(page, 'Save the details');
    await checkPage(page);

    await page.getByRole('link', { name: 'Details of Kinship carers in Wales (test)' }).click();
    await page.waitForLoadState('load');
    await press(page, 'Close it to new threads');
    await checkPage(page);
    assert.ok(await page.getByText('is closed to new threads').first().isVisible());
    await visit(page, '/admin/boards/kinship-carers-wales-test/delete');
    await press(page, 'Delete the board');
    await checkPage(page);
    assert.ok(await page.getByText('Kinship carers in Wales (test) is deleted').isVisible());

    const visitor = await session.visitor(t, { javaScriptEnabled: false });
    await visit(visitor, '/boards/kinship-carers-wales-test', 404);
  });

  it('keeps the page from members', async (t) => {
    const member = await createUser(session.server.app);
    const page = await session.visitor(t);
    await startSignedIn(page, session.server, member);
    await visit(page, '/admin/boards', 403);
    assert.equal(await page.getByRole('link', { name: 'Manage boards' }).count(), 0);
  });
});
