import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { practiceWorld, type PracticeWorld } from '../support/practice.js';
import { addDays, londonDay } from '../../src/platform/time.js';
import { browserSession, checkPage, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('the practice door in a browser', () => {
  let world: PracticeWorld;
  let page: Page;
  let childId: string;
  let familyId: string;
  before(async () => {
    const app = session.server.app;
    world = await practiceWorld(app);
    const child = await app.cases.records.createChild(world.viewer('worker'), {
      givenName: 'Juniper',
      familyName: 'Testwood',
      dateOfBirth: '2017-02-02',
      familyId: null,
    });
    assert.ok(child.ok);
    ({ id: childId, familyId } = child);
    const today = londonDay(new Date());
    for (const [days, kind, significance] of [
      [400, 'referral', 'medium'],
      [200, 'missed-health-appointment', 'low'],
      [90, 'debt', 'low'],
      [30, 'home-visit-not-seen', 'medium'],
      [10, 'home-visit-no-access', 'high'],
    ] as const) {
      await app.cases.chronology.recordEvent(world.viewer('worker'), childId, {
        kind,
        occurredOn: addDays(today, -days),
        agency: 'Health',
        significance,
        planType: null,
        summary: `A ${kind} entry.`,
      });
    }
    page = await newPage(session.browser, session.server);
    await startSignedIn(page, session.server, world.users.worker);
  });

  it('shows the caseload, the record and both chronologies, accessible at every width', async () => {
    await visit(page, '/practice');
    await visit(page, `/practice/children/${childId}`);
    await visit(page, `/practice/children/${childId}/chronology`);
    assert.equal(await page.locator('svg#timeline circle').count(), 5);
    await visit(page, `/practice/children/${childId}/chronology?kind=debt`);
    await visit(page, `/practice/families/${familyId}/chronology`);
  });

  it('records an event, showing every mistake first', async () => {
    await visit(page, `/practice/children/${childId}/events/new`);
    await page.getByLabel('Summary').fill('Seen with the school nurse present.');
    await press(page, 'Record event');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    assert.equal(await page.getByLabel('Summary').inputValue(), 'Seen with the school nurse present.');
    await page.getByLabel('What happened').selectOption('home-visit-seen');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Agency that told you').fill('Children’s social care');
    await page.getByLabel('Medium').check();
    await press(page, 'Record event');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Event recorded/);
  });

  it('asks a colleague of another team to break the glass', async () => {
    const colleague = await newPage(session.browser, session.server);
    await startSignedIn(colleague, session.server, world.users.colleague);
    await colleague.goto(`/practice/children/${childId}`);
    assert.match(colleague.url(), /\/break-glass$/);
    await checkPage(colleague);
    await colleague.getByLabel('Why do you need to open this record?').fill('On duty: the school rang this afternoon');
    await press(colleague, 'Break the glass and open the record');
    await checkPage(colleague);
    assert.match(colleague.url(), new RegExp(`/practice/children/${childId}$`));
  });
});
