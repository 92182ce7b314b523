import type { FastifyPluginAsync } from 'fastify';

const PAGES = ['cookies', 'privacy', 'accessibility'] as const;

/** The footer's pages: fixed text, the same for everyone, so cached like any public page. */
export const helpRoutes: FastifyPluginAsync = async (app) => {
  for (const page of PAGES) {
    app.get(`/help/${page}`, { config: { access: 'public', publicCache: true } }, async (_request, reply) =>
      reply.page(`help/${page}.njk`),
    );
  }
};
