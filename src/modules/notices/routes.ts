import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { requirePrincipal } from '../../platform/access.js';
import { HttpError } from '../../platform/errors.js';
import { cursorFrom, keysetPagination } from '../../platform/pagination.js';
import { formatDateTime, formatDay } from '../../platform/time.js';
import { dateInputItems, type FieldError, type FormValues } from '../../platform/validation.js';
import { noticeForm } from './forms.js';
import { NOTICE_READERS } from './access.js';
import { actorOf } from '../../platform/audit.js';

const noSuchNotice = () =>
  new HttpError(404, 'Page not found', 'There is no notice at this address. Go back to your team’s notices.', 'not-found');

/** The pages: a team's notices, one notice, and the form to post one. Each route reads as check, call, answer. */
export const noticeRoutes: FastifyPluginAsync = async (app) => {
  const notices = app.notices;

  app.get('/notices', { config: NOTICE_READERS }, async (request, reply) => {
    const before = cursorFrom(request.query, 'before', 'id');
    const { notices: shown, older } = await notices.page(requirePrincipal(request), before);
    return reply.page('notices/list.njk', {
      notices: shown.map((n) => ({ ...n, posted: formatDateTime(n.postedAt), review: formatDay(n.reviewBy) })),
      pagination: keysetPagination({
        path: '/notices',
        param: 'before',
        older,
        newer: before === null ? null : { cursor: null },
        text: { landmark: 'Pages of notices', newer: 'Newest notices', older: 'Older notices' },
      }),
    });
  });

  async function renderForm(reply: FastifyReply, values: FormValues = {}, errors?: FieldError[]) {
    return reply.page('notices/new.njk', { values, errors, reviewByItems: dateInputItems('reviewBy', values, errors) });
  }

  app.get('/notices/new', { config: NOTICE_READERS }, async (_request, reply) => renderForm(reply));

  app.post('/notices/new', { config: NOTICE_READERS }, async (request, reply) => {
    const form = noticeForm.parse(request.body);
    if (!form.ok) return renderForm(reply.code(400), form.values, form.errors);
    const posted = await notices.post(actorOf(request), form.data);
    if (!posted.ok) {
      const errors = [{ field: 'title', text: 'You are not in a team yet. Ask an administrator to add you to one, then post the notice' }];
      return renderForm(reply.code(409), form.values, errors);
    }
    return reply.flashAndRedirect(
      { kind: 'success', heading: 'Notice posted', text: 'Your team can read it now.' },
      `/notices/${posted.id}`,
    );
  });

  app.get<{ Params: { id: string } }>('/notices/:id', { config: NOTICE_READERS }, async (request, reply) => {
    const id = cursorFrom(request.params, 'id', 'id');
    const notice = id === null ? null : await notices.read(actorOf(request), id);
    if (!notice) throw noSuchNotice();
    return reply.page('notices/notice.njk', {
      notice: {
        ...notice,
        paragraphs: notice.body.split(/\n\s*\n/),
        posted: formatDateTime(notice.postedAt),
        review: formatDay(notice.reviewBy),
      },
    });
  });
};
