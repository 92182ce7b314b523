import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_FRAMEWORK } from '../../src/modules/assessments/framework/default-framework.js';
import { questionsOf } from '../../src/modules/assessments/framework/format.js';
import { addChild, practiceWorld, type PracticeWorld } from '../support/practice.js';
import { browserSession, checkPage, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('assessments in a browser', () => {
  let world: PracticeWorld;
  let worker: Page;
  let childId: string;
  let assessmentPath: string;
  before(async () => {
    world = await practiceWorld(session.server.app);
    childId = (await addChild(session.server.app, world, 'worker', { givenName: 'Juniper', familyName: 'Madeupton' })).id;
    // Without JavaScript: every step of an assessment must work with the page's own forms alone.
    worker = await newPage(session.browser, session.server, { javaScriptEnabled: false });
    await startSignedIn(worker, session.server, world.users.worker);
  });

  it('starts an assessment from the child’s record', async () => {
    await visit(worker, `/practice/children/${childId}`);
    await press(worker, 'Assessments', 'link');
    await checkPage(worker);
    await press(worker, 'Start an assessment');
    await checkPage(worker);
    await press(worker, 'Start the assessment');
    await checkPage(worker);
    assessmentPath = new URL(worker.url()).pathname;
    assert.match(assessmentPath, new RegExp(`/practice/children/${childId}/assessments/[0-9a-f-]{36}$`));
  });

  it('shows every mistake with what was typed kept, then completes it with support offered for a pressure', async () => {
    await worker.locator('input[name="grade-food-and-drink"][value="3"]').check();
    await worker.locator('input[name="pressure-food-and-fuel"][value="yes"]').check();
    await worker.getByLabel('Note (optional)').nth(2).fill('The prepayment meter runs out by Thursday.');
    await press(worker, 'Save');
    assert.match(await worker.title(), /^Error:/);
    await checkPage(worker);
    assert.equal(await worker.getByLabel('Note (optional)').nth(2).inputValue(), 'The prepayment meter runs out by Thursday.');
    assert.ok(await worker.locator('input[name="grade-food-and-drink"][value="3"]').isChecked());
    await worker.getByRole('link', { name: /Enter the evidence for the grade/ }).click();

    for (const question of questionsOf(DEFAULT_FRAMEWORK)) {
      await worker.locator(`input[name="grade-${question.key}"][value="${question.key === 'food-and-drink' ? 3 : 2}"]`).check();
      await worker.locator(`textarea[name="evidence-${question.key}"]`).fill(`Seen on the visit of 2 March: ${question.key}.`);
    }
    for (const circumstance of DEFAULT_FRAMEWORK.circumstances) {
      if (circumstance.key !== 'food-and-fuel') await worker.locator(`input[name="pressure-${circumstance.key}"][value="no"]`).check();
    }
    await worker.getByLabel('Support offered for food and fuel').fill('Fuel voucher and a household support fund application.');
    await worker.getByLabel(/What Juniper said/).fill('I like my bedroom but it is cold.');
    // The last step by keyboard alone.
    await worker.getByRole('button', { name: 'Complete and ask for authorisation' }).focus();
    const navigated = worker.waitForEvent('framenavigated');
    await worker.keyboard.press('Enter');
    await navigated;
    await worker.waitForLoadState('load');
    await checkPage(worker);
    const main = (await worker.locator('main').textContent()) ?? '';
    assert.match(main, /Assessment sent for authorisation/);
    assert.match(main, /Fuel voucher and a household support fund application\./);
  });

  it('is authorised by the team’s manager, and the child’s page charts the grades', async () => {
    const manager = await newPage(session.browser, session.server);
    await startSignedIn(manager, session.server, world.users.manager);
    await visit(manager, '/practice/assessments/awaiting');
    await press(manager, 'Juniper Madeupton', 'link');
    await checkPage(manager);
    await manager.getByLabel('Authorise it').check();
    await press(manager, 'Record the decision');
    await checkPage(manager);
    assert.match((await manager.locator('main').textContent()) ?? '', /Assessment authorised/);
    await visit(manager, `/practice/children/${childId}/assessments`);
    assert.equal(await manager.locator('svg#change-chart circle').count(), DEFAULT_FRAMEWORK.domains.length);
    assert.equal(await manager.locator('#change-table tbody tr').count(), DEFAULT_FRAMEWORK.domains.length);
    await manager.context().close();
  });
});
