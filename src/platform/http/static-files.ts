import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Built CSS and scripts, Hearth's images, and GOV.UK Frontend's images, all under /assets. */
export async function setUpStaticFiles(app: FastifyInstance) {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    const common = { cacheControl: true, maxAge: '1h', decorateReply: false, index: false } as const;
    await scope.register(fastifyStatic, { ...common, root: path.join(root, 'public'), prefix: '/assets/' });
    await scope.register(fastifyStatic, {
      ...common,
      root: path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'),
      prefix: '/assets/govuk/',
    });
  });
}
