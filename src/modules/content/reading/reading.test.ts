import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { SUBJECTS } from '../../../platform/subjects.js';
import type { Services } from '../../../platform/services.js';
import { DEMO_ITEMS } from '../demo/index.js';
import { seedDemoContent } from '../demo/seed.js';
import { CONTENT_TYPES, TYPE_NAMES } from '../types.js';
import { systemActor } from '../../../platform/audit.js';

describe('content: reading, feeds, sitemap and the home page', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
    await seedDemoContent(t.app.services as Services);
  });
  after(() => t.close());

  it('publishes at least 40 demo items covering every type and every subject', async () => {
    const all = await t.app.content.reading.all();
    assert.equal(all.length, DEMO_ITEMS.length);
    assert.ok(all.length >= 40);
    for (const type of TYPE_NAMES)
      assert.ok(
        all.some((i) => i.type === type),
        `a published ${type}`,
      );
    for (const subject of SUBJECTS) {
      assert.ok(
        all.some((i) => i.type === 'advice-sheet' && i.subject === subject.slug),
        `an advice sheet on ${subject.slug}`,
      );
      assert.ok(
        all.some((i) => i.type === 'faq' && i.subject === subject.slug),
        `an FAQ on ${subject.slug}`,
      );
    }
  });

  it('serves every published item at its address, with canonical, Open Graph and JSON-LD metadata', async () => {
    for (const item of await t.app.content.reading.all()) {
      const path = item.path.split('#')[0]!;
      const response = await t.app.inject({ url: path });
      assert.equal(response.statusCode, 200, path);
      assert.equal(response.headers['set-cookie'], undefined, `${path} sets no cookie`);
      if (item.type === 'faq') {
        assert.match(response.body, new RegExp(`id="${item.slug}"`));
        continue;
      }
      assert.match(response.body, new RegExp(`<link rel="canonical" href="http://hearth.test${path}">`));
      assert.match(response.body, /<meta property="og:title"/);
      const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(response.body);
      assert.ok(jsonLd, `${path} has JSON-LD`);
      assert.equal(JSON.parse(jsonLd[1]!).url, `http://hearth.test${path}`);
    }
  });

  it('marks advice sheets as general information with review dates', async () => {
    const response = await t.app.inject({ url: '/advice/sheets/how-to-challenge-a-decision-by-childrens-services' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /general information, not legal advice/);
    assert.match(response.body, /Facts last checked/);
    assert.match(response.body, /Next review due/);
    assert.match(response.body, /href="\/advice\/sheets\/how-to-challenge-a-decision-by-childrens-services\.pdf"/);
    // Every advice sheet: the public sources it rests on, and urgent help from the platform's one list.
    assert.match(response.body, /<h2 class="govuk-heading-l" id="sources">Where this advice comes from<\/h2>/);
    assert.match(response.body, /href="https:\/\/www\.legislation\.gov\.uk\/uksi\/2006\/1738\/contents"/);
    assert.match(response.body, /id="urgent-help"/);
    for (const tel of ['tel:999', 'tel:116123', 'tel:08082000247', 'tel:08088010800', 'tel:08088005000'])
      assert.ok(response.body.includes(`href="${tel}"`), tel);
  });

  it('shows the advice hub by subject, FAQ pages with anchors, and lists with pagination', async () => {
    const hub = await t.app.inject({ url: '/advice' });
    for (const subject of SUBJECTS) assert.ok(hub.body.includes(`id="${subject.slug}"`), subject.slug);
    const faqs = await t.app.inject({ url: '/faqs/kinship-care' });
    assert.match(faqs.body, /<a class="govuk-link" href="#am-i-a-family-and-friends-foster-carer">/);
    const blog = await t.app.inject({ url: '/blog' });
    assert.equal(blog.statusCode, 200);
    assert.match(blog.body, /Vlog: a week as a kinship carer/);
    const news = await t.app.inject({ url: '/news' });
    assert.match(news.body, /Press release: kinship carers need/);
    assert.equal((await t.app.inject({ url: '/news?page=9' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/faqs/not-a-subject' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/blog/%3Cscript%3E' })).statusCode, 404);
  });

  it('shows a press release with notes to editors, resources with type, share links with no script, and latest news', async () => {
    const response = await t.app.inject({ url: '/news/press-release-kinship-carers-need-the-same-support-as-foster-carers-says-hearth' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Notes to editors/);
    assert.match(response.body, /Advice sheet: your options as a kinship carer<span class="govuk-visually-hidden">,<\/span> \(PDF\)/);
    assert.match(response.body, /href="https:\/\/bsky\.app\/intent\/compose\?text=/);
    assert.match(response.body, /Latest news/);
    assert.doesNotMatch(response.body, /<script src="https:/);
  });

  it('lists related news and posts on a policy page, by shared tag', async () => {
    const response = await t.app.inject({ url: '/policy/kinship-care-support' });
    assert.match(response.body, /Related news and posts/);
    assert.match(response.body, /Kinship carers’ evening in Northmoor/);
  });

  it('splits a guide into pages with contents, previous and next', async () => {
    const first = await t.app.inject({ url: '/guides/a-guide-to-child-protection-enquiries' });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Contents/);
    assert.match(first.body, /href="\/guides\/a-guide-to-child-protection-enquiries\/the-first-contact"/);
    const part = await t.app.inject({ url: '/guides/a-guide-to-child-protection-enquiries/section-47-enquiries' });
    assert.equal(part.statusCode, 200);
    assert.match(part.body, /aria-current="page">Section 47 enquiries/);
    assert.match(part.body, /govuk-pagination__prev/);
    assert.equal((await t.app.inject({ url: '/guides/a-guide-to-child-protection-enquiries/nope' })).statusCode, 404);
  });

  it('puts a film’s video behind a link, with its full transcript on the page', async () => {
    const response = await t.app.inject({ url: '/films/film-special-guardianship-explained' });
    assert.match(response.body, /Watch the video on video\.example\.org/);
    assert.match(response.body, /Transcript/);
    assert.match(response.body, /A special guardianship order is made by a court/);
    assert.doesNotMatch(response.body, /<iframe|<video/);
  });

  it('has author, subject and tag pages', async () => {
    const author = await t.app.inject({ url: '/authors/maggie-example' });
    assert.equal(author.statusCode, 200);
    assert.match(author.body, /The night my granddaughter came to stay/);
    const subject = await t.app.inject({ url: '/subjects/adoption' });
    assert.match(subject.body, /Letters to my son/);
    assert.equal((await t.app.inject({ url: '/authors/nobody-at-all' })).statusCode, 404);
    const tag = await t.app.inject({ url: '/tags/special-guardianship' });
    assert.equal(tag.statusCode, 200);
    assert.match(tag.body, /Film: special guardianship explained/);
    assert.equal((await t.app.inject({ url: '/tags/no-such-tag' })).statusCode, 404);
  });

  it('publishes valid Atom feeds, one for everything and one per type', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const url of ['/feed.xml', ...TYPE_NAMES.map((type) => `/feed/${type}.xml`)]) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.match(String(response.headers['content-type']), /application\/atom\+xml/);
      assert.equal(XMLValidator.validate(response.body), true, url);
      const feed = parser.parse(response.body).feed;
      assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
      assert.ok(feed.title && feed.id && feed.updated);
    }
    assert.equal((await t.app.inject({ url: '/feed/nonsense.xml' })).statusCode, 404);
  });

  it('lists every published page in a valid sitemap', async () => {
    const response = await t.app.inject({ url: '/sitemap.xml' });
    assert.equal(XMLValidator.validate(response.body), true);
    const urls = new XMLParser().parse(response.body).urlset.url as { loc: string }[];
    const locs = new Set(urls.map((u) => u.loc));
    for (const item of await t.app.content.reading.all()) {
      if (item.type !== 'faq') assert.ok(locs.has(`http://hearth.test${item.path}`), item.path);
    }
    assert.ok(locs.has('http://hearth.test/faqs/kinship-care'));
  });

  it('composes the home page from sections, in the order editors choose, hiding what they hide', async () => {
    const home = await t.app.inject({ url: '/' });
    const order = [...home.body.matchAll(/<h2 class="govuk-heading-m" id="home-([a-z-]+)">/g)].map((m) => m[1]);
    // Other modules' sections (the advice line, the boards) sit among these when they are on.
    const ours = order.filter((key) => key!.startsWith('content-') || key === 'advice-flows');
    assert.deepEqual(ours.slice(0, 4), ['content-advice', 'advice-flows', 'content-faqs', 'content-blogs']);
    await t.app.content.home.save(systemActor('test'), [
      { key: 'content:news', position: 1, visible: true },
      { key: 'content:films', position: 2, visible: false },
    ]);
    await t.app.pageCache.invalidate();
    const rearranged = await t.app.inject({ url: '/' });
    const next = [...rearranged.body.matchAll(/<h2 class="govuk-heading-m" id="home-([a-z-]+)">/g)].map((m) => m[1]);
    assert.equal(next[0], 'content-news');
    assert.ok(!next.includes('content-films'));
  });

  it('leaves out the sections of modules that are switched off', async () => {
    const alone = await testApp({ HEARTH_MODULES: 'home,content' });
    try {
      const home = await alone.app.inject({ url: '/' });
      assert.equal(home.statusCode, 200);
      assert.doesNotMatch(home.body, /advice\/guided/);
      const hub = await alone.app.inject({ url: '/advice' });
      assert.doesNotMatch(hub.body, /advice\/guided/);
    } finally {
      await alone.close();
    }
  });

  it('escapes hostile titles and Markdown everywhere a published item appears', async () => {
    const { readFields } = await import('../validation.js');
    const read = readFields({
      type: 'news',
      slug: 'hostile',
      title: '</script><script>alert(1)</script> & "quotes"',
      summary: '<img src=x onerror=alert(1)>',
      body: '<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(1)) [data](data:text/html,x)\n\n<a href="x" onclick="alert(1)">a</a>',
      tags: 'hostile',
    });
    assert.ok(read.ok);
    const actor = systemActor('test');
    const id = await t.app.content.workflow.create(read.fields, actor);
    await t.app.content.workflow.publish(id, actor);
    for (const url of ['/news/hostile', '/news', '/feed.xml', '/search?q=quotes']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      // Escaped text may still spell "onclick="; what must never appear is live markup.
      const live = /<script>alert|<img src=x|<iframe|href="javascript:|href="data:|<a [^>]*onclick/.exec(response.body);
      assert.equal(live, null, `${url}: ${live?.[0]}`);
    }
    // The API gives the text as data (escaped by whoever shows it) and the body as sanitised HTML.
    const api = (await t.app.inject({ url: `/api/v1/content/${id}` })).json() as { title: string; bodyHtml: string };
    assert.equal(api.title, '</script><script>alert(1)</script> & "quotes"');
    assert.doesNotMatch(api.bodyHtml, /<iframe|href="javascript:|href="data:|<a [^>]*onclick/);
    const page = await t.app.inject({ url: '/news/hostile' });
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!;
    assert.equal(JSON.parse(jsonLd).headline, '</script><script>alert(1)</script> & "quotes"');
    assert.equal(XMLValidator.validate((await t.app.inject({ url: '/feed.xml' })).body), true);
  });

  it('gives the newsletter published items through app.contentFeed', async () => {
    const recent = await t.app.contentFeed!.recent({ limit: 3, types: ['news'] });
    assert.equal(recent.length, 3);
    assert.ok(recent.every((i) => i.type === 'news' && i.path.startsWith('/news/')));
    const byIds = await t.app.contentFeed!.byIds([recent[2]!.id, 'not-an-id', recent[0]!.id]);
    assert.deepEqual(
      byIds.map((i) => i.id),
      [recent[2]!.id, recent[0]!.id],
    );
    assert.ok(Object.keys(CONTENT_TYPES).includes(recent[0]!.type));
  });
});
