import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requirePrincipal } from '../../../platform/access.js';
import { typed } from '../../../platform/schemas.js';
import { PROBLEMS, TAGS, ThreadParams, invalid, notFoundProblem, readable } from '../api-support.js';
import { reportForm } from '../moderation/forms.js';
import { idFrom, viewerOf } from '../route-helpers.js';

/** What a member does about someone else's post: report it to the moderators. */
export const membershipApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;

  app.post(
    '/api/v1/boards/:slug/threads/:id/posts/:postId/report',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Report a post to the moderators, with a reason',
        params: Type.Object({ ...ThreadParams.properties, postId: Type.String({ maxLength: 12 }) }),
        body: reportForm.jsonSchema,
        response: { 201: Type.Object({ reported: Type.Boolean() }), ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const view = await readable(boards, request, request.params.slug);
      const found = view ? await boards.reading.postFor(idFrom(request.params.postId) ?? 0, viewerOf(request)) : null;
      // Only a post that is up can be reported: a held post is already waiting for a moderator, and is not the reporter's to see.
      if (
        !view ||
        !found ||
        found.thread.board_slug !== view.board.slug ||
        found.thread.id !== idFrom(request.params.id) ||
        found.post.status !== 'visible'
      )
        return notFoundProblem(reply);
      const form = reportForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Give a reason', form.errors);
      await boards.community.report(requirePrincipal(request).id, found.post.id, form.data.reason);
      return reply.code(201).send({ reported: true });
    },
  );
};
