import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signIn, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import type { Role } from '../../../platform/roles.js';
import { personActor } from '../../../platform/audit.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${process.pid}`;

describe('content: the publishing workflow', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function editor(roles: Role[] = ['editor']) {
    const user = await createUser(t.app, { roles });
    const client = new FormClient(t.app);
    assert.equal((await signIn(client, user)).statusCode, 303);
    return { user, client };
  }

  function sheet(slug = unique('sheet')) {
    return {
      type: 'advice-sheet',
      title: `Sheet ${slug}`,
      slug,
      summary: 'A summary.',
      body: '## First\n\nSome advice about the Children Act 1989.',
      subject: 'kinship-care',
      lastReviewed: '2026-01-01',
      reviewDue: '2027-01-01',
      sources: 'Children Act 1989 | https://www.legislation.gov.uk/ukpga/1989/41/contents',
    };
  }

  async function create(client: FormClient, fields: Record<string, string>) {
    await client.get(`/admin/content/new?type=${fields.type}`);
    const response = await client.post('/admin/content/new', { ...fields, action: 'save' });
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
    return response.headers.location!.split('/').pop()!;
  }

  it('refuses the editor pages to visitors and to members', async () => {
    const visitor = await t.app.inject({ url: '/admin/content' });
    assert.equal(visitor.statusCode, 303);
    const { client } = await editor(['member']);
    assert.equal((await client.get('/admin/content')).statusCode, 403);
    const staff = await editor();
    assert.equal((await staff.client.get('/admin/content/not-an-id')).statusCode, 404);
    assert.equal((await staff.client.get('/admin/content/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await staff.client.post('/admin/content/00000000-0000-4000-8000-000000000000/publish', { when: 'now' })).statusCode, 404);
  });

  it('keeps everything typed and names each problem when a draft is not valid', async () => {
    const { client } = await editor();
    await client.get('/admin/content/new?type=advice-sheet');
    const response = await client.post('/admin/content/new', {
      type: 'advice-sheet',
      title: '<b>Bold</b> title',
      body: '',
      action: 'save',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /Enter a summary/);
    assert.match(response.body, /Enter the text/);
    assert.match(response.body, /Select the subject this advice sheet is about/);
    assert.match(response.body, /Enter the date the advice was last reviewed/);
    assert.match(response.body, /Enter at least one source the advice rests on/);
    assert.match(response.body, /value="&lt;b&gt;Bold&lt;\/b&gt; title"/);
    assert.doesNotMatch(response.body, /<b>Bold<\/b>/);
  });

  it('needs a second editor to approve an advice sheet before it is published', async () => {
    const writer = await editor();
    const id = await create(writer.client, sheet());
    let response = await writer.client.post(`/admin/content/${id}/publish`, { when: 'now' });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /must be approved by a second editor/);

    await writer.client.post(`/admin/content/${id}/submit`);
    response = await writer.client.post(`/admin/content/${id}/approve`);
    assert.equal(response.statusCode, 409, 'the writer cannot approve their own work');
    assert.match(response.body, /Another editor must approve this/);

    const second = await editor();
    await second.client.get(`/admin/content/${id}`);
    assert.equal((await second.client.post(`/admin/content/${id}/approve`)).statusCode, 303);
    await writer.client.get(`/admin/content/${id}`);
    assert.equal((await writer.client.post(`/admin/content/${id}/publish`, { when: 'now' })).statusCode, 303);
    const item = await t.app.content.workflow.find(id);
    assert.equal(item?.state, 'published');
    const actions = await t.app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['content.created', 'content.submitted', 'content.approved', 'content.published'],
    );
  });

  it('asks for approval again when the text changes after approval', async () => {
    const writer = await editor();
    const second = await editor();
    const fields = sheet();
    const id = await create(writer.client, fields);
    await writer.client.post(`/admin/content/${id}/submit`);
    await second.client.get(`/admin/content/${id}`);
    await second.client.post(`/admin/content/${id}/approve`);
    await writer.client.get(`/admin/content/${id}`);
    await writer.client.post(`/admin/content/${id}`, { ...fields, title: 'Changed after approval', version: '1', action: 'save' });
    const response = await writer.client.post(`/admin/content/${id}/publish`, { when: 'now' });
    assert.equal(response.statusCode, 409);
  });

  it('lets a blog post publish without approval, and can turn approval off for sheets', async () => {
    const writer = await editor();
    const id = await create(writer.client, {
      type: 'blog-post',
      title: 'A post',
      slug: unique('post'),
      summary: 'About something.',
      body: 'Text.',
      authorName: 'Sam Example',
      authorKind: 'parent',
    });
    assert.equal((await writer.client.post(`/admin/content/${id}/publish`, { when: 'now' })).statusCode, 303);

    const relaxed = await testApp({ CONTENT_SECOND_APPROVAL: 'false' });
    try {
      const user = await createUser(relaxed.app, { roles: ['editor'] });
      const client = new FormClient(relaxed.app);
      await signInDirectly(client, user);
      await client.get('/admin/content/new?type=advice-sheet');
      const created = await client.post('/admin/content/new', { ...sheet(), action: 'save' });
      const sheetId = created.headers.location!.split('/').pop()!;
      assert.equal((await client.post(`/admin/content/${sheetId}/publish`, { when: 'now' })).statusCode, 303);
    } finally {
      await relaxed.close();
    }
  });

  it('tells the second of two editors saving the same item, and keeps their text as a revision', async () => {
    const first = await editor();
    const second = await editor();
    const fields = { type: 'news', title: 'Original', slug: unique('news'), summary: 'S.', body: 'Body.' };
    const id = await create(first.client, fields);
    await first.client.get(`/admin/content/${id}`);
    await second.client.get(`/admin/content/${id}`);
    assert.equal(
      (await first.client.post(`/admin/content/${id}`, { ...fields, body: 'First editor’s words.', version: '1', action: 'save' }))
        .statusCode,
      303,
    );
    const clash = await second.client.post(`/admin/content/${id}`, {
      ...fields,
      body: 'Second editor’s words.',
      version: '1',
      action: 'save',
    });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, new RegExp(`${first.user.email.replace('.', '\\.')} saved this item while you were editing it`));
    assert.match(clash.body, /Second editor’s words\./, 'the text typed is still in the form');
    const item = await t.app.content.workflow.find(id);
    assert.equal(item?.fields.body, 'First editor’s words.');
    const revisions = await t.app.content.workflow.revisions(id);
    const kept = revisions.find((r) => r.note.startsWith('Not applied'));
    assert.ok(kept, 'the second editor’s text is kept');
    const revision = await t.app.content.workflow.revision(id, kept.number);
    assert.equal(revision?.fields.body, 'Second editor’s words.');
  });

  it('shows each revision with a diff, and restores one as a new draft', async () => {
    const { client } = await editor();
    const fields = { type: 'page', title: 'Page', slug: unique('page'), summary: 'S.', body: 'Line one\nLine two' };
    const id = await create(client, fields);
    await client.get(`/admin/content/${id}`);
    await client.post(`/admin/content/${id}`, { ...fields, body: 'Line one\nLine three', version: '1', action: 'save' });
    const diff = await client.get(`/admin/content/${id}/revisions/1`);
    assert.match(diff.body, /<del><span class="hearth-diff__mark">removed: <\/span>Line two<\/del>/);
    assert.match(diff.body, /<ins><span class="hearth-diff__mark">added: <\/span>Line three<\/ins>/);
    const restored = await client.post(`/admin/content/${id}/revisions/1/restore`, { version: '2' });
    assert.equal(restored.statusCode, 303);
    const item = await t.app.content.workflow.find(id);
    assert.equal(item?.fields.body, 'Line one\nLine two');
    assert.equal((await t.app.content.workflow.revisions(id))[0]?.note, 'Restored revision 1');
  });

  it('publishes at a scheduled time through a job, and not if the item changed since', async () => {
    const { user } = await editor();
    const { workflow } = t.app.content;
    const actor = personActor(user, null);
    const fields = { type: 'news' as const, title: 'Later', slug: unique('later'), summary: 'S.', body: 'B.' };
    const { readFields } = await import('../validation.js');
    const read = readFields(fields);
    assert.ok(read.ok);
    const id = await workflow.create(read.fields, actor);
    const at = new Date(Date.now() + 60_000);
    assert.deepEqual(await workflow.publish(id, actor, at), { ok: true, scheduled: true });
    assert.equal((await workflow.find(id))?.state, 'scheduled');
    const job = await t.app.services.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'content.publish-scheduled')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(new Date(job.run_at).getTime(), at.getTime());
    assert.equal(await t.app.content.reading.byId(id), null, 'not yet published');
    // Bring the job forward, as if the time had come.
    await t.app.services.db.updateTable('content_items').set({ scheduled_for: new Date() }).where('id', '=', id).execute();
    await t.app.services.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', job.id).execute();
    await t.app.worker.drain();
    assert.equal((await t.app.content.reading.byId(id))?.title, 'Later');

    const second = await workflow.create(read.fields.slug ? { ...read.fields, slug: unique('changed') } : read.fields, actor);
    await workflow.publish(second, actor, new Date(Date.now() + 60_000));
    await workflow.save(second, { ...read.fields, slug: unique('changed'), title: 'Changed' }, 1, actor);
    await t.app.content.workflow.publishScheduled({ id: second, version: 1 });
    assert.equal(await t.app.content.reading.byId(second), null, 'a changed item is not published by an old schedule');
  });

  it('keeps an old address working with a 301 after the slug changes', async () => {
    const { client } = await editor();
    const oldSlug = unique('old');
    const fields = { type: 'policy', title: 'Policy', slug: oldSlug, summary: 'S.', body: 'B.' };
    const id = await create(client, fields);
    await client.post(`/admin/content/${id}/publish`, { when: 'now' });
    assert.equal((await t.app.inject({ url: `/policy/${oldSlug}` })).statusCode, 200);
    await client.get(`/admin/content/${id}`);
    const newSlug = unique('new');
    await client.post(`/admin/content/${id}`, { ...fields, slug: newSlug, version: '1', action: 'save' });
    await client.post(`/admin/content/${id}/publish`, { when: 'now' });
    const moved = await t.app.inject({ url: `/policy/${oldSlug}` });
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `/policy/${newSlug}`);
  });

  it('unpublishes, and the page is gone at once even though it was cached', async () => {
    const { client } = await editor();
    const slug = unique('gone');
    const id = await create(client, { type: 'news', title: 'Going soon', slug, summary: 'S.', body: 'B.' });
    await client.post(`/admin/content/${id}/publish`, { when: 'now' });
    const first = await t.app.inject({ url: `/news/${slug}` });
    assert.equal(first.statusCode, 200);
    const cached = await t.app.inject({ url: `/news/${slug}`, headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(cached.statusCode, 304);
    assert.equal((await client.post(`/admin/content/${id}/unpublish`)).statusCode, 303);
    assert.equal((await t.app.inject({ url: `/news/${slug}` })).statusCode, 404);
  });

  it('exports an editor’s work, and takes their name off the history when their account goes', async () => {
    const { user, client } = await editor();
    const id = await create(client, { type: 'page', title: 'Mine', slug: unique('mine'), summary: 'S.', body: 'B.' });
    const { contentPersonalData } = await import('../personal-data.js');
    const context = t.app.moduleContext(t.app.modules.find((m) => m.name === 'content')!);
    const exported = await contentPersonalData.export(context, user.id);
    assert.deepEqual(
      (exported['Content you saved'] as { item: string }[]).map((r) => r.item),
      [id],
    );
    await contentPersonalData.erase(context, user.id);
    const [revision] = await t.app.content.workflow.revisions(id);
    assert.equal(revision?.created_by_label, 'a deleted account');
    assert.equal((await t.app.content.workflow.find(id))?.updatedBy, null);
    assert.deepEqual(await contentPersonalData.export(context, user.id), { 'Content you saved': [], 'Files you uploaded': [] });
  });

  it('previews Markdown without JavaScript, cleaned of hostile markup', async () => {
    const { client } = await editor();
    await client.get('/admin/content/new?type=page');
    const response = await client.post('/admin/content/new', {
      type: 'page',
      title: 'Preview',
      summary: 'S.',
      body: '## Heading\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
      action: 'preview',
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<h2 class="govuk-heading-l">Heading<\/h2>/);
    assert.doesNotMatch(response.body, /<script>alert/);
    assert.doesNotMatch(response.body, /href="javascript:/);
    assert.doesNotMatch(response.body, /<img src="x"/);
  });
});
