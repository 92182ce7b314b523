import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedBoardsDemo } from '../../src/modules/boards/demo.js';
import { createUser } from '../support/app.js';
import { browserSession, checkPage, heading, NARROW, press, signIn, visit } from './support.js';

const session = browserSession();

describe('the staff workspace', () => {
  before(async () => {
    // The demo boards hold a held post, an open report and a join request: something in each moderator's queue.
    await seedBoardsDemo(session.server.app.services);
  });

  it('greets a moderator after signing in with their queues, and takes them to the work, without JavaScript', async (t) => {
    const moderator = await createUser(session.server.app, { roles: ['moderator'] });
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await signIn(page, moderator);
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.equal(await heading(page), 'Your workspace');

    const held = page.locator('#queue-boards-held-posts');
    assert.ok(Number(await held.locator('[data-count]').textContent()) >= 1, 'the demo’s held post is counted');
    assert.match((await held.textContent()) ?? '', /oldest waiting \d+ hours?/);
    const nav = page.getByRole('navigation', { name: 'Staff workspace' });
    assert.equal(await nav.locator('[aria-current="page"]').textContent(), 'Workspace');

    await held.getByRole('link', { name: 'Check the held posts' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.equal(new URL(page.url()).pathname, '/moderation');
    assert.equal(await heading(page), 'Moderation');
    assert.equal(await nav.locator('[aria-current="page"]').textContent(), 'Moderation');
    assert.ok(await page.getByRole('heading', { name: /Posts waiting for a moderator/ }).isVisible());
  });

  it('keeps the side navigation above the page at 320 px, and reachable by keyboard', async (t) => {
    const admin = await createUser(session.server.app, { roles: ['admin'] });
    const page = await session.visitor(t);
    await signIn(page, admin);
    await page.setViewportSize(NARROW);
    await visit(page, '/admin/users');
    const nav = page.getByRole('navigation', { name: 'Staff workspace' });
    const navBox = (await nav.boundingBox())!;
    const mainBox = (await page.locator('main').boundingBox())!;
    assert.ok(navBox.y + navBox.height <= mainBox.y + 1, 'the navigation sits above the page, not beside it');
    assert.ok(navBox.width <= NARROW.width);

    await nav.getByRole('link', { name: 'Audit log' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/audit');
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.equal(await nav.locator('[aria-current="page"]').textContent(), 'Audit log');
    await press(page, 'Workspace', 'link');
    await checkPage(page);
    assert.ok(await page.locator('#queue-platform-invitations').isVisible());
  });
});
