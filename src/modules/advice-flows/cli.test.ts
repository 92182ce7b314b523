import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, pgliteDirectory } from '../../platform/db/database.js';
import { migratedDataDirectory } from '../../../tests/support/database.js';
import type { FlowDefinition } from './engine/flow-types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A valid flow whose only question routes on a condition and nowhere else: a family answering "no" is stranded. */
function deadEndFlow(slug: string): FlowDefinition {
  return {
    slug,
    title: 'A flow with a dead end',
    summary: 'For the command-line test.',
    intro: ['Only for tests.'],
    checked: '2026-11-30',
    firstQuestion: 'worried',
    questions: {
      worried: {
        kind: 'yes-no',
        text: 'Are you worried?',
        next: [{ when: { question: 'worried', equals: 'yes' }, goTo: { outcome: 'help' } }],
      },
    },
    outcomes: {
      help: {
        title: 'Getting help',
        summary: 'Who can help.',
        blocks: [],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
    },
  };
}

function fixed(flow: FlowDefinition): FlowDefinition {
  return { ...flow, questions: { worried: { ...flow.questions.worried!, next: [{ goTo: { outcome: 'help' } }] } } };
}

/**
 * `hearth flows check` as an operator runs it, in a child process, always on PGlite in a data directory of its own
 * (whatever database the other tests use), so that what it reads is exactly what this test put there.
 */
describe('hearth flows check', () => {
  let dataDir: string;
  const env = () => ({
    ...process.env,
    HEARTH_DATA_DIR: dataDir,
    DATABASE_URL: '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    HEARTH_DEMO: 'false',
    HEARTH_SECRET: 'a-secret-for-the-command-line-tests-0123456789',
  });
  const hearth = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/hearth.mjs', ...args], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 120_000 });

  async function withDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
    try {
      await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-flows-check-'));
    await migratedDataDirectory(dataDir);
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('passes every flow on a fresh data directory', () => {
    const result = hearth('flows', 'check');
    assert.equal(result.status, 0, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.match(result.stdout, /All \d+ flows pass the checks\./);
  });

  // Each run of the command starts Hearth afresh, which is most of this file's time: one run checks both kinds of draft.
  it('exits 1 naming the fault in an editor’s draft of a published flow and in a flow never published', async () => {
    const published = deadEndFlow('published-with-broken-draft');
    const unpublished = deadEndFlow('never-published');
    await withDatabase(async (db) => {
      await db
        .insertInto('advice_flows')
        .values([
          { slug: published.slug, published_version: 1, draft: JSON.stringify(published) },
          { slug: unpublished.slug, draft: JSON.stringify(unpublished) },
        ])
        .execute();
      await db
        .insertInto('advice_flow_versions')
        .values({ slug: published.slug, version: 1, definition: JSON.stringify(fixed(published)) })
        .execute();
    });
    const result = hearth('flows', 'check');
    assert.equal(result.status, 1, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.match(result.stderr, /published-with-broken-draft draft: worried: Dead end: some answers match no route/);
    assert.doesNotMatch(result.stderr, /published-with-broken-draft version 1:/, 'the published version itself is fine');
    assert.match(result.stderr, /never-published draft: worried: Dead end/);
    assert.match(result.stderr, /2 faults found in \d+ flows\./);
  });
});
