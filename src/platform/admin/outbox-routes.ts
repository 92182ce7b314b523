import { actorOf } from '../audit.js';
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.js';
import { cursorFrom, keysetPagination } from '../pagination.js';
import { createOutboxQueries } from './outbox-queries.js';
import { isUuid } from '../validation.js';

export type TextPart = { text: string } | { text: string; href: string };

/**
 * Splits a message's text so that Hearth's own links can be followed from the page: in demo mode that is how someone
 * accepts an invitation. Links elsewhere stay plain text, and every part is escaped by the template.
 */
export function textWithLinks(text: string, baseUrl: string): TextPart[] {
  const own = `${baseUrl.replace(/\/$/, '')}/`;
  return (
    text
      // A full stop or bracket after a link ends the sentence, not the link.
      .split(/(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)])/)
      .filter((part) => part !== '')
      .map((part) => (part.startsWith(own) ? { text: part, href: part } : { text: part }))
  );
}

function messageNotFound(): HttpError {
  return new HttpError(404, 'Message not found', 'Go back to the outbox and choose a message from the list.', 'not-found');
}

/** Every email Hearth has written. Without SMTP this is the only place they can be read. */
export const outboxRoutes: FastifyPluginAsync = async (app) => {
  const { audit, db } = app.services;
  const queries = createOutboxQueries(db, audit);
  const smtpConfigured = !!app.config.smtpUrl;

  app.get('/admin/outbox', { config: { access: ['admin'] } }, async (request, reply) => {
    const page = await queries.page(cursorFrom(request.query, 'before', 'uuid'));
    return reply.page('admin/outbox.njk', {
      smtpConfigured,
      retentionDays: app.config.mailRetentionDays,
      messages: page.messages,
      pagination: keysetPagination({
        path: '/admin/outbox',
        param: 'before',
        older: page.olderBefore,
        newer: page.newer && { cursor: page.newer.before },
        text: { landmark: 'More messages', newer: 'Newer messages', older: 'Older messages' },
      }),
    });
  });

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const id = request.params.id;
    if (!isUuid(id)) throw messageNotFound();
    const message = await queries.message(actorOf(request), id);
    if (!message) throw messageNotFound();
    return reply.page('admin/message.njk', {
      smtpConfigured,
      retentionDays: app.config.mailRetentionDays,
      message,
      headers: Object.entries(message.headers ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      parts: textWithLinks(message.text, app.config.baseUrl),
    });
  });
};
