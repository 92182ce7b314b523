import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import { alertsWorld } from './test-world.js';

describe('oversight: the drift alerts pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let children: Awaited<ReturnType<typeof alertsWorld>>['children'];
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    ({ children } = await alertsWorld(t.app, world));
  });
  after(() => t.close());

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }
  const order = (body: string, ...names: string[]) => names.map((name) => body.indexOf(name));
  const audited = (action: string, who: Someone) =>
    t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('actor_id', '=', world.users[who].id)
      .execute();

  it('shows a manager their team’s children, most at risk first, each alert with its reason and day, and audits it', async () => {
    const page = await (await as('manager')).get('/practice/oversight');
    assert.equal(page.statusCode, 200);
    const [rowan, sorrel, ash] = order(page.body, 'Rowan Fictonby', 'Sorrel Madeupton', 'Ash Samplefield');
    assert.ok(rowan! > 0 && rowan! < sorrel! && sorrel! < ash!, 'missed before due soon, the longest overdue first');
    assert.ok(!page.body.includes('Hazel') && !page.body.includes('Elm'));
    assert.match(page.body, /On a child protection plan and not seen alone since the plan began/);
    assert.match(page.body, /The initial child protection conference after the strategy discussion/);
    assert.match(page.body, new RegExp(`href="/practice/children/${children.rowan}/alerts"`));
    assert.match(page.body, /govuk-tag--red">Missed/);
    assert.match(page.body, /govuk-tag--yellow">Due soon/);
    assert.equal((await audited('oversight.dashboard-viewed', 'manager')).length, 1);
  });

  it('sends a kept dashboard only while the team’s alerts and caseload stay the same, auditing every view', async () => {
    const manager = await as('manager');
    const first = await manager.get('/practice/oversight');
    const again = await manager.get('/practice/oversight');
    assert.match(again.body, /Rowan Fictonby/);
    const views = (await audited('oversight.dashboard-viewed', 'manager')).length;
    assert.ok(views >= 2, 'a kept page is still an audited read');
    const withoutToken = (body: string) => body.replaceAll(/<meta name="hearth-csrf" content="([^"]*)">/.exec(body)![1]!, '');
    assert.equal(withoutToken(again.body), withoutToken(first.body));

    // An alert resolved (by the daily run, say) and a child renamed each show on the very next view.
    const db = t.app.services.db;
    await db.deleteFrom('oversight_alerts').where('child_id', '=', children.sorrel).execute();
    assert.ok(!(await manager.get('/practice/oversight')).body.includes('Sorrel Madeupton'));
    await db.updateTable('case_people').set({ given_name: 'Rowena' }).where('id', '=', children.rowan).execute();
    const renamed = await manager.get('/practice/oversight');
    assert.ok(renamed.body.includes('Rowena Fictonby') && !renamed.body.includes('Rowan Fictonby'));
    await db.updateTable('case_people').set({ given_name: 'Rowan' }).where('id', '=', children.rowan).execute();
    await t.app.oversightAlerts.refreshAll();
    assert.match((await manager.get('/practice/oversight')).body, /Sorrel Madeupton/);
  });

  it('shows a practitioner the children allocated to them', async () => {
    const page = await (await as('worker')).get('/practice/oversight');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Rowan Fictonby') && page.body.includes('Ash Samplefield'));
    assert.ok(!page.body.includes('Sorrel'), 'a teammate’s child is on the manager’s page, not the practitioner’s');
  });

  it('shows an analyst numbers only, never a name', async () => {
    const page = await (await as('analyst')).get('/practice/oversight');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="children-with-alerts"><strong>4<\/strong>/);
    for (const name of ['Rowan', 'Sorrel', 'Ash', 'Hazel', 'Elm', 'SYN-']) assert.ok(!page.body.includes(name), name);
    assert.equal((await audited('oversight.alert-counts-viewed', 'analyst')).length, 1);
  });

  it('refuses other roles and sends anonymous visitors to sign in', async () => {
    assert.equal((await (await as('editor')).get('/practice/oversight')).statusCode, 403);
    assert.equal((await t.app.inject('/practice/oversight')).statusCode, 303);
  });

  it('works a child’s alerts out afresh on their page, for those who may open the record', async () => {
    const page = await (await as('teammate')).get(`/practice/children/${children.rowan}/alerts`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rowan Fictonby/);
    assert.match(page.body, /data-rule="not-seen-alone"/);
    assert.equal((await audited('oversight.child-alerts-viewed', 'teammate')).length, 1);
    const record = await (await as('worker')).get(`/practice/children/${children.rowan}`);
    assert.match(record.body, new RegExp(`href="/practice/children/${children.rowan}/alerts"`), 'the record links to it');
  });

  it('answers a child’s alerts page as the record does: break the glass, 404, 403', async () => {
    const colleague = await (await as('colleague')).get(`/practice/children/${children.rowan}/alerts`);
    assert.equal(colleague.statusCode, 303);
    assert.equal(colleague.headers.location, `/practice/children/${children.rowan}/break-glass`);
    for (const [who, url] of [
      ['outsider', `/practice/children/${children.rowan}/alerts`],
      ['worker', `/practice/children/${children.elm}/alerts`],
      ['worker', '/practice/children/not-an-id/alerts'],
      ['worker', '/practice/children/00000000-0000-4000-8000-000000000000/alerts'],
    ] as const) {
      assert.equal((await (await as(who)).get(url)).statusCode, 404, `${who} ${url}`);
    }
    assert.equal((await (await as('analyst')).get(`/practice/children/${children.rowan}/alerts`)).statusCode, 403);
    assert.equal((await (await as('editor')).get(`/practice/children/${children.rowan}/alerts`)).statusCode, 403);
  });

  it('puts children with missed timescales in the staff queue and a link in the side navigation', async () => {
    const manager = await (await as('manager')).get('/staff');
    assert.match(manager.body, /Children with missed timescales/);
    assert.match(manager.body, /href="\/practice\/oversight"/);
    const queue = t.app.modules
      .flatMap((m) => m.staffQueues?.(t.app.moduleContext(m)) ?? [])
      .find((q) => q.key === 'oversight.missed-timescales')!;
    assert.equal((await queue.measure(new Date(), world.users.manager.principal)).count, 2, 'Rowan and Sorrel');
    assert.equal((await queue.measure(new Date(), world.users.worker.principal)).count, 1, 'Rowan');
    assert.equal((await queue.measure(new Date(), world.users.southManager.principal)).count, 1, 'Hazel');
    assert.equal((await queue.measure(new Date(), world.users.analyst.principal)).count, 0);
  });
});
