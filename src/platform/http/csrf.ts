import csrf from '@fastify/csrf-protection';
import { formFields } from '../schemas.js';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing form carries `_csrf`. The secret sits in a signed cookie rather than the session, so that
 * reading a sign-in or registration form does not start a session. The API is exempt: it takes bearer tokens only,
 * which a browser never sends by itself.
 */
export async function setUpCsrf(app: FastifyInstance, config: Config) {
  await app.register(csrf, {
    cookieKey: 'hearth_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.env === 'production', signed: true },
    getToken: (request) => {
      const fromBody = formFields(request.body)._csrf;
      return typeof fromBody === 'string' ? fromBody : (request.headers['x-csrf-token'] as string | undefined);
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.api) return done();
    app.csrfProtection(request, reply, done);
  });
}
