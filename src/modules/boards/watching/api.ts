import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { typed } from '../../../platform/schemas.js';
import { TAGS } from '../api-support.js';

/** RFC 8058 one-click unsubscribe. Mail apps POST here with no cookie and no CSRF token: the signed token is the proof. */
export const watchingApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;

  app.post(
    '/api/v1/boards/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One-click unsubscribe from a watched thread or board (RFC 8058), as in the List-Unsubscribe header',
        security: [],
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        response: { 200: Type.Object({ unsubscribed: Type.Boolean() }) },
      },
    },
    async (request) => ({ unsubscribed: await boards.watching.unsubscribe(request.params.token) }),
  );
};
