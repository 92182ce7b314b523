import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addChild, practiceWorld, type PracticeWorld } from '../support/practice.js';
import { addDays, londonDay } from '../../src/platform/time.js';
import { browserSession, checkPage, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

/** Fills a GOV.UK date input by its id, as someone types the three boxes. */
async function fillDate(page: Page, id: string, day: string) {
  const [year, month, date] = day.split('-');
  await page.locator(`#${id}-day`).fill(String(Number(date)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year!);
}

describe('plans in a browser', () => {
  let world: PracticeWorld;
  let page: Page;
  let childId: string;
  let protectionId: string;
  const today = londonDay(new Date());

  before(async () => {
    const app = session.server.app;
    world = await practiceWorld(app);
    ({ id: childId } = await addChild(app, world, 'worker', { givenName: 'Lark', familyName: 'Samplefield' }));
    const viewer = world.viewer('worker');
    const started = await app.plans.start(viewer, childId, {
      type: 'child-protection',
      category: 'NEG',
      startedOn: addDays(today, -120),
      initialConferenceOn: addDays(today, -120),
      nextReviewOn: addDays(today, -30),
    });
    assert.ok(started.ok);
    protectionId = started.id;
    const actions: string[] = [];
    for (const action of ['Take Lark to the dentist', 'Walk Lark to school by 8.50am']) {
      const added = await app.plans.addAction(viewer, childId, protectionId, {
        action,
        ownerKind: 'family-member',
        owner: 'Mum',
        dueOn: addDays(today, -100),
      });
      assert.ok(added.ok);
      actions.push(added.id);
    }
    const first = await app.plans.recordReview(viewer, childId, protectionId, {
      heldOn: addDays(today, -30),
      nextReviewOn: addDays(today, 10),
      progress: actions.map((actionId) => ({ actionId, mark: 'partly', evidence: 'Some of the time.' })),
    });
    assert.ok(first.ok);
    // Without JavaScript, as the forms must work.
    page = await newPage(session.browser, session.server, { javaScriptEnabled: false });
    await startSignedIn(page, session.server, world.users.worker);
  });

  it('starts an early help plan, showing every mistake first, and adds an outcome and a family’s action', async () => {
    await visit(page, `/practice/children/${childId}`);
    await press(page, 'Plans', 'link');
    await checkPage(page);
    await press(page, 'Start a plan');
    await checkPage(page);
    await press(page, 'Start the plan');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await page.getByLabel('Early help plan').check();
    await fillDate(page, 'startedOn', addDays(today, -7));
    await press(page, 'Start the plan');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Early help plan started/);

    await press(page, 'Add an outcome', 'link');
    await checkPage(page);
    // From the keyboard: type, then Tab to the button and press Enter.
    await page.getByLabel('What should be different for Lark').fill('Lark has a bedtime routine and sleeps well.');
    const navigated = page.waitForEvent('framenavigated');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match((await page.locator('#outcomes + ol').textContent()) ?? '', /bedtime routine/);

    await press(page, 'Add an action', 'link');
    await page.getByLabel('What will be done').fill('Read with Lark at bedtime');
    await page.getByLabel('Someone in the family').check();
    await page.getByLabel('Their name or role').fill('Grandma');
    await press(page, 'Add the action');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    assert.equal(await page.getByLabel('Their name or role').inputValue(), 'Grandma');
    await fillDate(page, 'dueOn', addDays(today, 14));
    await press(page, 'Add the action');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Read with Lark at bedtime/);
  });

  it('records a review of every action and shows the pattern across reviews', async () => {
    // The review booked in 10 days waits in the worker's queue of reviews due.
    await visit(page, '/practice/plans/reviews-due');
    assert.match((await page.locator('#reviews-due').textContent()) ?? '', /Lark Samplefield[\s\S]*In 10 days/);
    await page.getByRole('link', { name: 'Child protection plan for Lark Samplefield' }).click();
    await page.waitForLoadState('load');
    await press(page, 'Record a review', 'link');
    await checkPage(page);
    await fillDate(page, 'heldOn', today);
    await page.getByRole('group', { name: 'Take Lark to the dentist' }).getByLabel('Partly done').check();
    await page.getByLabel('Evidence for action 1').fill('Booked again, then missed.');
    await press(page, 'Record the review');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    assert.equal(await page.getByLabel('Evidence for action 1').inputValue(), 'Booked again, then missed.');
    await page.getByRole('group', { name: 'Walk Lark to school by 8.50am' }).getByLabel('Partly done').check();
    await page.getByLabel('Evidence for action 2').fill('Late on 6 days of 20.');
    await press(page, 'Record the review');
    await checkPage(page);
    const pointers = (await page.locator('#pointers').textContent()) ?? '';
    assert.match(pointers, /The same action marked partly at every review \(two reviews\): “Take Lark to the dentist”/);
    assert.equal(await page.locator('#progress-grid tbody tr').count(), 2);
  });
});
