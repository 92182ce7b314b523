import type { FastifyPluginAsync } from 'fastify';
import { rawFields, typed } from '../../../platform/schemas.js';
import { SUBJECTS, subjectName } from '../../../platform/subjects.js';
import { listMeta } from '../presentation.js';
import { numberedPagination, pageNumberFrom } from '../../../platform/pagination.js';
import { cleanQuery, SEARCH_PER_PAGE } from './service.js';
import { CONTENT_TYPES, isContentType, TYPE_NAMES } from '../types.js';

/**
 * /search: any text at all is a valid query. Filters that are not known are ignored rather than refused, since they
 * come from links people share. Cached like the other public pages, so a popular search costs one query per publish.
 */
export const searchRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { search } = app.content;

  app.get(
    '/search',
    { config: { access: 'public', publicCache: true }, schema: { querystring: rawFields('q', 'type', 'subject', 'page') } },
    async (request, reply) => {
      const query = request.query;
      const q = cleanQuery(query.q);
      const typeRaw = typeof query.type === 'string' ? query.type : '';
      const subjectRaw = typeof query.subject === 'string' ? query.subject : '';
      const type = isContentType(typeRaw) ? typeRaw : undefined;
      const subject = subjectName(subjectRaw) ? subjectRaw : undefined;
      const page = Math.min(pageNumberFrom(query), 100);
      const { hits, total } = q ? await search.search({ q, type, subject, page }) : { hits: [], total: 0 };
      const suggestion = q && total === 0 ? await search.suggest(q) : null;
      const params = new URLSearchParams({ q, ...(type ? { type } : {}), ...(subject ? { subject } : {}) }).toString();
      const pages = Math.max(1, Math.ceil(total / SEARCH_PER_PAGE));
      return reply.page('content/search.njk', {
        q,
        type,
        subject,
        hits: hits.map((h) => ({ ...h, typeLabel: CONTENT_TYPES[h.type].label })),
        total,
        suggestion,
        suggestionHref: suggestion ? `/search?${new URLSearchParams({ q: suggestion }).toString()}` : null,
        pagination: numberedPagination(params ? `/search?${params}` : '/search', page, pages),
        typeItems: [
          { value: '', text: 'All types' },
          ...TYPE_NAMES.map((t) => ({ value: t, text: CONTENT_TYPES[t].plural, selected: t === type })),
        ],
        subjectItems: [
          { value: '', text: 'All subjects' },
          ...SUBJECTS.map((s) => ({ value: s.slug, text: s.name, selected: s.slug === subject })),
        ],
        meta: listMeta(app.config.baseUrl, '/search', 'Search', 'Search Hearth’s advice, news and stories.'),
      });
    },
  );
};
