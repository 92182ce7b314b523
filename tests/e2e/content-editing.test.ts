import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedDemoContent } from '../../src/modules/content/demo/seed.js';
import type { Services } from '../../src/platform/services.js';
import { createUser } from '../support/app.js';
import { browserSession, checkPage, heading, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('content in a browser: editing', () => {
  before(async () => {
    await seedDemoContent(session.server.app.services as Services);
  });

  it('lets an editor write, preview, save, publish and read back a post without JavaScript', async (t) => {
    const editor = await createUser(session.server.app, { roles: ['editor'] });
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await startSignedIn(page, session.server, editor);
    await visit(page, '/admin/content');
    await visit(page, '/admin/content/new');
    await page.getByLabel('Blog post').check();
    await press(page, 'Continue');
    await checkPage(page);

    await press(page, 'Save draft');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);

    await page.getByLabel('Title').fill('A browser-written post');
    await page.getByLabel('Summary').fill('Written in a test.');
    await page.getByLabel('Text (Markdown)').fill('## A heading\n\nSome **bold** words.');
    await page.getByLabel('Author', { exact: true }).fill('Test Example');
    await page.getByLabel('Who the author is').selectOption('parent');
    await press(page, 'Preview');
    await checkPage(page);
    assert.equal(await page.locator('#content-preview .hearth-preview__body h2.govuk-heading-l').textContent(), 'A heading');
    await press(page, 'Save draft');
    await checkPage(page);
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Draft saved/);

    await press(page, 'Publish');
    await checkPage(page);
    await visit(page, '/blog/a-browser-written-post');
    assert.match(await heading(page), /A browser-written post/);

    await page.goBack();
    await page.getByRole('link', { name: 'See every revision' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await page.getByRole('link', { name: 'Revision 1' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await visit(page, '/admin/content/home');
    await visit(page, '/admin/content/uploads');
  });

  it('shows a live preview as the editor types, with JavaScript', async (t) => {
    const editor = await createUser(session.server.app, { roles: ['editor'] });
    const page = await session.visitor(t);
    await startSignedIn(page, session.server, editor);
    await visit(page, '/admin/content/new?type=page');
    await page.getByLabel('Text (Markdown)').fill('## Live heading\n\n<script>alert(1)</script>');
    await page.locator('#content-preview .hearth-preview__body h2').waitFor();
    assert.equal(await page.locator('#content-preview .hearth-preview__body h2').textContent(), 'Live heading');
    assert.equal(await page.locator('#content-preview script').count(), 0);
    await checkPage(page);
  });
});
