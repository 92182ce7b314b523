import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/platform/demo.js';
import { SITE_DESCRIPTION } from '../../src/platform/page-descriptions.js';
import { testApp, type TestContext } from '../support/app.js';

/** Public addresses that answer with something other than a page: files, feeds, the API, health checks. */
const NOT_PAGES = /^\/(api\/(?!docs$)|assets\/|healthz|readyz|feed|sitemap\.xml|uploads\/)|\.(ics|xml|json)$/;

const descriptionsIn = (html: string) =>
  [...html.matchAll(/<meta name="description" content="([^"]*)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"));

describe('meta descriptions', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_DEMO: 'true' });
    await seedDemo(t.app.services, t.app.config, t.app.modules, t.app.moduleContext);
  });
  after(() => t.close());

  /** Every public GET address without a parameter. Some only redirect without a token or a session; those are skipped. */
  function fixedAddresses(): string[] {
    return t.app
      .registeredRoutes()
      .filter((r) => r.method === 'GET' && r.access === 'public' && !/[:*]/.test(r.url) && !NOT_PAGES.test(r.url))
      .map((r) => r.url);
  }

  /** Pages with a parameter, from the demo data. Each must be a page, so that none is skipped without a word. */
  async function sampledPages(): Promise<string[]> {
    const { db } = t.app.services;
    const published = (type: string) =>
      db.selectFrom('content_published').select('slug').where('type', '=', type).orderBy('slug').executeTakeFirstOrThrow();
    const thread = await db
      .selectFrom('board_threads')
      .select(['id', 'board_slug'])
      .where('status', '=', 'visible')
      .executeTakeFirstOrThrow();
    const flow = (await t.app.adviceFlows.listPublished())[0]!;
    const event = await db.selectFrom('events').select('slug').executeTakeFirstOrThrow();
    return [
      `/advice/sheets/${(await published('advice-sheet')).slug}`,
      `/news/${(await published('news')).slug}`,
      '/faqs/kinship-care',
      '/boards/parents',
      '/boards/family-and-friends-carers',
      `/boards/${thread.board_slug}/t/${thread.id}`,
      `/advice/guided/${flow.slug}`,
      `/events/${event.slug}`,
    ];
  }

  it('gives every public page a description of its own, not shared with any other page', async () => {
    const samples = await sampledPages();
    const seen = new Map<string, string>();
    const problems: string[] = [];
    let checked = 0;
    for (const url of [...fixedAddresses(), ...samples]) {
      const response = await t.app.inject({ url });
      const page = response.statusCode === 200 && String(response.headers['content-type']).startsWith('text/html');
      if (!page) {
        if (samples.includes(url)) problems.push(`${url}: ${response.statusCode}, not a page`);
        continue;
      }
      checked += 1;
      const found = descriptionsIn(response.body);
      const description = found[0]?.trim() ?? '';
      if (found.length !== 1) problems.push(`${url}: ${found.length} descriptions`);
      else if (description === '') problems.push(`${url}: an empty description`);
      else if (description === SITE_DESCRIPTION) problems.push(`${url}: the site's general description`);
      else if (seen.has(description)) problems.push(`${url}: the same description as ${seen.get(description)}`);
      else seen.set(description, url);
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 35, `only ${checked} pages were checked`);
  });

  it('gives a platform page that sets none, such as the 404 page, the site’s description', async () => {
    const missing = await t.app.inject({ url: '/no-such-page' });
    assert.deepEqual(descriptionsIn(missing.body), [SITE_DESCRIPTION]);
  });
});
