import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import { personActor } from '../../../platform/audit.js';

describe('oversight: GET /api/v1/practice/working-days', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const tokens = {} as Record<Someone, string>;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    for (const who of ['worker', 'manager', 'analyst', 'editor', 'outsider'] as const) {
      const user = world.users[who];
      tokens[who] = await t.app.services.apiTokens.create(user.principal, 'test token', personActor(user, '192.0.2.1'));
    }
  });
  after(() => t.close());

  const ask = (query: string, who: Someone | null = 'worker') =>
    t.app.inject({
      url: `/api/v1/practice/working-days?${query}`,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });

  it('answers the day so many working days on, skipping the nation’s bank holidays', async () => {
    const response = await ask('from=2026-12-24&add=1&nation=england');
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { date: '2026-12-29' });
    assert.deepEqual((await ask('from=2026-04-07&add=-1&nation=wales')).json(), { date: '2026-04-02' });
    assert.deepEqual((await ask('from=2026-12-26&add=0&nation=england')).json(), { date: '2026-12-26' });
    assert.deepEqual((await ask('from=2025-12-01&add=45&nation=england', 'outsider')).json(), { date: '2026-02-05' });
  });

  it('lets practitioners, managers and analysts ask; needs a token; refuses other staff', async () => {
    for (const who of ['worker', 'manager', 'analyst'] as const) {
      assert.equal((await ask('from=2026-12-24&add=1&nation=england', who)).statusCode, 200, who);
    }
    const anonymous = await ask('from=2026-12-24&add=1&nation=england', null);
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /problem\+json/);
    assert.equal((await ask('from=2026-12-24&add=1&nation=england', 'editor')).statusCode, 403);
  });

  it('answers a bad day, a bad nation or a count out of bounds with a 400 problem', async () => {
    for (const query of [
      'from=2026-02-30&add=1&nation=england',
      'from=24%2F12%2F2026&add=1&nation=england',
      "from=2026-12-24'%20or%201=1--&add=1&nation=england",
      'from=2026-12-24&add=1&nation=scotland',
      'from=2026-12-24&add=1.5&nation=england',
      'from=2026-12-24&add=1001&nation=england',
      'from=2026-12-24&add=-1001&nation=england',
      'from=2026-12-24&add=ten&nation=england',
      'from=2026-12-24&nation=england',
      'add=1&nation=england',
      `from=${'9'.repeat(5000)}&add=1&nation=england`,
    ]) {
      const response = await ask(query);
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/, query);
    }
    assert.equal((await ask('from=2026-12-24&add=1000&nation=england')).statusCode, 200);
  });

  it('says 422 outside-calendar when the count leaves the bank holidays it holds', async () => {
    for (const query of [
      'from=2030-12-20&add=20&nation=england',
      'from=2017-06-01&add=1&nation=wales',
      'from=2018-01-02&add=-1&nation=england',
    ]) {
      const response = await ask(query);
      assert.equal(response.statusCode, 422, query);
      assert.equal(response.json().type, 'urn:hearth:problem:outside-calendar');
    }
  });

  it('is in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    const operation = document.paths['/api/v1/practice/working-days']?.get;
    assert.ok(operation);
    assert.ok(operation.responses['422']);
  });
});
