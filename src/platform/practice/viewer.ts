import type { FastifyRequest } from 'fastify';
import { requirePrincipal, type Principal } from '../access.js';
import { personActor, type SignedInActor } from '../audit.js';

/**
 * Who is reading or writing a record, as the services need them: the person, their session (a broken glass lasts only
 * for it; an API token has none), and who to name in the audit log.
 */
export interface Viewer {
  principal: Principal;
  sessionHash: string | null;
  actor: SignedInActor;
}

export function viewerOf(request: FastifyRequest): Viewer {
  const principal = requirePrincipal(request);
  // The API reads no session: its requests carry a token, and a broken glass never reaches them.
  const sessionHash = request.api ? null : (request.session?.idHash ?? null);
  return { principal, sessionHash, actor: personActor(principal, request.ip) };
}
