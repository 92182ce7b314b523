import { actorOf } from '../audit.js';
import type { FastifyPluginAsync } from 'fastify';
import { createAuditQueries, type AuditListEntry } from './audit-queries.js';
import { keysetPagination } from '../pagination.js';
import { parseAuditFilter } from './filters.js';
import { isUuid } from '../validation.js';

function forDisplay(entry: AuditListEntry) {
  const hasDetails = entry.details && Object.keys(entry.details).length > 0;
  return {
    ...entry,
    // Shown as text, so whatever was typed into a form and kept in the details is escaped like any other text.
    detailsJson: hasDetails ? JSON.stringify(entry.details) : '',
    subjectHref: entry.subjectType === 'user' && entry.subjectId && isUuid(entry.subjectId) ? `/admin/users/${entry.subjectId}` : null,
  };
}

/** The audit log, for finding out who did what and when. Reading it is itself recorded. */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  const { audit, db } = app.services;
  const queries = createAuditQueries(db, audit);

  app.get('/admin/audit', { config: { access: ['admin'] } }, async (request, reply) => {
    const { filter, errors, values } = parseAuditFilter(request.query);
    if (!filter) return reply.code(400).page('admin/audit.njk', { errors, values, entries: [] });
    const page = await queries.page(actorOf(request), filter);
    const filters = { actor: filter.actor, action: filter.action, subject: filter.subject, from: filter.from, to: filter.to };
    return reply.page('admin/audit.njk', {
      values,
      filtered: Object.values(filters).some(Boolean),
      entries: page.entries.map(forDisplay),
      pagination: keysetPagination({
        path: '/admin/audit',
        filters,
        param: 'before',
        older: page.olderBefore,
        newer: page.newer && { cursor: page.newer.before },
        text: { landmark: 'More entries', newer: 'Newer entries', older: 'Older entries' },
      }),
    });
  });
};
