import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pathParams, rawFields, typed } from '../../../platform/schemas.js';
import { numberedPagination, pageNumberFrom } from '../../../platform/pagination.js';
import { notFound } from '../route-helpers.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import { SUBJECTS, subjectName } from '../../../platform/subjects.js';
import { describe, formatBytes, guideParts, itemMeta, listMeta, shareLinks, videoHost } from '../presentation.js';
import type { ListFilter, Published } from './service.js';
import { CONTENT_TYPES, type ContentType } from '../types.js';
import { SLUG } from '../validation.js';

const PUBLIC_CACHED = { access: 'public', publicCache: true } as const;

function slugOf(value: string): string {
  if (value.length > 120 || !SLUG.test(value)) throw notFound();
  return value;
}

const SlugParams = pathParams('slug');
const PageQuery = rawFields('page');

interface ListPage {
  path: string;
  title: string;
  description: string;
  types: ContentType[];
}

const LISTS: ListPage[] = [
  {
    path: '/blog',
    title: 'Blogs and vlogs',
    description: 'Parents, kinship carers, our staff and guests write about their experience of children’s services.',
    types: ['blog-post', 'vlog'],
  },
  {
    path: '/news',
    title: 'News and press releases',
    description: 'News from Hearth, and press releases for journalists.',
    types: ['news', 'press-release'],
  },
  {
    path: '/policy',
    title: 'Policy and campaigns',
    description: 'What we are asking government and councils to change, and why.',
    types: ['policy'],
  },
  { path: '/films', title: 'Films', description: 'Short films about children’s services, each with a full transcript.', types: ['film'] },
  { path: '/guides', title: 'Guides', description: 'Step-by-step guides to one situation at a time.', types: ['guide'] },
];

