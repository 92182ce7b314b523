import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { personActor } from '../../platform/audit.js';
import { addDays, londonDay } from '../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './framework/default-framework.js';
import { completeContent } from './sample-content.js';

describe('assessments: the API', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const tokens = {} as Record<Someone, string>;
  let childId: string;
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
    childId = (await addChild(t.app, world, 'worker', { givenName: 'Wren', familyName: 'Madeupton' })).id;
  });
  after(() => t.close());

  const call = (who: Someone | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
  const path = (id: string) => `/api/v1/practice/children/${id}/assessments`;

  it('starts an assessment, then refuses a second with 409, and lists them with each domain’s grade', async () => {
    const started = await call('worker', 'POST', path(childId), { startedOn: addDays(today, -3) });
    assert.equal(started.statusCode, 201, started.body);
    const { id } = started.json();
    const again = await call('teammate', 'POST', path(childId), { startedOn: today });
    assert.equal(again.statusCode, 409);
    assert.match(String(again.headers['content-type']), /application\/problem\+json/);
    assert.match(again.json().detail, new RegExp(id));
    await t.app.assessments.recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK, 3), false);
    const listed = await call('teammate', 'GET', path(childId));
    assert.equal(listed.statusCode, 200, listed.body);
    const [one] = listed.json().assessments;
    assert.equal(one.id, id);
    assert.equal(one.state, 'in-progress');
    assert.equal(one.startedOn, addDays(today, -3));
    assert.deepEqual(
      one.domains.map((d: { key: string }) => d.key),
      DEFAULT_FRAMEWORK.domains.map((d) => d.key),
      'the child’s needs only: no circumstance is graded',
    );
    assert.equal(one.domains[0].grade, 3);
    const whole = await call('worker', 'GET', `${path(childId)}/${id}`);
    assert.equal(whole.statusCode, 200, whole.body);
    const body = whole.json();
    assert.equal(body.domains[0].questions[0].grade, 3);
    assert.match(body.domains[0].questions[0].evidence, /Seen on a home visit/);
    assert.equal(body.circumstances[0].pressure, false);
    assert.equal(body.circumstances[0].grade, undefined, 'a circumstance has no grade');
    assert.equal((await call('outsider', 'GET', `${path(childId)}/${id}`)).statusCode, 404);
    assert.equal((await call('worker', 'GET', `${path(childId)}/not-an-id`)).statusCode, 404);
  });

  it('answers every mistake with problem+json and starts nothing', async () => {
    const child = await addChild(t.app, world, 'worker');
    for (const body of [
      {},
      { startedOn: '2026-02-30' },
      { startedOn: addDays(today, 1) },
      { startedOn: '<script>alert(1)</script>' },
      { startedOn: "'; drop table assessments; --" },
      { startedOn: 'x'.repeat(100_000) },
    ]) {
      const response = await call('worker', 'POST', path(child.id), body);
      assert.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 80));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.ok(response.json().errors.length > 0);
    }
    const stored = await t.app.services.db.selectFrom('assessments').select('id').where('child_id', '=', child.id).execute();
    assert.deepEqual(stored, []);
  });

  it('answers for others’ children as the practice API does: 404, break the glass, counts only, or signed out', async () => {
    for (const [who, status] of [
      ['outsider', 404],
      ['outsideManager', 404],
      ['colleague', 403],
      ['analyst', 403],
      ['editor', 403],
      [null, 401],
    ] as const) {
      assert.equal((await call(who, 'GET', path(childId))).statusCode, status, String(who));
      assert.equal((await call(who, 'POST', path(childId), { startedOn: today })).statusCode, status, String(who));
    }
    assert.equal((await call('worker', 'GET', path('00000000-0000-4000-8000-000000000000'))).statusCode, 404);
    assert.equal((await call('worker', 'GET', path('not-an-id'))).statusCode, 404);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    assert.ok(document.paths['/api/v1/practice/children/{id}/assessments'].get);
    assert.ok(document.paths['/api/v1/practice/children/{id}/assessments'].post);
  });
});
