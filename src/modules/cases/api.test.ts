import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addDays, londonDay } from '../../platform/time.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { personActor } from '../../platform/audit.js';

describe('cases: the practice API', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const tokens = {} as Record<Someone, string>;
  let childId: string;
  let familyId: string;
  const today = londonDay(new Date());
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    for (const who of Object.keys(world.users) as Someone[]) {
      tokens[who] = await t.app.services.apiTokens.create(
        world.users[who].principal,
        'test token',
        personActor(world.users[who], '192.0.2.1'),
      );
    }
  });
  after(() => t.close());

  const call = (who: Someone | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
  const visit = {
    kind: 'home-visit-no-access',
    occurredOn: addDays(today, -2),
    agency: 'children’s social care',
    significance: 'medium',
    summary: 'No answer at 4pm.',
  };

  it('adds a child allocated to the caller, in a new family or one given', async () => {
    const response = await call('worker', 'POST', '/api/v1/practice/children', {
      givenName: 'Kit',
      familyName: 'Testwood',
      dateOfBirth: '2019-05-06',
    });
    assert.equal(response.statusCode, 201, response.body);
    ({ id: childId, familyId } = response.json());
    const sibling = await call('teammate', 'POST', '/api/v1/practice/children', {
      givenName: 'Lark',
      familyName: 'Testwood',
      dateOfBirth: '2022-01-01',
      familyId,
    });
    assert.equal(sibling.statusCode, 201, sibling.body);
    assert.equal(sibling.json().familyId, familyId);
    const row = await t.app.services.db
      .selectFrom('case_people')
      .select('allocated_worker_id')
      .where('id', '=', sibling.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.allocated_worker_id, world.users.teammate.id);
  });

  it('answers every mistake with problem+json and records nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ givenName: 'Kit', familyName: 'Testwood', dateOfBirth: '2019-02-30' }, 'dateOfBirth'],
      [{ givenName: 'Kit', familyName: 'Testwood', dateOfBirth: addDays(today, 2) }, 'dateOfBirth'],
      [{ givenName: '', familyName: 'Testwood', dateOfBirth: '2019-01-01' }, 'givenName'],
    ];
    for (const [body] of cases) {
      const response = await call('worker', 'POST', '/api/v1/practice/children', body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
    const events: Record<string, unknown>[] = [
      { ...visit, kind: 'plan-start' },
      { ...visit, planType: 'child-protection' },
      { ...visit, occurredOn: addDays(today, 1) },
      { ...visit, occurredOn: '2026-13-01' },
      { ...visit, kind: 'sleepover' },
      { ...visit, summary: 'x'.repeat(4001) },
    ];
    for (const body of events) {
      const response = await call('worker', 'POST', `/api/v1/practice/children/${childId}/events`, body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: `/api/v1/practice/children/${childId}/events`,
      headers: { authorization: `Bearer ${tokens.worker}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...visit, summary: 'y'.repeat(5_000_000) }),
    });
    assert.ok([400, 413].includes(huge.statusCode), String(huge.statusCode));
    const { n } = await t.app.services.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n), 0, 'nothing was recorded');
  });

  it('records events and reads the chronology back with its flags', async () => {
    const first = await call('worker', 'POST', `/api/v1/practice/children/${childId}/events`, visit);
    assert.equal(first.statusCode, 201, first.body);
    const plan = await call('manager', 'POST', `/api/v1/practice/children/${childId}/events`, {
      ...visit,
      kind: 'plan-start',
      planType: 'child-protection',
      summary: '<script>alert(1)</script>',
    });
    assert.equal(plan.statusCode, 201, plan.body);
    const read = await call('teammate', 'GET', `/api/v1/practice/children/${childId}/chronology`);
    assert.equal(read.statusCode, 200, read.body);
    const body = read.json();
    assert.deepEqual(body.events.map((e: { id: string }) => e.id).sort(), [first.json().id, plan.json().id].sort());
    assert.ok(Array.isArray(body.flags));
    assert.equal(body.events.find((e: { kind: string }) => e.kind === 'plan-start').planType, 'child-protection');
    const audited = await t.app.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'cases.chronology-viewed')
      .where('subject_id', '=', childId)
      .execute();
    assert.equal(audited.length, 1);
  });

  it('gives other organisations a 404 like a missing id, and others of the council a 403 asking for break-glass', async () => {
    const routes = [
      ['GET', `/api/v1/practice/children/${childId}/chronology`],
      ['POST', `/api/v1/practice/children/${childId}/events`],
    ] as const;
    for (const [method, url] of routes) {
      const missing = await call('worker', method, url.replace(childId, '00000000-0000-4000-8000-00000000abcd'), visit);
      const junk = await call('worker', method, url.replace(childId, 'not-an-id'), visit);
      assert.equal(missing.statusCode, 404);
      assert.equal(junk.statusCode, 404);
      for (const who of ['outsider', 'outsideManager'] as const) {
        const response = await call(who, method, url, visit);
        assert.equal(response.statusCode, 404, `${who} ${method} ${url}`);
        assert.equal(response.json().detail, missing.json().detail);
      }
      const colleague = await call('colleague', method, url, visit);
      assert.equal(colleague.statusCode, 403);
      assert.equal(colleague.json().type, 'urn:hearth:problem:break-glass-needed');
      assert.equal((await call('analyst', method, url, visit)).statusCode, 403);
      assert.equal((await call('editor', method, url, visit)).statusCode, 403);
      assert.equal((await call(null, method, url, visit)).statusCode, 401);
    }
    const intoOtherFamily = await call('outsider', 'POST', '/api/v1/practice/children', {
      givenName: 'Moss',
      familyName: 'Fictonby',
      dateOfBirth: '2020-01-01',
      familyId,
    });
    assert.equal(intoOtherFamily.statusCode, 404);
    const noTeam = await call('analyst', 'POST', '/api/v1/practice/children', {
      givenName: 'Moss',
      familyName: 'Fictonby',
      dateOfBirth: '2020-01-01',
    });
    assert.equal(noTeam.statusCode, 403);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    for (const path of [
      '/api/v1/practice/children',
      '/api/v1/practice/children/{id}/events',
      '/api/v1/practice/children/{id}/chronology',
    ]) {
      assert.ok(document.paths[path], path);
    }
  });
});