/** The public pages: hubs, lists, each kind of item, subjects and authors. All are cached for anonymous visitors. */
export const readingRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { reading, pdfs } = app.content;
  const baseUrl = app.config.baseUrl;
  const guidedAdvice = app.modules.some((m) => m.name === 'advice-flows');

  async function findOr301(reply: FastifyReply, section: string, slug: string): Promise<Published | null> {
    const item = await reading.bySlug(section, slug);
    if (item) return item;
    const moved = await reading.movedTo(section, slug);
    if (moved) {
      await reply.redirect(moved, 301);
      return null;
    }
    throw notFound();
  }

  async function itemPage(reply: FastifyReply, item: Published, extra: Record<string, unknown> = {}) {
    const meta = itemMeta(baseUrl, item);
    const related =
      item.type === 'policy' && item.tags.length > 0
        ? await reading.recent({ types: ['news', 'press-release', 'blog-post', 'vlog'], tags: item.tags }, 10)
        : [];
    const latestNews =
      item.type === 'news' || item.type === 'press-release'
        ? await reading.recent({ types: ['news', 'press-release'], excludeId: item.id }, 5)
        : [];
    return reply.page('content/item.njk', {
      item,
      ...describe(item),
      bodyHtml: renderMarkdown(item.fields.body, 'content'),
      notesHtml: item.fields.notesToEditors ? renderMarkdown(item.fields.notesToEditors, 'content') : null,
      resources: item.fields.resources.map((r) => ({ ...r, size: formatBytes(r.sizeBytes) })),
      videoHost: item.fields.videoUrl ? videoHost(item.fields.videoUrl) : null,
      meta,
      share: shareLinks(meta.canonical, item.title),
      related,
      latestNews,
      pdfPath: CONTENT_TYPES[item.type].pdf ? `${item.path}.pdf` : null,
      ...extra,
    });
  }

  /** /advice/sheets/x.pdf and /news/x.pdf share their page's route: the same item, as a tagged PDF. */
  async function itemOrPdf(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    section: string,
    types: ContentType[],
  ) {
    const raw = request.params.slug;
    if (raw.endsWith('.pdf')) {
      const slug = raw.slice(0, -4);
      if (!SLUG.test(slug)) throw notFound();
      const item = await reading.bySlug(section, slug);
      if (!item || !CONTENT_TYPES[item.type].pdf) {
        const moved = item ? null : await reading.movedTo(section, slug);
        if (moved) return reply.redirect(`${moved}.pdf`, 301);
        throw notFound();
      }
      return pdfs.send(request, reply, item);
    }
    const item = await findOr301(reply, section, slugOf(raw));
    if (!item) return reply;
    if (!types.includes(item.type)) throw notFound();
    return itemPage(reply, item);
  }

  app.get('/advice', { config: PUBLIC_CACHED }, async (_request, reply) => {
    const sheets = await reading.byTitle({ types: ['advice-sheet'] });
    const guides = await reading.recent({ types: ['guide'] }, 6);
    const subjects = SUBJECTS.map((s) => ({ ...s, sheets: sheets.filter((i) => i.subject === s.slug) }));
    return reply.page('content/advice-hub.njk', {
      subjects,
      guides,
      guidedAdvice,
      meta: listMeta(
        baseUrl,
        '/advice',
        'Advice',
        'Advice sheets, answers to common questions and guides for families in England and Wales.',
      ),
    });
  });

  app.get('/advice/sheets/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/advice/sheets', ['advice-sheet']),
  );

  app.get('/faqs', { config: PUBLIC_CACHED }, async (_request, reply) => {
    const faqs = await reading.byTitle({ types: ['faq'] });
    const subjects = SUBJECTS.map((s) => ({ ...s, faqs: faqs.filter((f) => f.subject === s.slug) })).filter((s) => s.faqs.length > 0);
    return reply.page('content/faqs.njk', {
      subjects,
      meta: listMeta(baseUrl, '/faqs', 'Frequently asked questions', 'Short answers to the questions families ask us most.'),
    });
  });

  app.get('/faqs/:subject', { config: PUBLIC_CACHED, schema: { params: pathParams('subject') } }, async (request, reply) => {
    const slug = slugOf(request.params.subject);
    const name = subjectName(slug);
    if (!name) throw notFound();
    const faqs = (await reading.byTitle({ types: ['faq'], subject: slug })).map((f) => ({
      ...f,
      html: renderMarkdown(f.fields.body, 'content'),
    }));
    if (faqs.length === 0) throw notFound();
    return reply.page('content/faq-subject.njk', {
      subject: { slug, name },
      faqs,
      meta: listMeta(
        baseUrl,
        `/faqs/${slug}`,
        `${name}: questions and answers`,
        `Answers to common questions about ${name.toLowerCase()}.`,
      ),
    });
  });

  for (const list of LISTS) {
    app.get(list.path, { config: PUBLIC_CACHED, schema: { querystring: PageQuery } }, async (request, reply) => {
      const page = await reading.page({ types: list.types }, pageNumberFrom(request.query));
      if (page.page > page.pages) throw notFound();
      return reply.page('content/list.njk', {
        list,
        page,
        items: page.items.map((i) => ({ ...i, ...describe(i) })),
        pagination: numberedPagination(list.path, page.page, page.pages),
        meta: listMeta(baseUrl, list.path, list.title, list.description),
        feed: `/feed/${list.types[0]}.xml`,
      });
    });
  }

  app.get('/blog/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/blog', ['blog-post', 'vlog']),
  );
  app.get('/news/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/news', ['news', 'press-release']),
  );
  app.get('/policy/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/policy', ['policy']),
  );
  app.get('/films/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/films', ['film']),
  );
  app.get('/pages/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    itemOrPdf(request, reply, '/pages', ['page']),
  );

  async function guidePage(slug: string, reply: FastifyReply, partSlug: string | null) {
    const item = await findOr301(reply, '/guides', slugOf(slug));
    if (!item) return reply;
    const parts = guideParts(item.fields.body);
    const index = partSlug === null ? 0 : parts.findIndex((p) => p.slug === partSlug);
    if (index < 0 || (partSlug !== null && index === 0)) throw notFound();
    const href = (i: number) => (i === 0 ? item.path : `${item.path}/${parts[i]!.slug}`);
    return itemPage(reply, item, {
      guide: {
        parts: parts.map((p, i) => ({ heading: p.heading, href: href(i), current: i === index })),
        current: parts[index],
        previous: index > 0 ? { href: href(index - 1), labelText: parts[index - 1]!.heading } : undefined,
        next: index < parts.length - 1 ? { href: href(index + 1), labelText: parts[index + 1]!.heading } : undefined,
      },
    });
  }

  app.get('/guides/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams } }, (request, reply) =>
    guidePage(request.params.slug, reply, null),
  );
  app.get('/guides/:slug/:part', { config: PUBLIC_CACHED, schema: { params: pathParams('slug', 'part') } }, (request, reply) =>
    guidePage(request.params.slug, reply, slugOf(request.params.part)),
  );

  app.get(
    '/subjects/:subject',
    { config: PUBLIC_CACHED, schema: { params: pathParams('subject'), querystring: PageQuery } },
    async (request, reply) => {
      const slug = slugOf(request.params.subject);
      const name = subjectName(slug);
      if (!name) throw notFound();
      const page = await reading.page({ subject: slug } satisfies ListFilter, pageNumberFrom(request.query));
      if (page.page > page.pages) throw notFound();
      return reply.page('content/list.njk', {
        list: { path: `/subjects/${slug}`, title: name, description: `Everything Hearth has published about ${name.toLowerCase()}.` },
        page,
        items: page.items.map((i) => ({ ...i, ...describe(i) })),
        pagination: numberedPagination(`/subjects/${slug}`, page.page, page.pages),
        meta: listMeta(baseUrl, `/subjects/${slug}`, name, `Everything Hearth has published about ${name.toLowerCase()}.`),
      });
    },
  );

  app.get(
    '/tags/:tag',
    { config: PUBLIC_CACHED, schema: { params: pathParams('tag'), querystring: PageQuery } },
    async (request, reply) => {
      const tag = slugOf(request.params.tag);
      const page = await reading.page({ tags: [tag] }, pageNumberFrom(request.query));
      if (page.total === 0 || page.page > page.pages) throw notFound();
      const title = `Tagged “${tag.replace(/-/g, ' ')}”`;
      return reply.page('content/list.njk', {
        list: { path: `/tags/${tag}`, title, description: `Everything Hearth has published with the tag “${tag.replace(/-/g, ' ')}”.` },
        page,
        items: page.items.map((i) => ({ ...i, ...describe(i) })),
        pagination: numberedPagination(`/tags/${tag}`, page.page, page.pages),
        meta: listMeta(baseUrl, `/tags/${tag}`, title, `Published items tagged ${tag}.`),
      });
    },
  );

  app.get('/authors', { config: PUBLIC_CACHED }, async (_request, reply) =>
    reply.page('content/authors.njk', {
      authors: await reading.authors(),
      meta: listMeta(baseUrl, '/authors', 'Authors', 'Parents, kinship carers, staff and guests who write for Hearth.'),
    }),
  );

  app.get('/authors/:slug', { config: PUBLIC_CACHED, schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
    const slug = slugOf(request.params.slug);
    const page = await reading.page({ authorSlug: slug }, pageNumberFrom(request.query));
    const first = page.items[0];
    if (!first) throw notFound();
    const name = first.fields.authorName;
    const kind = describe(first).authorKindLabel;
    return reply.page('content/list.njk', {
      list: { path: `/authors/${slug}`, title: name, description: kind ? `${kind} writing for Hearth.` : 'Writing for Hearth.' },
      page,
      items: page.items.map((i) => ({ ...i, ...describe(i) })),
      pagination: numberedPagination(`/authors/${slug}`, page.page, page.pages),
      meta: listMeta(baseUrl, `/authors/${slug}`, name, `Posts by ${name}.`),
    });
  });
};
