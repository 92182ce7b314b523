import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { formFields } from '../../../platform/schemas.js';
import { actorOf, signedInActorOf } from '../../../platform/audit.js';
import { requirePrincipal, RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { issueForm, problemForm } from '../forms.js';
import { renderIssue } from './email.js';

const EDITORS = RULES.editors;

function issueNotFound() {
  return new HttpError(
    404,
    'Newsletter not found',
    'There is no newsletter issue at this address. Go back to the list of issues.',
    'not-found',
  );
}

const idOf = (params: unknown) => String((params as { id?: unknown }).id ?? '');
const itemIdsOf = (body: unknown) => {
  const raw = (body as { items?: unknown } | undefined)?.items;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 50);
};

/** Editors compose newsletter issues, preview them, send a test, and send them to the list. */
export const newsletterAdminRoutes: FastifyPluginAsync = async (app) => {
  const { issues, subscriptions } = app.supporters;

  /** What the editor can pick from: recent published content, or nothing when the content module is switched off. */
  async function pickable() {
    return app.contentFeed ? app.contentFeed.recent({ limit: 20 }) : null;
  }

  async function composePage(
    reply: FastifyReply,
    context: { issueId?: string; errors?: FieldError[]; values?: FormValues; picked?: string[]; currentItems?: unknown[] },
  ) {
    return reply.page('supporters/admin-compose.njk', { ...context, feedItems: await pickable(), picked: context.picked ?? [] });
  }

  app.get('/admin/newsletter', { config: EDITORS }, async (_request, reply) =>
    reply.page('supporters/admin-newsletter.njk', { issues: await issues.list(), counts: await subscriptions.counts() }),
  );

  app.get('/admin/newsletter/new', { config: EDITORS }, async (_request, reply) => composePage(reply, {}));

  app.post('/admin/newsletter/new', { config: EDITORS }, async (request, reply) => {
    const form = issueForm.parse(request.body);
    const picked = itemIdsOf(request.body);
    if (!form.ok) return composePage(reply.code(400), { ...form, picked });
    const id = await issues.create({ subject: form.data.subject, intro: form.data.intro, itemIds: picked }, signedInActorOf(request));
    return reply.flashAndRedirect({ kind: 'success', heading: 'Draft saved' }, `/admin/newsletter/${id}`);
  });

  app.get('/admin/newsletter/:id', { config: EDITORS }, async (request, reply) => {
    const issue = await issues.get(idOf(request.params));
    if (!issue) throw issueNotFound();
    const rendered = renderIssue(issue, app.config.baseUrl);
    return reply.page('supporters/admin-issue.njk', {
      issue,
      introHtml: renderMarkdown(issue.intro_markdown, 'content'),
      textVersion: rendered.text.replaceAll('\u0000preferences\u0000', '(their own preferences link)'),
      progress: await issues.progress(issue.id),
      subscribed: (await subscriptions.counts()).subscribed,
      ratePerMinute: app.supporters.sending.ratePerMinute,
    });
  });

  app.get('/admin/newsletter/:id/edit', { config: EDITORS }, async (request, reply) => {
    const issue = await issues.get(idOf(request.params));
    if (!issue) throw issueNotFound();
    if (issue.status !== 'draft') return reply.redirect(`/admin/newsletter/${issue.id}`, 303);
    const feedItems = await pickable();
    const paths = new Set(issue.items.map((i) => i.path));
    return composePage(reply, {
      issueId: issue.id,
      values: { subject: issue.subject, intro: issue.intro_markdown },
      picked: (feedItems ?? []).filter((i) => paths.has(i.path)).map((i) => i.id),
      currentItems: issue.items,
    });
  });

  app.post('/admin/newsletter/:id/edit', { config: EDITORS }, async (request, reply) => {
    const issue = await issues.get(idOf(request.params));
    if (!issue) throw issueNotFound();
    const form = issueForm.parse(request.body);
    const picked = itemIdsOf(request.body);
    if (!form.ok) return composePage(reply.code(400), { ...form, issueId: issue.id, picked, currentItems: issue.items });
    const result = await issues.update(
      issue.id,
      { subject: form.data.subject, intro: form.data.intro, itemIds: picked },
      signedInActorOf(request),
    );
    if (!result.ok && result.reason === 'not-found') throw issueNotFound();
    return reply.flashAndRedirect(
      {
        kind: result.ok ? 'success' : 'important',
        heading: result.ok ? 'Draft saved' : 'This issue has been sent, so it can no longer be changed',
      },
      `/admin/newsletter/${issue.id}`,
    );
  });

  app.post('/admin/newsletter/:id/test', { config: EDITORS }, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (!(await issues.sendTest(idOf(request.params), signedInActorOf(request))).ok) throw issueNotFound();
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: `Test sent to ${principal.email}`,
        text: app.config.smtpUrl ? undefined : 'No email server is set up, so it is in the outbox.',
      },
      `/admin/newsletter/${idOf(request.params)}`,
    );
  });

  app.post('/admin/newsletter/:id/send', { config: EDITORS }, async (request, reply) => {
    const id = idOf(request.params);
    const confirmed = formFields(request.body).confirm === 'yes';
    if (!confirmed) {
      return reply.flashAndRedirect(
        {
          kind: 'important',
          heading: 'Nothing was sent',
          text: 'Tick the box to confirm you want to send this issue to everyone on the list.',
        },
        `/admin/newsletter/${id}`,
      );
    }
    const result = await issues.startSending(id, signedInActorOf(request));
    if (!result.ok && result.reason === 'not-found') throw issueNotFound();
    await app.pageCache.invalidate();
    return reply.flashAndRedirect(
      {
        kind: result.ok ? 'success' : 'important',
        heading: result.ok ? 'Sending has started' : 'This issue has already been sent',
      },
      `/admin/newsletter/${id}`,
    );
  });

  app.get('/admin/newsletter/problems', { config: EDITORS }, async (_request, reply) => reply.page('supporters/admin-problems.njk'));

  /** Bounces and complaints, pasted from the mail provider's report. `hearth newsletter bounce` does the same. */
  app.post('/admin/newsletter/problems', { config: EDITORS }, async (request, reply) => {
    const form = problemForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('supporters/admin-problems.njk', form);
    const addresses = form.data.emails
      .split(/[\s,;]+/)
      .filter(Boolean)
      .slice(0, 1000);
    const { recorded, unknown } = await subscriptions.recordProblems(actorOf(request), addresses, form.data.kind);
    return reply.page('supporters/admin-problems.njk', { recorded: recorded.length, unknown, kind: form.data.kind });
  });
};
