import type { FastifyPluginAsync } from 'fastify';
import { SUBJECTS } from '../../../platform/subjects.js';
import { notFound } from '../route-helpers.js';
import type { Published } from './service.js';
import { CONTENT_TYPES, isContentType, type ContentType } from '../types.js';

const PUBLIC_CACHED = { access: 'public', publicCache: true } as const;
const FEED_SIZE = 30;

export const xml = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function atomFeed(baseUrl: string, selfPath: string, title: string, items: readonly Published[]): string {
  const updated = (items[0]?.updatedAt ?? new Date(0)).toISOString();
  const entries = items
    .map((item) => {
      const url = `${baseUrl}${item.path}`;
      const author = item.fields.authorName || 'Hearth';
      return `  <entry>
    <id>urn:uuid:${item.id}</id>
    <title>${xml(item.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${item.publishedAt.toISOString()}</published>
    <updated>${item.updatedAt.toISOString()}</updated>
    <author><name>${xml(author)}</name></author>
    <category term="${xml(item.type)}" label="${xml(CONTENT_TYPES[item.type].label)}"/>
    <summary>${xml(item.summary)}</summary>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>${xml(baseUrl + selfPath)}</id>
  <title>${xml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(baseUrl + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xml(baseUrl)}/"/>
  <updated>${updated}</updated>
  <author><name>Hearth</name></author>
${entries}
</feed>
`;
}

/** Atom feeds (all content, and one per type) and the sitemap. Cached like pages, and emptied by a publish. */
export const feedRoutes: FastifyPluginAsync = async (app) => {
  const { reading } = app.content;
  const baseUrl = app.config.baseUrl;

  app.get('/feed.xml', { config: PUBLIC_CACHED }, async (_request, reply) => {
    const items = await reading.recent({}, FEED_SIZE);
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(baseUrl, '/feed.xml', 'Hearth: everything new', items));
  });

  app.get<{ Params: { file: string } }>('/feed/:file', { config: PUBLIC_CACHED }, async (request, reply) => {
    const file = request.params.file;
    const type = file.endsWith('.xml') ? file.slice(0, -4) : '';
    if (!isContentType(type)) throw notFound();
    const items = await reading.recent({ types: [type as ContentType] }, FEED_SIZE);
    const title = `Hearth: ${CONTENT_TYPES[type].plural.toLowerCase()}`;
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(baseUrl, `/feed/${type}.xml`, title, items));
  });

  app.get('/sitemap.xml', { config: PUBLIC_CACHED }, async (_request, reply) => {
    const items = await reading.all();
    const fixed = [
      '/',
      '/advice',
      '/faqs',
      '/blog',
      '/news',
      '/policy',
      '/films',
      '/guides',
      '/authors',
      ...SUBJECTS.map((s) => `/subjects/${s.slug}`),
    ];
    const faqPages = [...new Set(items.filter((i) => i.type === 'faq').map((i) => `/faqs/${i.subject}`))];
    const urls = [
      ...fixed.map((path) => ({ loc: baseUrl + path, lastmod: null as string | null })),
      ...faqPages.map((path) => ({ loc: baseUrl + path, lastmod: null })),
      ...items.filter((i) => i.type !== 'faq').map((i) => ({ loc: baseUrl + i.path, lastmod: i.updatedAt.toISOString().slice(0, 10) })),
    ];
    const body = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${xml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });
};
