import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import type { Services } from '../../../platform/services.js';
import { seedDemoContent } from '../demo/seed.js';
import { markedHtml } from './service.js';

describe('content: search', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
    await seedDemoContent(t.app.services as Services);
  });
  after(() => t.close());

  const search = (query: string) => t.app.inject({ url: `/search?${query}` });

  it('finds published items, ranks title matches first, and highlights matches with <mark>', async () => {
    const response = await search('q=special+guardianship');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /\d+ results/);
    const titles = [
      ...response.body.matchAll(/<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="([^"]+)">/g),
    ].map((m) => m[1]);
    assert.equal(titles[0], '/films/film-special-guardianship-explained');
    assert.match(response.body, /<mark>[Ss]pecial<\/mark> <mark>guardianship<\/mark>/);
  });

  it('filters by type and by subject', async () => {
    const sheets = await search('q=court&type=advice-sheet');
    const paths = [...sheets.body.matchAll(/href="(\/[a-z/-]+)"><\/?/g)].map((m) => m[1]);
    assert.ok(sheets.body.includes('/advice/sheets/'));
    assert.ok(!sheets.body.includes('href="/blog/'), String(paths));
    const adoption = await search('q=contact&subject=adoption');
    assert.match(adoption.body, /Letters to my son|adoption/i);
    assert.doesNotMatch(adoption.body, /href="\/faqs\/looked-after-children/);
  });

  it('suggests a close word when nothing matches', async () => {
    const response = await search('q=guardianshp');
    assert.match(response.body, /0 results/);
    assert.match(response.body, /Did you mean <a class="govuk-link" href="\/search\?q=guardianship">guardianship<\/a>/);
    assert.match(response.body, /check your spelling/);
  });

  it('never shows markup from the text of an item, only its own <mark>', () => {
    assert.equal(markedHtml('<script>\u0002x\u0003</script>'), '&lt;script&gt;<mark>x</mark>&lt;/script&gt;');
  });

  it('answers any input without an error', async () => {
    for (const odd of [
      '"',
      "'",
      '(',
      ')',
      '&',
      '|',
      '!',
      ':*',
      'a & | ! b',
      '<script>alert(1)</script>',
      "'; drop table content_items; --",
      '-',
      '"unclosed',
      'or or or',
      '%E2%80',
      '\\',
      'the',
      '😀',
      'x'.repeat(5000),
    ]) {
      const response = await search(`q=${encodeURIComponent(odd)}`);
      assert.equal(response.statusCode, 200, odd);
      assert.doesNotMatch(response.body, /<script>alert/);
    }
    assert.equal((await search('q=%E0%A4%A')).statusCode < 500, true);
    assert.equal((await search('q[]=a&q[]=b&type[]=x&page=-1')).statusCode, 200);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.constantFrom('', 'faq', 'news', 'bogus'), async (q, type) => {
        const response = await search(new URLSearchParams({ q, type }).toString());
        assert.ok(response.statusCode === 200 || response.statusCode === 400, `${JSON.stringify(q)} gave ${response.statusCode}`);
      }),
      { numRuns: 60 },
    );
  });
});
