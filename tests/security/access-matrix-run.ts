import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { decideAccess, type Principal } from '../../src/platform/access.js';
import { testApp, type TestContext } from '../support/app.js';
import { buildAccessWorld, REQUESTERS, type AccessWorld, type Requester } from './access-world.js';
import {
  addressFor,
  cellKey,
  expectedFile,
  formatTable,
  Knocker,
  linksIn,
  matrixRoutes,
  outcomeOf,
  ownershipsOf,
  partOf,
  readExpected,
  type Cell,
  type Part,
} from './access-matrix.js';

/**
 * Issue 16's access matrix, one part of it: every route of the part, knocked on by every requester, with each kind of
 * record in its path, compared with the part's table checked in beside this file. UPDATE_ACCESS_MATRIX=1 writes the
 * table from what happened instead (then read the difference before committing it).
 */
export function describeMatrixPart(part: Part) {
  describe(`the access matrix: ${part}`, () => {
    let t: TestContext;
    let world: AccessWorld;
    const cells: Cell[] = [];
    const principals = new Map<Requester, Principal | null>();

    before(async () => {
      t = await testApp({ HEARTH_DEMO: 'true' });
      world = await buildAccessWorld(t.app);
      const knockers = new Map<Requester, Knocker>();
      for (const who of REQUESTERS) {
        const user = who === 'anonymous' ? undefined : world.users[who];
        const knocker = new Knocker(t.app, user);
        await knocker.start();
        knockers.set(who, knocker);
        const roles = user ? await t.app.services.accounts.rolesOf(user.id) : [];
        principals.set(who, user ? { id: user.id, email: '', roles, organisationId: null, teamId: null } : null);
      }

      const routes = matrixRoutes(t.app.registeredRoutes());
      // Public slugs (an asset, an advice sheet, a guided-advice question) are taken from the links of the pages
      // without ids, then of the pages with ids, as a visitor and an administrator see them.
      const links = new Set<string>();
      if (part !== 'pages') {
        for (const route of routes.filter((r) => r.method === 'GET')) {
          const address =
            partOf(route) === 'pages' ? route.url : addressFor(route.url, ownershipsOf(route.url)[0]!, world, [...links].sort());
          for (const who of ['anonymous', 'admin'] as const) {
            const response = address ? await knockers.get(who)!.knock('GET', address) : undefined;
            if (response?.statusCode === 200) for (const link of linksIn(response.body)) links.add(link);
          }
        }
      }
      // In the order the routes were registered, so that a form one requester sends (a board locked, a callback
      // claimed) happens at the same point in every run.
      const unresolved: string[] = [];
      for (const route of routes.filter((r) => partOf(r) === part)) {
        for (const ownership of ownershipsOf(route.url)) {
          const address = addressFor(route.url, ownership, world, [...links].sort());
          if (!address) {
            unresolved.push(`${route.method} ${route.url}`);
            continue;
          }
          const answers = {} as Cell['answers'];
          for (const who of REQUESTERS) answers[who] = outcomeOf(await knockers.get(who)!.knock(route.method, address));
          cells.push({ method: route.method, url: route.url, ownership, answers });
        }
      }
      assert.deepEqual(unresolved, [], 'No real id for these routes: give their parameters a rule in tests/security/access-matrix.ts');
      if (process.env.UPDATE_ACCESS_MATRIX) fs.writeFileSync(expectedFile(part), formatTable(part, cells));
    });
    after(() => t?.close());

    it('gets the written answer for every route, requester and record', () => {
      const expected = readExpected(part);
      const wrong: string[] = [];
      for (const cell of cells) {
        const row = expected.get(cellKey(cell.method, cell.url, cell.ownership));
        // A route without a row is reported by access-matrix.test.ts, with what to do.
        if (!row) continue;
        for (const who of REQUESTERS) {
          if (row[who] !== cell.answers[who]) {
            wrong.push(`${cell.method} ${cell.url} [${cell.ownership}] as ${who}: expected ${row[who]}, got ${cell.answers[who]}`);
          }
        }
      }
      assert.deepEqual(wrong, [], `Answers that differ from ${expectedFile(part)}`);
    });

    it('refuses before it reads the request: whoever the route’s rule shuts out is sent to sign in or refused, never told the form is wrong', () => {
      const rules = new Map(matrixRoutes(t.app.registeredRoutes()).map((r) => [`${r.method} ${r.url}`, r.access]));
      const leaks: string[] = [];
      for (const cell of cells) {
        for (const who of REQUESTERS) {
          const decision = decideAccess(principals.get(who)!, rules.get(`${cell.method} ${cell.url}`));
          if (decision !== 'allow' && cell.answers[who] !== decision) {
            leaks.push(`${cell.method} ${cell.url} [${cell.ownership}] as ${who}: ${cell.answers[who]}, not ${decision}`);
          }
        }
      }
      assert.deepEqual(leaks, []);
    });

    it('never answers with a server error, and never fails a form for want of its CSRF token', () => {
      const faults = cells.flatMap((cell) =>
        REQUESTERS.filter((who) => cell.answers[who] === 'error' || cell.answers[who] === 'csrf').map(
          (who) => `${cell.method} ${cell.url} [${cell.ownership}] as ${who}: ${cell.answers[who]}`,
        ),
      );
      assert.deepEqual(faults, []);
    });
  });
}
