import { before, describe, it } from 'node:test';
import { seedDemoContent } from '../../src/modules/content/demo/seed.js';
import type { Services } from '../../src/platform/services.js';
import { browserSession, visit } from './support.js';

const session = browserSession();

const PAGES = [
  '/search?q=kinship+care',
  '/',
  '/advice',
  '/advice/sheets/looking-after-a-relatives-child-your-options',
  '/faqs',
  '/faqs/kinship-care',
  '/blog',
  '/blog/the-night-my-granddaughter-came-to-stay',
  '/blog/vlog-a-week-as-a-kinship-carer',
  '/news',
  '/news/press-release-kinship-carers-need-the-same-support-as-foster-carers-says-hearth',
  '/policy',
  '/policy/kinship-care-support',
];

describe('content in a browser: articles', () => {
  before(async () => {
    await seedDemoContent(session.server.app.services as Services);
  });

  it('reads every kind of page without JavaScript, with no accessibility problems at desktop and 320 px', async (t) => {
    const page = await session.visitor(t, { javaScriptEnabled: false });
    for (const path of PAGES) await visit(page, path);
  });
});
