import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access.js';
import { HttpError } from '../errors.js';

/** The administrator making the request. The access rule has already checked; this only gives the type. */
export function administrator(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'Sign in', 'Sign in first.');
  return request.principal;
}
