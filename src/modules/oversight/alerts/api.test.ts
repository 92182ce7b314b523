import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import { personActor } from '../../../platform/audit.js';
import { alertsWorld } from './test-world.js';

describe('oversight: GET /api/v1/practice/oversight/alerts', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let children: Awaited<ReturnType<typeof alertsWorld>>['children'];
  const tokens = {} as Record<Someone, string>;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    ({ children } = await alertsWorld(t.app, world));
    for (const who of Object.keys(world.users) as Someone[]) {
      tokens[who] = await t.app.services.apiTokens.create(
        world.users[who].principal,
        'test token',
        personActor(world.users[who], '192.0.2.1'),
      );
    }
  });
  after(() => t.close());

  const get = (who: Someone | null, query = '') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/practice/oversight/alerts${query}`,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });

  it('lists the alerts of the children the caller holds, most at risk first, in the contract’s shape', async () => {
    const response = await get('worker');
    assert.equal(response.statusCode, 200, response.body);
    const { alerts } = response.json() as { alerts: Record<string, string>[] };
    assert.deepEqual(
      alerts.map((a) => a.childId),
      [children.rowan, children.sorrel, children.ash],
    );
    assert.deepEqual(Object.keys(alerts[0]!).sort(), ['childId', 'dueOn', 'reason', 'rule', 'state']);
    assert.deepEqual(
      alerts.map((a) => [a.rule, a.state]),
      [
        ['not-seen-alone', 'missed'],
        ['conference-overdue', 'missed'],
        ['not-seen-alone', 'due-soon'],
      ],
    );
    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'oversight.alerts-listed')
      .where('actor_id', '=', world.users.worker.id)
      .execute();
    assert.equal(audit.length, 1);
  });

  it('never lists another team’s or another organisation’s children', async () => {
    const south = (await get('colleague')).json() as { alerts: { childId: string }[] };
    assert.deepEqual(
      south.alerts.map((a) => a.childId),
      [children.hazel],
    );
    const elsewhere = (await get('outsideManager')).json() as { alerts: { childId: string }[] };
    assert.deepEqual(
      elsewhere.alerts.map((a) => a.childId),
      [children.elm],
    );
  });

  it('filters by rule, and answers an unknown rule with a problem naming the rules', async () => {
    const filtered = (await get('manager', '?rule=conference-overdue')).json() as { alerts: { childId: string }[] };
    assert.deepEqual(
      filtered.alerts.map((a) => a.childId),
      [children.sorrel],
    );
    for (const rule of ['bogus', '<script>alert(1)</script>', "' or 1=1 --", 'x'.repeat(5000)]) {
      const response = await get('manager', `?rule=${encodeURIComponent(rule)}`);
      assert.equal(response.statusCode, 400, rule);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.match(response.json().detail, /assessment-overdue, conference-overdue/);
    }
  });

  it('refuses anyone without a practitioner’s or manager’s token: 401 without one, 403 for other roles', async () => {
    assert.equal((await get(null)).statusCode, 401);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/api/v1/practice/oversight/alerts',
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(wrong.statusCode, 401);
    for (const who of ['analyst', 'editor'] as const) {
      const response = await get(who);
      assert.equal(response.statusCode, 403, who);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('gives one child’s alerts, worked out afresh, to those who may open the record, and 404 or 403 to the rest', async () => {
    const child = (who: Someone, id: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/practice/children/${id}/alerts`, headers: { authorization: `Bearer ${tokens[who]}` } });
    const mine = await child('teammate', children.rowan);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(
      (mine.json() as { alerts: { rule: string }[] }).alerts.map((a) => a.rule),
      ['not-seen-alone'],
    );
    const glass = await child('colleague', children.rowan);
    assert.equal(glass.statusCode, 403);
    assert.equal(glass.json().type, 'urn:hearth:problem:break-glass-needed');
    for (const [who, id] of [
      ['outsider', children.rowan],
      ['worker', children.elm],
      ['worker', 'not-an-id'],
      ['worker', '00000000-0000-4000-8000-000000000000'],
      ['worker', "1' or '1'='1"],
    ] as const) {
      const response = await child(who, encodeURIComponent(id));
      assert.equal(response.statusCode, 404, `${who} ${id}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
    assert.equal((await child('analyst', children.rowan)).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/practice/children/${children.rowan}/alerts` })).statusCode, 401);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.ok(document.paths['/api/v1/practice/oversight/alerts']?.get);
    assert.ok(document.paths['/api/v1/practice/children/{id}/alerts']?.get);
  });
});
