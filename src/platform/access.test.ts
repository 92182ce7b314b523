import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../app.js';
import { ConfigError } from '../config.js';
import { createUser, FormClient, signInDirectly, testApp, testConfig, type TestContext } from '../../tests/support/app.js';
import { testDatabase } from '../../tests/support/database.js';
import { decideAccess, type Principal } from './access.js';

const person = (roles: Principal['roles']): Principal => ({ id: 'x', email: 'x@example.org', roles, organisationId: null, teamId: null });

describe('access rules', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('every registered route declares who may use it', () => {
    const routes = t.app.registeredRoutes();
    assert.ok(routes.length > 20, `expected many routes, found ${routes.length}`);
    const missing = routes.filter((r) => r.access === undefined);
    assert.deepEqual(missing, []);
  });

  it('refuses to start when a route forgets its rule', async () => {
    const database = await testDatabase();
    const app = await buildApp(testConfig(), { database, startWorker: false });
    app.get('/forgotten', async () => 'oops');
    await assert.rejects(async () => {
      await app.ready();
    }, /declare no access rule: GET \/forgotten/);
    await app.close();
    await database.close();
  });

  it('decides in one place: public, signed-in, or one of some roles; nothing otherwise', () => {
    assert.equal(decideAccess(null, 'public'), 'allow');
    assert.equal(decideAccess(null, 'signed-in'), 'sign-in');
    assert.equal(decideAccess(person(['member']), 'signed-in'), 'allow');
    assert.equal(decideAccess(person(['member']), ['admin']), 'forbidden');
    assert.equal(decideAccess(person(['editor', 'admin']), ['admin']), 'allow');
    assert.equal(decideAccess(null, ['admin']), 'sign-in');
    assert.equal(decideAccess(person(['admin']), undefined), 'forbidden');
  });

  it('sends visitors to sign in and shows signed-in people without the role a 403 page', async () => {
    const anonymous = await t.app.inject('/admin');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/sign-in?returnTo=%2Fadmin');
    const member = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, member);
    const forbidden = await client.get('/admin');
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /You cannot see this page/);
  });
});

describe('modules switched on by HEARTH_MODULES', () => {
  it('leaves out a module that is not named', async () => {
    const t = await testApp({ HEARTH_MODULES: 'none' });
    try {
      assert.equal((await t.app.inject('/')).statusCode, 404);
      assert.equal((await t.app.inject('/sign-in')).statusCode, 200, 'the platform itself is always there');
    } finally {
      await t.close();
    }
  });

  it('names the modules that exist when given one that does not', async () => {
    const database = await testDatabase();
    try {
      await assert.rejects(buildApp(testConfig({ HEARTH_MODULES: 'home,weather' }), { database }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /"weather", which Hearth does not have. Modules: home/);
        return true;
      });
    } finally {
      await database.close();
    }
  });
});
