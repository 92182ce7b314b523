import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../support/app.js';
import { cellKey, expectedFile, matrixRoutes, ownershipsOf, partOf, PARTS, readExpected } from './access-matrix.js';

/**
 * The access matrix's tables against the route table: a new route fails here until it has its rows, a removed one
 * until its rows are gone. The requests themselves are made by access-matrix-<part>.test.ts.
 */
describe('the access matrix’s tables', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('has a row for every route and record, and none for a route that is gone', () => {
    const routes = matrixRoutes(t.app.registeredRoutes());
    assert.ok(routes.length > 300, `expected the whole app, found ${routes.length} routes`);
    for (const part of PARTS) {
      const expected = readExpected(part);
      const wanted = routes
        .filter((route) => partOf(route) === part)
        .flatMap((route) => ownershipsOf(route.url).map((ownership) => cellKey(route.method, route.url, ownership)));
      assert.deepEqual(
        wanted.filter((key) => !expected.has(key)),
        [],
        `These routes have no row in ${expectedFile(part)}. Add one for each: UPDATE_ACCESS_MATRIX=1 node scripts/run-tests.mjs tests/security/access-matrix writes them from what happens; check every answer before committing.`,
      );
      assert.deepEqual(
        [...expected.keys()].filter((key) => !wanted.includes(key)),
        [],
        `These rows of ${expectedFile(part)} name routes that no longer exist: remove them.`,
      );
    }
  });
});
