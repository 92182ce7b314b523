import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alertsWorld } from '../../src/modules/oversight/alerts/test-world.js';
import { practiceWorld, type PracticeWorld } from '../support/practice.js';
import { browserSession, checkPage, newPage, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('drift alerts in a browser', () => {
  let world: PracticeWorld;
  let children: Awaited<ReturnType<typeof alertsWorld>>['children'];
  before(async () => {
    world = await practiceWorld(session.server.app);
    ({ children } = await alertsWorld(session.server.app, world));
  });

  it('shows a manager their team’s children most at risk first, and one child’s alerts, reached by keyboard', async () => {
    const page = await newPage(session.browser, session.server);
    await startSignedIn(page, session.server, world.users.manager);
    await visit(page, '/practice/oversight');
    const rows = await page.locator('#drift-alerts tbody tr').allTextContents();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /Rowan Fictonby[\s\S]*Missed[\s\S]*Not seen alone/);
    assert.match(rows[2]!, /Ash Samplefield[\s\S]*Due soon/);
    await reachByTab(page, `/practice/children/${children.rowan}/alerts`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/practice/children/${children.rowan}/alerts`);
    await checkPage(page);
    assert.match((await page.locator('h1').textContent()) ?? '', /Drift alerts/);
    assert.match((await page.locator('main').textContent()) ?? '', /not seen alone since the plan began/);
  });

  it('works without JavaScript for a practitioner, and shows an analyst numbers only', async () => {
    const practitioner = await newPage(session.browser, session.server, { javaScriptEnabled: false });
    await startSignedIn(practitioner, session.server, world.users.worker);
    await visit(practitioner, '/practice/oversight');
    assert.equal(await practitioner.locator('#drift-alerts tbody tr').count(), 2);

    const analyst = await newPage(session.browser, session.server);
    await startSignedIn(analyst, session.server, world.users.analyst);
    await visit(analyst, '/practice/oversight');
    const text = (await analyst.locator('main').textContent()) ?? '';
    assert.match(text, /Alerts by rule/);
    assert.doesNotMatch(text, /Rowan|Sorrel|Ash|Hazel/);
  });
});

/** Tabs from the top of the page to the link, in a bounded number of presses, never with a mouse. */
async function reachByTab(page: Page, href: string) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.getAttribute('href') === wanted, href)) return;
  }
  assert.fail(`${href} cannot be reached with Tab`);
}
