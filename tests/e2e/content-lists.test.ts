import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedDemoContent } from '../../src/modules/content/demo/seed.js';
import type { Services } from '../../src/platform/services.js';
import { browserSession, checkPage, heading, visit } from './support.js';

const session = browserSession();

const PAGES = [
  '/films',
  '/films/film-what-happens-at-a-child-protection-conference',
  '/guides',
  '/guides/a-guide-for-new-kinship-carers',
  '/guides/a-guide-for-new-kinship-carers/money',
  '/pages/about',
  '/subjects/kinship-care',
  '/authors',
  '/authors/maggie-example',
  '/tags/kinship-care',
  '/search?q=kinship+care',
  '/search?q=guardianshp',
  '/search?q=%22%3Cscript%3E&type=faq&subject=adoption',
];

describe('content in a browser: lists and search', () => {
  before(async () => {
    await seedDemoContent(session.server.app.services as Services);
  });

  it('reads lists, subjects, authors, tags and search without JavaScript, with no accessibility problems at desktop and 320 px', async (t) => {
    const page = await session.visitor(t, { javaScriptEnabled: false });
    for (const path of PAGES) await visit(page, path);
  });

  it('searches by keyboard and follows a result', async (t) => {
    const page = await session.visitor(t);
    await visit(page, '/search');
    await page.getByLabel('Search advice, news and stories').fill('special guardianship');
    await page.getByLabel('Type').selectOption('film');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=special/);
    await checkPage(page);
    assert.equal(await page.locator('.hearth-search-results mark').first().isVisible(), true);
    await page.getByRole('link', { name: /special guardianship explained/i }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match(await heading(page), /special guardianship explained/i);
  });
});
