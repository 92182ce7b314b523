import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** The API's OpenAPI document, generated from the same route schemas that validate requests. */
export async function setUpOpenApi(app: FastifyInstance, baseUrl: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Hearth API',
        version: '1',
        description:
          'JSON API for other systems. Authenticate with a personal access token: `Authorization: Bearer <token>`. Errors are application/problem+json.',
      },
      servers: [{ url: baseUrl }],
      components: {
        securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token from /account/tokens' } },
      },
      security: [{ bearerToken: [] }],
    },
    hideUntagged: true,
  });
}
