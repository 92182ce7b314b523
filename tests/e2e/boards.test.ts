import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { seedBoardsDemo } from '../../src/modules/boards/demo.js';
import { createUser } from '../support/app.js';
import { browserSession, checkPage, heading, press, startSignedIn, visit } from './support.js';

const session = browserSession({ BOARDS_IDENTIFYING_NAMES: 'Northmoor Primary School' });

async function member(t: TestContext, options: { trusted?: boolean; javaScriptEnabled?: boolean } = {}) {
  const app = session.server.app;
  const user = await createUser(app);
  if (options.trusted) {
    await app.services.db
      .insertInto('board_profiles')
      .values({ user_id: user.id, pseudonym: `Browser Parent ${user.id.slice(0, 6)}`, posts_freely: true, approved_posts: 3 })
      .execute();
  }
  const page = await session.visitor(t, { javaScriptEnabled: options.javaScriptEnabled ?? true });
  await startSignedIn(page, session.server, user);
  return { user, page };
}

async function firstThreadOn(page: Page, board: string): Promise<string> {
  await visit(page, `/boards/${board}`);
  const href = await page.locator('table a.govuk-link').first().getAttribute('href');
  assert.ok(href);
  return href.replace(/\/unread$/, '');
}

describe('boards in the browser', () => {
  before(async () => {
    // The demo adviser and moderator write some of the demo posts, so that badges show.
    await createUser(session.server.app, { roles: ['adviser'], email: 'adviser@example.org' });
    await createUser(session.server.app, { roles: ['moderator'], email: 'moderator@example.org' });
    await seedBoardsDemo(session.server.app.services);
  });

  it('lets a visitor without JavaScript read the boards, a board and a thread, and search', async (t) => {
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await visit(page, '/boards');
    assert.equal(await heading(page), 'Boards');
    await press(page, 'Parents', 'link');
    await checkPage(page);
    await press(page, 'First child protection conference next week: what should I expect?', 'link');
    await checkPage(page);
    assert.ok(await page.getByText('Adviser', { exact: true }).isVisible(), 'the adviser’s badge shows');
    assert.ok(await page.getByRole('link', { name: 'Sign in' }).last().isVisible());
    await visit(page, '/boards');
    await page.getByLabel('Search the boards').fill('conference');
    await press(page, 'Search');
    await checkPage(page);
    assert.ok(await page.getByRole('heading', { name: /posts? found/ }).isVisible());
    await visit(page, '/boards/research-and-practice', 404);
  });

  it('takes a new member through their first thread: pseudonym, the identifying-details warning, and waiting for a moderator', async (t) => {
    const { page } = await member(t, { javaScriptEnabled: false });
    await visit(page, '/boards/parents');
    // govukButton with an href is a link styled, and named, as a button.
    await press(page, 'Start a new thread');
    await checkPage(page);
    await press(page, 'Post');
    await checkPage(page);
    assert.ok(await page.locator('.govuk-error-summary').isVisible());
    await page.getByLabel('Your pseudonym').fill('Browser Newcomer Test');
    await page.getByLabel('Title').fill('Hello from a new parent');
    await page.getByLabel('Your post').fill('My son is at Northmoor Primary School and things are hard.');
    await press(page, 'Post');
    await checkPage(page);
    assert.ok(await page.getByText('Your post may identify you or your family').isVisible());
    assert.ok(await page.getByText('Northmoor Primary School”').isVisible());
    await page.getByLabel('Your post').fill('My son is at primary school and things are hard.');
    await press(page, 'Check my post again');
    await checkPage(page);
    assert.match(page.url(), /\/boards\/parents\/t\/\d+/);
    assert.ok(await page.getByText('Your post is waiting for a moderator').first().isVisible());
    await visit(page, '/boards/pseudonym');
    await visit(page, '/boards/join/research-and-practice');
    await page.getByLabel(/Tell the moderators who you are/).fill('A family support worker (test).');
    await press(page, 'Send request');
    await checkPage(page);
  });

  it('lets a member reply, quote, change and delete their post, report another, and watch a thread', async (t) => {
    const { page } = await member(t, { trusted: true });
    const thread = await firstThreadOn(page, 'family-group-conferences');
    await visit(page, thread);
    await page
      .getByRole('link', { name: /^Quote/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match(await page.getByLabel('Your reply').inputValue(), /wrote:/);
    await page.getByLabel('Your reply').fill('Thank you, that really helps.');
    await press(page, 'Post reply');
    await checkPage(page);
    await page.getByRole('link', { name: /^Change/ }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await page.getByLabel('Your post').fill('Thank you, that really helps a lot.');
    await press(page, 'Save changes');
    await checkPage(page);
    assert.ok(await page.getByText('Thank you, that really helps a lot.').isVisible());
    await page.getByRole('link', { name: /^Delete/ }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await press(page, 'Delete my post');
    await checkPage(page);
    assert.ok(await page.getByText('This post was deleted by its author.').isVisible());
    await page
      .getByRole('link', { name: /^Report/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await page.getByLabel('What is wrong with this post?').fill('Testing the report form.');
    await press(page, 'Send report');
    await checkPage(page);
    await page.getByLabel('A daily round-up').check();
    await press(page, 'Watch this thread');
    await checkPage(page);
    assert.ok(await page.getByRole('button', { name: 'Stop emails about this thread' }).isVisible());
  });

  it('shows urgent help at once when a post suggests danger', async (t) => {
    const { page } = await member(t, { trusted: true });
    await visit(page, '/boards/parents/new');
    await page.getByLabel('Title').fill('Tonight');
    await page.getByLabel('Your post').fill('I am not safe at home tonight.');
    await press(page, 'Post');
    await checkPage(page);
    assert.equal(await heading(page), 'If you or someone else is in danger, get help now');
    assert.ok(await page.getByText('116 123').isVisible());
  });

  it('lets a moderator work through the queue by keyboard', async (t) => {
    const app = session.server.app;
    const newcomer = await member(t);
    await visit(newcomer.page, '/boards/parents/new');
    await newcomer.page.getByLabel('Your pseudonym').fill('Queue Newcomer Test');
    await newcomer.page.getByLabel('Title').fill('Please let me in');
    await newcomer.page.getByLabel('Your post').fill('First post, waiting.');
    await press(newcomer.page, 'Post');
    await visit(newcomer.page, await firstThreadOn(newcomer.page, 'family-and-friends-carers'));
    await newcomer.page.getByLabel('Your reply').fill('Second post, to be rejected.');
    await press(newcomer.page, 'Post reply');

    const moderator = await createUser(app, { roles: ['moderator'] });
    const page = await session.visitor(t);
    await startSignedIn(page, session.server, moderator);
    await visit(page, '/moderation');
    const approve = page.getByRole('button', { name: /Approve the post by Queue Newcomer Test in Please let me in/ }).first();
    await approve.focus();
    const navigated = page.waitForEvent('framenavigated');
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.ok(await page.getByText('The post is up').isVisible());
    await page
      .getByRole('link', { name: /^Reject/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await page.getByLabel('Why is it not going up?').fill('Please keep replies on the subject of the thread.');
    await press(page, 'Take the post down');
    await checkPage(page);
    const thread = await firstThreadOn(page, 'parents');
    await visit(page, thread);
    await page
      .getByRole('link', { name: /^Remove part/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await visit(page, thread);
    await page
      .getByRole('link', { name: /^Pause posting/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await visit(page, thread);
    await press(page, 'Lock the thread');
    await checkPage(page);
    assert.ok(await page.getByRole('button', { name: 'Unlock the thread' }).isVisible());
  });
});
