import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { boardDetailsForm, boardRulesForm, DESCRIPTION_MAX, newBoardForm, SLUG_MAX, TITLE_MAX } from './forms.js';
import { ACTIONS, ALWAYS_RESTRICTED, GRANTEE_NAMES, GRANTEES, type RuleAction } from './rules.js';
import { ADMINS, fieldOf, notFound } from '../route-helpers.js';
import type { BoardRules } from '../schema.js';

/**
 * Administrators only. Who may read a board is an access decision, like giving someone a role, and roles are the
 * administrators' to give; moderators keep the boards safe day to day (and may already do everything on every board).
 */

type SlugParams = { slug: string };
type Form = { errors?: FieldError[]; values?: FormValues };

const ruleItems = (action: RuleAction) =>
  GRANTEES.map((grantee) => ({
    value: grantee,
    text: GRANTEE_NAMES[grantee].name,
    hint: { text: GRANTEE_NAMES[grantee].hint },
    ...(action !== 'read' && grantee === 'visitor' ? { text: 'Anyone signed in', hint: undefined } : {}),
  }));

/** A single ticked box comes back as text, not a list; the checkboxes want a list either way. */
function checkedLists(values: FormValues): FormValues {
  const lists = ACTIONS.map((action) => [action, ([] as string[]).concat(values[action] ?? []).filter((v) => v !== '')]);
  return { ...values, ...Object.fromEntries(lists) };
}

/** Who may do each thing, in words, for the list of boards. */
function rulesInWords(rules: BoardRules): Record<RuleAction, string> {
  const words = (list: readonly string[]) => {
    const named = GRANTEES.filter((g) => list.includes(g)).map((g) => GRANTEE_NAMES[g].name);
    return named.length ? named.join(', ') : 'Moderators only';
  };
  return { read: words(rules.read), reply: words(rules.reply), start: words(rules.start) };
}

/** The boards' own administration at /admin/boards: add boards, change them, and decide who may use each. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  const admin = app.boards.admin;

  async function boardOr404(slug: string) {
    const board = await admin.find(slug);
    if (!board) throw notFound();
    return board;
  }

  function done(request: FastifyRequest, reply: FastifyReply, heading: string, to = '/admin/boards') {
    return reply.flashAndRedirect({ kind: 'success', heading }, to);
  }

  app.get('/admin/boards', { config: ADMINS }, async (_request, reply) => {
    const boards = (await admin.list()).map((board) => ({ ...board, who: rulesInWords(board.rules) }));
    return reply.page('boards/admin/list.njk', { boards });
  });

  const newPage = (reply: FastifyReply, form: Form = {}) =>
    reply.page('boards/admin/new.njk', { ...form, limits: { TITLE_MAX, DESCRIPTION_MAX, SLUG_MAX } });

  app.get('/admin/boards/new', { config: ADMINS }, async (_request, reply) => newPage(reply));

  app.post('/admin/boards/new', { config: ADMINS }, async (request, reply) => {
    const form = newBoardForm.parse(request.body);
    if (!form.ok) return newPage(reply.code(400), form);
    const created = await admin.create(signedInActorOf(request), { ...form.data, restricted: form.data.restricted === 'yes' });
    if (!created.ok && created.reason === 'invalid') return newPage(reply.code(400), { errors: created.errors, values: form.values });
    return done(request, reply, `${form.data.title} is added. Check who may use it`, `/admin/boards/${form.data.slug}/rules`);
  });

  const detailsPage = (reply: FastifyReply, board: Awaited<ReturnType<typeof boardOr404>>, form: Form = {}) =>
    reply.page('boards/admin/details.njk', {
      board,
      errors: form.errors,
      values: form.values ?? { title: board.title, description: board.description, position: String(board.position) },
      limits: { TITLE_MAX, DESCRIPTION_MAX },
    });

  app.get<{ Params: SlugParams }>('/admin/boards/:slug', { config: ADMINS }, async (request, reply) =>
    detailsPage(reply, await boardOr404(request.params.slug)),
  );

  app.post<{ Params: SlugParams }>('/admin/boards/:slug', { config: ADMINS }, async (request, reply) => {
    const board = await boardOr404(request.params.slug);
    const form = boardDetailsForm.parse(request.body);
    if (!form.ok) return detailsPage(reply.code(400), board, form);
    const changed = await admin.changeDetails(signedInActorOf(request), board.slug, { ...form.data, position: Number(form.data.position) });
    if (!changed.ok) throw notFound();
    return done(request, reply, `${form.data.title} is changed`);
  });

  const rulesPage = (reply: FastifyReply, board: Awaited<ReturnType<typeof boardOr404>>, form: Form = {}) =>
    reply.page('boards/admin/rules.njk', {
      board,
      errors: form.errors,
      values: checkedLists(form.values ?? { restricted: board.restricted ? 'yes' : 'no', ...board.rules }),
      alwaysRestricted: ALWAYS_RESTRICTED.includes(board.slug),
      items: Object.fromEntries(ACTIONS.map((action) => [action, ruleItems(action)])),
    });

  app.get<{ Params: SlugParams }>('/admin/boards/:slug/rules', { config: ADMINS }, async (request, reply) =>
    rulesPage(reply, await boardOr404(request.params.slug)),
  );

  app.post<{ Params: SlugParams }>('/admin/boards/:slug/rules', { config: ADMINS }, async (request, reply) => {
    const board = await boardOr404(request.params.slug);
    const form = boardRulesForm.parse(request.body);
    if (!form.ok) return rulesPage(reply.code(400), board, form);
    const { restricted, ...rules } = form.data;
    const changed = await admin.changeRules(signedInActorOf(request), board.slug, { restricted: restricted === 'yes', rules });
    if (!changed.ok && changed.reason === 'invalid')
      return rulesPage(reply.code(400), board, { errors: changed.errors, values: form.values });
    if (!changed.ok) throw notFound();
    return done(request, reply, `Who may use ${board.title} is changed`);
  });

  app.post<{ Params: SlugParams }>('/admin/boards/:slug/closing', { config: ADMINS }, async (request, reply) => {
    const board = await boardOr404(request.params.slug);
    const closed = fieldOf(request.body, 'closed') === 'yes';
    if (!(await admin.setClosed(signedInActorOf(request), board.slug, closed)).ok) throw notFound();
    return done(request, reply, closed ? `${board.title} is closed to new threads` : `${board.title} is open to new threads again`);
  });

  app.get<{ Params: SlugParams }>('/admin/boards/:slug/delete', { config: ADMINS }, async (request, reply) =>
    reply.page('boards/admin/delete.njk', { board: await boardOr404(request.params.slug) }),
  );

  app.post<{ Params: SlugParams }>('/admin/boards/:slug/delete', { config: ADMINS }, async (request, reply) => {
    const board = await boardOr404(request.params.slug);
    const outcome = await admin.remove(signedInActorOf(request), board.slug);
    if (!outcome.ok && outcome.reason === 'has-threads') {
      const errors = [{ field: 'close', text: `${board.title} has threads, so it cannot be deleted. Close it to new threads instead` }];
      return reply.code(409).page('boards/admin/delete.njk', { board: { ...board, threads: Math.max(1, board.threads) }, errors });
    }
    if (!outcome.ok) throw notFound();
    return done(request, reply, `${board.title} is deleted`);
  });
};
