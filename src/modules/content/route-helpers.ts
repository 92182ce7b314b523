import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../platform/access.js';
import { HttpError } from '../../platform/errors.js';
import type { Actor } from './publishing/items.js';

/** What the content module's pages, API and uploads share; route files never import each other. */

export function notFound(): HttpError {
  return new HttpError(404, 'Page not found', 'If you typed the web address, check it is correct.', 'not-found');
}

/** The editor behind a request, as the content services record them. */
export function actorFrom(request: FastifyRequest): Actor {
  const principal = requirePrincipal(request);
  return { id: principal.id, label: principal.email, ip: request.ip };
}
