import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { personActor } from '../../platform/audit.js';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.js';
import { createUser, testConfig } from '../../../tests/support/app.js';
import { testDatabase } from '../../../tests/support/database.js';
import type { FlowDefinition } from './engine/flow-types.js';

const SLUG = 'test-two-instances';

function flow(title: string): FlowDefinition {
  return {
    slug: SLUG,
    title,
    summary: 'A flow written for the tests of two instances.',
    intro: ['For tests only.'],
    checked: '2026-12-06',
    firstQuestion: 'has-plan',
    questions: { 'has-plan': { kind: 'yes-no', text: 'Does your child have a plan?', next: [{ goTo: { outcome: 'done' } }] } },
    outcomes: {
      done: {
        title: 'Ask for a copy',
        summary: 'You can ask for a copy.',
        blocks: [],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
    },
  };
}

describe('a flow published on one instance', () => {
  let database: DatabaseHandle;
  // On PostgreSQL the second instance has connections of its own, as another process would.
  let secondDatabase: DatabaseHandle;
  let first: FastifyInstance;
  let second: FastifyInstance;

  before(async () => {
    database = await testDatabase();
    secondDatabase = database.url ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : database;
    first = await buildApp(testConfig(), { database, startWorker: false });
    second = await buildApp(testConfig(), { database: secondDatabase, startWorker: false });
    await first.ready();
    await second.ready();
  });
  after(async () => {
    await first.close();
    await second.close();
    if (secondDatabase !== database) await secondDatabase.close();
    await database.close();
  });

  it('is what the other instance shows as soon as it hears, not the version it knew as current', async () => {
    await first.adviceFlows.installBuiltIn([flow('Plans: the first version')]);
    const startPage = () => first.inject(`/advice/guided/${SLUG}`).then((response) => response.body);
    assert.match(await startPage(), /Plans: the first version/); // cached, and its version known as current

    const editor = await createUser(second, { roles: ['editor'] });
    const actor = personActor(editor, '127.0.0.1');
    assert.deepEqual(await second.adviceFlows.saveDraft(flow('Plans: the corrected version'), actor), { ok: true });
    assert.ok((await second.adviceFlows.publish(SLUG, actor)).ok);
    await second.pageCache.invalidate(); // as the editor's publish does

    for (let tries = 0; !(await startPage()).includes('Plans: the corrected version'); tries += 1) {
      assert.ok(tries < 200, 'the first instance still shows the version it knew');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
});
