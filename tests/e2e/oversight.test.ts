import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addChild, practiceWorld, type PracticeWorld } from '../support/practice.js';
import { browserSession, checkPage, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('oversight in a browser', () => {
  let world: PracticeWorld;
  let worker: Page;
  let childId: string;
  before(async () => {
    const app = session.server.app;
    world = await practiceWorld(app);
    ({ id: childId } = await addChild(app, world, 'worker', { givenName: 'Hazel', familyName: 'Samplefield' }));
    await app.oversight.supervision.record(world.viewer('manager'), childId, {
      heldOn: '2026-11-30',
      attendees: 'Team manager and social worker',
      discussion: 'Hazel’s attendance has fallen to 70%.',
      actions: 'Meet the school on Monday.',
    });
    // Without JavaScript: every form here must work as plain HTML.
    worker = await newPage(session.browser, session.server, { javaScriptEnabled: false });
    await startSignedIn(worker, session.server, world.users.worker);
  });

  it('lets a practitioner propose a decision and challenge the plan, showing every mistake first', async () => {
    await visit(worker, `/practice/children/${childId}/oversight`);
    assert.match((await worker.locator('main').textContent()) ?? '', /Hazel’s attendance has fallen to 70%/);

    await worker.getByText('Propose a decision for a manager’s approval').click();
    await worker.getByLabel('The decision').fill('Step down to early help');
    await press(worker, 'Propose decision');
    assert.match(await worker.title(), /^Error:/);
    await checkPage(worker);
    assert.equal(await worker.getByLabel('The decision').inputValue(), 'Step down to early help');
    await worker.getByLabel('The rationale').fill('Attendance back above 95% for six weeks.');
    await press(worker, 'Propose decision');
    await checkPage(worker);
    assert.match((await worker.locator('main').textContent()) ?? '', /it waits for another manager’s approval/);

    await worker.getByText('Challenge a decision or the plan').click();
    await worker.getByLabel('What you are challenging').selectOption('plan');
    await worker.getByLabel('Your challenge').fill('The plan has no date for the next review.');
    await press(worker, 'Record challenge');
    await checkPage(worker);
    assert.match((await worker.locator('main').textContent()) ?? '', /Awaiting an answer/);
  });

  it('lets the manager approve it and answer the challenge from the decisions page, by keyboard', async () => {
    const manager = await newPage(session.browser, session.server);
    await startSignedIn(manager, session.server, world.users.manager);
    await visit(manager, '/practice/oversight/decisions');
    await press(manager, /^Approve or not/, 'link');
    await checkPage(manager);
    await manager.getByLabel('Approve the decision').focus();
    await manager.keyboard.press('Space');
    await manager.getByLabel('Your reasons').focus();
    await manager.keyboard.type('Agreed, with a review in four weeks.');
    await manager.getByRole('button', { name: 'Save answer' }).focus();
    const saved = manager.waitForURL(/\/oversight#decisions$/);
    await manager.keyboard.press('Enter');
    await saved;
    await checkPage(manager);
    assert.match((await manager.locator('main').textContent()) ?? '', /Decision approved/);

    await visit(manager, '/practice/oversight/decisions');
    await press(manager, /^Answer the challenge about Hazel/, 'link');
    await checkPage(manager);
    await manager.getByLabel('Your answer').fill('The review is booked for 3 March.');
    await press(manager, 'Save answer');
    await checkPage(manager);
    assert.match((await manager.locator('main').textContent()) ?? '', /The review is booked for 3 March\./);
  });

  it('lets the practitioner take the answer further, keeping the chain', async () => {
    await visit(worker, `/practice/children/${childId}/oversight`);
    await press(worker, /^Take it further/, 'link');
    await checkPage(worker);
    await worker.getByLabel('Why the answer does not settle it').fill('March is three months away; the plan needs a review sooner.');
    await press(worker, 'Take it further');
    await checkPage(worker);
    const text = (await worker.locator('main').textContent()) ?? '';
    for (const step of ['Level 1: the team manager', 'Level 2: a service manager', 'The review is booked for 3 March.']) {
      assert.ok(text.includes(step), step);
    }
  });
});
