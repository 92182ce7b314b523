import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/app.js';
import { browserSession, checkPage, heading, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession({ HELPLINE_REQUESTS_PER_HOUR: '1000' });

/** Fills in the callback form as a person would, by the labels they read. */
async function askForACallback(page: Page, phone: string): Promise<string> {
  await page.getByLabel('Your first name').fill('Sam');
  await page.getByLabel('Phone number').fill(phone);
  await page
    .getByRole('group', { name: /leave a message/ })
    .getByLabel('No')
    .check();
  await page.locator('input[name="slot"]').first().check();
  await page
    .getByRole('group', { name: /for someone else/ })
    .getByLabel('No')
    .check();
  await page.getByLabel('What would you like to talk about?').fill('A meeting about my daughter next week.');
  await page.getByLabel('Email address (optional)').fill('sam.example@example.org');
  await press(page, 'Ask for a call back');
  await checkPage(page);
  assert.equal(await heading(page), 'We will call you back');
  const reference = (await page.locator('#reference').textContent())?.trim() ?? '';
  assert.match(reference, /^AL-[A-Z2-9]{6}$/);
  return reference;
}

describe('the advice line for families', () => {
  it('shows the number and open status on the home page and the advice line page', async (t) => {
    const page = await session.visitor(t);
    await visit(page, '/');
    await press(page, 'Find out about the advice line and whether it is open now', 'link');
    await checkPage(page);
    assert.equal(await heading(page), 'The advice line');
    assert.match((await page.locator('.hearth-line-status').textContent()) ?? '', /0808 157 0123[\s\S]*(Open now until 3pm|Closed now)/);
  });

  it('takes a callback request, showing every mistake first, with and without JavaScript', async (t) => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await session.visitor(t, { javaScriptEnabled });
      await visit(page, '/advice-line');
      await page.getByLabel('Phone number').fill('not a number');
      await press(page, 'Ask for a call back');
      await checkPage(page);
      const summary = page.locator('.govuk-error-summary');
      assert.match((await summary.textContent()) ?? '', /Enter your first name[\s\S]*Enter a UK phone number/);
      assert.equal(await page.getByLabel('Phone number').inputValue(), 'not a number', 'what was typed is kept');
      await askForACallback(page, javaScriptEnabled ? '07700 900 401' : '07700 900 402');
    }
  });

  it('can be used by keyboard alone', async (t) => {
    const page = await session.visitor(t);
    await visit(page, '/advice-line/callback');
    await page.getByLabel('Your first name').focus();
    await page.keyboard.type('Alex');
    await page.keyboard.press('Tab');
    await page.keyboard.type('01632 960 404');
    await page.keyboard.press('Tab'); // to the first "leave a message" radio
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // to the slots
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Help with a kinship care assessment.');
    await page.getByRole('button', { name: 'Ask for a call back' }).focus();
    const navigated = page.waitForEvent('framenavigated');
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.equal(await heading(page), 'We will call you back');
  });
});

describe('advisers and managers', () => {
  let adviser: TestUser;
  let manager: TestUser;
  before(async () => {
    adviser = await createUser(session.server.app, { roles: ['adviser'] });
    manager = await createUser(session.server.app, { roles: ['manager'] });
  });

  it('an adviser claims a callback, logs a call with a follow-up, and closes it later', async (t) => {
    const family = await session.visitor(t);
    await visit(family, '/advice-line/callback');
    const reference = await askForACallback(family, '07700 900 405');

    const page = await newPage(session.browser, session.server);
    t.after(() => page.context().close());
    await startSignedIn(page, session.server, adviser);
    await visit(page, '/advisers/queue');
    await page.getByRole('button', { name: `Claim ${reference}` }).click();
    await page.waitForURL(/\/advisers\/callbacks\//);
    await checkPage(page);
    assert.equal(await heading(page), reference);
    assert.match((await page.locator('.govuk-summary-list').textContent()) ?? '', /Sam[\s\S]*07700900405[\s\S]*No: do not leave a message/);

    await page.getByLabel('No answer: no message left').check();
    await page.getByLabel('Call again at a set time').check();
    await press(page, 'Save the call');
    await checkPage(page);
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Enter the date to call again/);

    const next = new Date(Date.now() + 2 * 86_400_000);
    await page.getByLabel('Day').fill(String(next.getUTCDate()));
    await page.getByLabel('Month').fill(String(next.getUTCMonth() + 1));
    await page.getByLabel('Year').fill(String(next.getUTCFullYear()));
    await page.getByLabel('Time to call again (UK time)').selectOption('10:30');
    await page.getByLabel('Child protection').check();
    await press(page, 'Save the call');
    await checkPage(page);
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Call logged/);

    await page.getByRole('button', { name: `Claim ${reference}` }).click();
    await page.waitForURL(/\/advisers\/callbacks\//);
    await checkPage(page);
    await page.getByLabel('Spoke to the caller and gave advice').check();
    await page.getByLabel('Notes (optional)').fill('Explained what happens at a conference.');
    await page.getByLabel('Close the request').check();
    await press(page, 'Save the call');
    await checkPage(page);
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /request closed/);
    assert.equal(await page.getByText(reference).count(), 0);
  });

  it('a manager sees the weekly figures and closes the line for a day', async (t) => {
    const page = await newPage(session.browser, session.server);
    t.after(() => page.context().close());
    await startSignedIn(page, session.server, manager);
    await visit(page, '/advisers/figures');
    await press(page, 'Closures and bank holidays', 'link');
    await checkPage(page);
    await press(page, 'Add closure');
    await checkPage(page);
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Enter the date the line is closed/);
    await page.getByLabel('Day').fill('24');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill(String(new Date().getUTCFullYear() + 1));
    await page.getByLabel('Reason').fill('Winter break');
    await press(page, 'Add closure');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Winter break/);
  });
});
