import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { HttpError } from '../errors.js';
import { Nullable, problems } from '../schemas.js';

const Me = Type.Object({
  email: Type.String({ format: 'email' }),
  roles: Type.Array(Type.String()),
  organisationId: Type.Optional(Nullable(Type.String())),
  teamId: Type.Optional(Nullable(Type.String())),
});

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/** The JSON API's own endpoints, and its documentation for people and machines. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Who the token belongs to',
        response: { 200: Me, ...problems(401) },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal) throw new HttpError(401, 'Authentication required', 'Send a bearer token.', 'unauthorized');
      return { email: principal.email, roles: principal.roles, organisationId: principal.organisationId, teamId: principal.teamId };
    },
  );

  app.get('/api/openapi.json', { config: { access: 'public' } }, async () => app.swagger());

  app.get('/api/docs', { config: { access: 'public', publicCache: true } }, async (_request, reply) => {
    const document = app.swagger() as {
      info: { description?: string };
      paths?: Record<string, Record<string, { summary?: string; tags?: string[]; description?: string }>>;
    };
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => METHOD_ORDER.includes(method))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          summary: operation.summary ?? '',
          tag: operation.tags?.[0] ?? 'other',
        })),
    );
    const tags = [...new Set(operations.map((o) => o.tag))].sort();
    return reply.page('api/docs.njk', {
      description: document.info.description,
      groups: tags.map((tag) => ({ tag, operations: operations.filter((o) => o.tag === tag) })),
    });
  });
};
