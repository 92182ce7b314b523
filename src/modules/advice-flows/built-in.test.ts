import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, createUser, type TestContext } from '../../../tests/support/app.js';
import type { FlowDefinition } from './engine/flow-types.js';
import { BUILT_IN_FLOWS } from './flows/index.js';
import { personActor, type SignedInActor } from '../../platform/audit.js';

/** A built-in flow under another slug, as an older release of Hearth might have shipped it. */
function shipped(slug: string, summary: string): FlowDefinition {
  const flow = structuredClone(BUILT_IN_FLOWS.find((f) => f.slug === 'challenge-a-decision')!);
  return { ...flow, slug, summary };
}

describe('built-in flows on start', () => {
  let t: TestContext;
  let editor: SignedInActor;
  before(async () => {
    t = await testApp();
    const user = await createUser(t.app, { roles: ['editor'] });
    editor = personActor(user, '127.0.0.1');
  });
  after(() => t.close());

  const flows = () => t.app.adviceFlows;
  const versionsOf = (slug: string) =>
    t.app.services.db
      .selectFrom('advice_flow_versions')
      .select(['version', 'published_by'])
      .where('slug', '=', slug)
      .orderBy('version')
      .execute();

  it('are published as shipped when Hearth starts', async () => {
    for (const flow of BUILT_IN_FLOWS) {
      const published = await flows().published(flow.slug);
      assert.deepEqual(published?.definition, flow, flow.slug);
    }
  });

  it('publishes a corrected built-in flow as the next version, audited, and only once', async () => {
    const slug = 'test-corrected-built-in';
    assert.deepEqual(await flows().installBuiltIn([shipped(slug, 'The advice as an older release had it.')]), [slug]);
    const corrected = shipped(slug, 'The advice as this release has it.');

    assert.deepEqual(await flows().installBuiltIn([corrected]), [slug]);
    const published = await flows().published(slug);
    assert.equal(published?.version, 2);
    assert.deepEqual(published?.definition, corrected);
    const audited = await t.app.services.db
      .selectFrom('audit_log')
      .select(['actor_label', 'details'])
      .where('action', '=', 'advice-flow.published')
      .where('subject_id', '=', slug)
      .execute();
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.actor_label, 'hearth');

    assert.deepEqual(await flows().installBuiltIn([corrected]), [], 'the same text is not published twice');
    assert.deepEqual(
      (await versionsOf(slug)).map((v) => v.version),
      [1, 2],
    );
  });

  it('never replaces a version an editor published', async () => {
    const slug = 'test-edited-built-in';
    await flows().installBuiltIn([shipped(slug, 'As shipped.')]);
    assert.deepEqual(await flows().saveDraft(shipped(slug, 'As our editor wrote it.'), editor), { ok: true });
    assert.equal((await flows().publish(slug, editor)).ok, true);

    assert.deepEqual(await flows().installBuiltIn([shipped(slug, 'As a later release ships it.')]), []);
    assert.equal((await flows().published(slug))?.definition.summary, 'As our editor wrote it.');
  });

  it('never publishes over an editor’s unpublished draft', async () => {
    const slug = 'test-drafted-built-in';
    await flows().installBuiltIn([shipped(slug, 'As shipped.')]);
    assert.deepEqual(await flows().saveDraft(shipped(slug, 'An editor is working on this.'), editor), { ok: true });

    assert.deepEqual(await flows().installBuiltIn([shipped(slug, 'As a later release ships it.')]), []);
    assert.deepEqual(
      (await versionsOf(slug)).map((v) => v.version),
      [1],
    );
    assert.equal((await flows().forEditing(slug))?.draft?.summary, 'An editor is working on this.');
  });
});
