import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { testDatabase } from '../../../../tests/support/database.js';
import * as searchMigration from '../migrations/2026-11-23-50-content-search.js';
import { createSearch } from './service.js';
import { readFields } from '../validation.js';
import { systemActor } from '../../../platform/audit.js';

const editor = systemActor('editor@example.org');
let counter = 0;

describe('content: search ranking and the search tables', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const workflow = () => t.app.content.workflow;
  const search = (q: string, page = 1) => t.app.content.search.search({ q, page });

  /** Publishes a blog post now; posts need no second approval. */
  async function publishPost(fields: { title: string; summary?: string; body?: string; slug?: string }) {
    const read = readFields({
      type: 'blog-post',
      subject: 'kinship-care',
      slug: fields.slug ?? `search-post-${++counter}-${process.pid}`,
      summary: fields.summary ?? 'A short fictional post.',
      body: fields.body ?? 'Made up for a test.',
      authorName: 'Pat Example',
      authorKind: 'staff',
      title: fields.title,
    });
    assert.ok(read.ok, JSON.stringify(read));
    const id = await workflow().create(read.fields, editor);
    const published = await workflow().publish(id, editor);
    assert.ok(published.ok, JSON.stringify(published));
    return { id, fields: read.fields };
  }

  async function searchRows(id: string) {
    const db = t.app.services.db;
    const rows = await db.selectFrom('content_search').select('item_id').where('item_id', '=', id).execute();
    const heads = await db.selectFrom('content_search_heads').select('item_id').where('item_id', '=', id).execute();
    return rows.length + heads.length;
  }

  it('ranks a match in the title above one in the summary, and both above a match only in the text, however new', async () => {
    const inTitle = await publishPost({ title: 'Quorblewick explained' });
    const inSummary = await publishPost({ title: 'A plain title', summary: 'All about quorblewick.' });
    const inText = await publishPost({ title: 'Another plain title', body: 'Somewhere in the text: quorblewick.' });
    const { hits, total } = await search('quorblewick');
    assert.equal(total, 3);
    assert.deepEqual(
      hits.map((h) => h.id),
      [inTitle.id, inSummary.id, inText.id],
    );
    assert.match(hits[0]!.titleHtml, /<mark>Quorblewick<\/mark> explained/);
    assert.match(hits[2]!.excerptHtml, /<mark>quorblewick<\/mark>/);
  });

  it('lists matches only in the text newest first, after the ranked ones, across pages with one total', async () => {
    const ranked = await publishPost({ title: 'Snorfindle in the title' });
    const textOnly = [];
    for (let i = 0; i < 12; i++) textOnly.push(await publishPost({ title: `Post ${i}`, body: `Text that names snorfindle, ${i}.` }));
    const first = await search('snorfindle');
    const second = await search('snorfindle', 2);
    const beyond = await search('snorfindle', 3);
    assert.equal(first.total, 13);
    assert.equal(second.total, 13);
    assert.equal(beyond.total, 13);
    assert.deepEqual(beyond.hits, []);
    const newestFirst = textOnly.map((p) => p.id).reverse();
    assert.deepEqual(
      [...first.hits, ...second.hits].map((h) => h.id),
      [ranked.id, ...newestFirst],
    );
  });

  it('keeps out an item whose title matches when a word the query excludes is in its text', async () => {
    const excluded = await publishPost({ title: 'Wibblethorpe meetings', body: 'This one mentions a tribunal.' });
    const kept = await publishPost({ title: 'Wibblethorpe letters', body: 'Nothing else here.' });
    const { hits, total } = await search('wibblethorpe -tribunal');
    assert.equal(total, 1);
    assert.deepEqual(
      hits.map((h) => h.id),
      [kept.id],
    );
    assert.ok(!hits.some((h) => h.id === excluded.id));
  });

  it('stays in step with publishing, a change of address, unpublishing and deleting', async () => {
    const post = await publishPost({ title: 'Grumbleflax guide', slug: `grumbleflax-${process.pid}` });
    assert.equal((await search('grumbleflax')).hits[0]?.path, `/blog/grumbleflax-${process.pid}`);

    // A new title and address, published again: the old word is gone and the hit links to the new address.
    const item = await workflow().find(post.id);
    const changed = { ...post.fields, title: 'Plinkerton guide', slug: `plinkerton-${process.pid}` };
    assert.ok((await workflow().save(post.id, changed, item!.version, editor)).ok);
    assert.ok((await workflow().publish(post.id, editor)).ok);
    assert.equal((await search('grumbleflax')).total, 0);
    const found = await search('plinkerton');
    assert.equal(found.total, 1);
    assert.equal(found.hits[0]!.path, `/blog/plinkerton-${process.pid}`);
    assert.match(found.hits[0]!.titleHtml, /<mark>Plinkerton<\/mark>/);

    assert.ok((await workflow().unpublish(post.id, editor)).ok);
    assert.equal((await search('plinkerton')).total, 0);
    assert.equal(await searchRows(post.id), 0);

    assert.ok((await workflow().publish(post.id, editor)).ok);
    assert.equal((await search('plinkerton')).total, 1);
    await t.app.services.db.deleteFrom('content_items').where('id', '=', post.id).execute();
    assert.equal((await search('plinkerton')).total, 0);
    assert.equal(await searchRows(post.id), 0);
  });
});

describe('content: the search tables migration', () => {
  it('fills the search tables from what was already published', async () => {
    const database = await testDatabase();
    const db = database.db;
    const unTyped = db as unknown as Kysely<unknown>;
    try {
      // As a deployment was before this migration: the old search column, and no search tables.
      await searchMigration.down(unTyped);
      const id = '6f1f3c1e-0000-4000-8000-000000000001';
      await db.insertInto('content_items').values({ id, type: 'news', fields: '{}', state: 'published' }).execute();
      await db
        .insertInto('content_published')
        .values({
          item_id: id,
          type: 'news',
          section: '/news',
          slug: 'older-news',
          title: 'Fictional council opens a zindlebrook hub',
          summary: 'A summary.',
          body_text: 'The text.',
          fields: '{}',
          revision: 1,
          published_at: new Date('2026-01-01'),
          updated_at: new Date('2026-01-01'),
        })
        .execute();

      await searchMigration.up(unTyped);
      const { hits, total } = await createSearch(db).search({ q: 'zindlebrook', page: 1 });
      assert.equal(total, 1);
      assert.equal(hits[0]!.path, '/news/older-news');
      const columns = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.columns
        where table_name = 'content_published' and column_name = 'search'`.execute(db);
      assert.equal(columns.rows[0]!.n, 0);
    } finally {
      await database.close();
    }
  });
});
