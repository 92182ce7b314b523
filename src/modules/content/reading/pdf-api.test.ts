import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import type { Services } from '../../../platform/services.js';
import { seedDemoContent } from '../demo/seed.js';
import { readFields } from '../validation.js';
import { systemActor } from '../../../platform/audit.js';

// pdfjs draws text with the standard fonts; without their data it only warns, but the warning hides real problems.
const standardFontDataUrl = fileURLToPath(new URL('../../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
const open = (bytes: Buffer) => getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null): string[] {
  if (!node) return [];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}

describe('content: PDFs and the API', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
    await seedDemoContent(t.app.services as Services);
  });
  after(() => t.close());

  const sheetPath = '/advice/sheets/child-protection-conferences-what-to-expect';

  it('makes an advice sheet a tagged PDF, readable, with its title, language and headings', async () => {
    const response = await t.app.inject({ url: `${sheetPath}.pdf` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const pdf = await open(response.rawPayload);
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    assert.equal(info.Title, 'Child protection conferences: what to expect');
    assert.equal(info.Language, 'en-GB');
    assert.deepEqual(await pdf.getMarkInfo(), { Marked: true, UserProperties: false, Suspects: false });
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    assert.match(text, /Child protection conferences: what to expect/);
    assert.match(text, /general information, not legal advice/);
    const structure = roles((await page.getStructTree()) as StructNode);
    assert.ok(structure.includes('H1'), `H1 in ${structure.join(',')}`);
    assert.ok(structure.includes('H2'));
    assert.ok(structure.includes('P'));
    await pdf.destroy();
  });

  it('keeps the PDF until the item is published again, and answers 304 to a matching ETag', async () => {
    const first = await t.app.inject({ url: `${sheetPath}.pdf` });
    const etag = String(first.headers.etag);
    assert.equal((await t.app.inject({ url: `${sheetPath}.pdf`, headers: { 'if-none-match': etag } })).statusCode, 304);
    const item = (await t.app.content.reading.bySlug('/advice/sheets', 'child-protection-conferences-what-to-expect'))!;
    const stored = await t.app.services.db.selectFrom('content_pdfs').select('revision').where('item_id', '=', item.id).executeTakeFirst();
    assert.equal(stored?.revision, item.revision);

    const actor = systemActor('test');
    const { workflow } = t.app.content;
    const current = (await workflow.find(item.id))!;
    await workflow.save(item.id, { ...current.fields, title: 'Conferences: a changed title' }, current.version, actor);
    await workflow.submit(item.id, actor);
    await workflow.approve(item.id, actor);
    assert.equal((await workflow.publish(item.id, actor)).ok, true);
    const again = await t.app.inject({ url: `${sheetPath}.pdf`, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 200, 'a new revision has a new ETag');
    const pdf = await open(again.rawPayload);
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    assert.equal(info.Title, 'Conferences: a changed title');
    await pdf.destroy();
  });

  it('has no PDF for types that do not offer one', async () => {
    assert.equal((await t.app.inject({ url: '/blog/letters-to-my-son.pdf' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/advice/sheets/nothing-here.pdf' })).statusCode, 404);
  });

  it('keeps every advice sheet’s public sources: needed to save one, and in its PDF and the API, with urgent help', async () => {
    const sheet = {
      type: 'advice-sheet',
      title: 'A sheet',
      summary: 'S.',
      body: 'B.',
      subject: 'adoption',
      lastReviewed: '2026-12-01',
      reviewDue: '2027-12-01',
    };
    const missing = readFields(sheet);
    assert.ok(!missing.ok && missing.errors.some((e) => e.field === 'sources' && /at least one source/.test(e.text)));
    const insecure = readFields({ ...sheet, sources: 'Children Act 1989 | http://www.legislation.gov.uk/ukpga/1989/41' });
    assert.ok(!insecure.ok && insecure.errors.some((e) => e.field === 'sources' && /line 1 must be "title \| address/.test(e.text)));
    const good = readFields({ ...sheet, sources: 'Children Act 1989 | https://www.legislation.gov.uk/ukpga/1989/41/contents' });
    assert.ok(good.ok);
    assert.deepEqual(good.fields.sources, [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41/contents' }]);

    const pdf = await open((await t.app.inject({ url: `${sheetPath}.pdf` })).rawPayload);
    let text = '';
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      text += (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    }
    await pdf.destroy();
    for (const expected of [
      'Facts last checked',
      'Where this advice comes from',
      'If you need help urgently',
      '0808 800 5000',
      'Live Fear Free',
    ])
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);

    const list = (await t.app.inject({ url: '/api/v1/content?type=advice-sheet&perPage=50' })).json() as { items: { id: string }[] };
    assert.ok(list.items.length > 0);
    for (const item of list.items) {
      const one = (await t.app.inject({ url: `/api/v1/content/${item.id}` })).json() as { sources: { url: string }[] };
      assert.ok(one.sources.length > 0, `advice sheet ${item.id} has sources`);
      for (const source of one.sources) assert.match(source.url, /^https:\/\//);
    }
  });

  it('lists published content by type and subject, and one item by id, in the API', async () => {
    const list = await t.app.inject({ url: '/api/v1/content?type=faq&subject=adoption' });
    assert.equal(list.statusCode, 200);
    const body = list.json() as { items: { id: string; type: string; subject: string; path: string }[]; total: number };
    assert.equal(body.total, 2);
    assert.ok(body.items.every((i) => i.type === 'faq' && i.subject === 'adoption'));
    const one = await t.app.inject({ url: `/api/v1/content/${body.items[0]!.id}` });
    assert.equal(one.statusCode, 200);
    assert.match((one.json() as { bodyHtml: string }).bodyHtml, /<p class="govuk-body">/);
    assert.equal((await t.app.inject({ url: '/api/v1/content/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
    const bad = await t.app.inject({ url: '/api/v1/content?type=nonsense' });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
  });

  it('runs the workflow for editors with a token, and refuses others', async () => {
    async function token(roles: ('editor' | 'member')[]) {
      const user = await createUser(t.app, { roles });
      const client = new FormClient(t.app);
      await signInDirectly(client, user);
      await client.get('/account/tokens');
      const page = await client.post('/account/tokens', { name: 'Content tests' });
      return /id="new-token">([^<]+)</.exec(page.body)![1]!;
    }
    const writer = await token(['editor']);
    const reviewer = await token(['editor']);
    const member = await token(['member']);
    const call = (method: 'POST' | 'PUT', url: string, bearer: string, payload?: object) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, payload: payload ?? {} });

    const fields = { type: 'faq', title: 'An API question?', summary: 'An answer.', body: 'The answer.', subject: 'adoption' };
    assert.equal((await call('POST', '/api/v1/content', member, fields)).statusCode, 403);
    const invalid = await call('POST', '/api/v1/content', writer, { ...fields, subject: 'nope', title: '' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(
      (invalid.json() as { errors: { field: string }[] }).errors.map((e) => e.field),
      ['title', 'subject'],
    );
    const created = await call('POST', '/api/v1/content', writer, fields);
    assert.equal(created.statusCode, 201);
    const { id } = created.json() as { id: string };
    const updated = await call('PUT', `/api/v1/content/${id}`, writer, { ...fields, body: 'A better answer.', version: 1 });
    assert.equal((updated.json() as { version: number }).version, 2);
    const stale = await call('PUT', `/api/v1/content/${id}`, writer, { ...fields, version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal((await call('POST', `/api/v1/content/${id}/publish`, writer)).statusCode, 409, 'FAQs need approval');
    assert.equal((await call('POST', `/api/v1/content/${id}/submit`, writer)).statusCode, 200);
    assert.equal((await call('POST', `/api/v1/content/${id}/approve`, writer)).statusCode, 409, 'not by the writer');
    assert.equal((await call('POST', `/api/v1/content/${id}/approve`, reviewer)).statusCode, 200);
    const published = await call('POST', `/api/v1/content/${id}/publish`, writer);
    assert.equal(published.statusCode, 200);
    assert.equal((published.json() as { publishedPath: string }).publishedPath, '/faqs/adoption#an-api-question');
    assert.equal((await t.app.inject({ url: `/api/v1/content/${id}` })).statusCode, 200);
    assert.equal((await call('POST', `/api/v1/content/${id}/unpublish`, writer)).statusCode, 200);
    assert.equal((await t.app.inject({ url: `/api/v1/content/${id}` })).statusCode, 404);
  });

  it('describes every content route in the OpenAPI document', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/v1/content', '/api/v1/content/{id}']) assert.ok(document.paths[path], path);
    for (const action of ['submit', 'approve', 'publish', 'unpublish'])
      assert.ok(document.paths[`/api/v1/content/{id}/${action}`]?.post, action);
    assert.ok(document.paths['/api/v1/content']?.post);
    assert.ok(document.paths['/api/v1/content/{id}']?.put);
  });
});
