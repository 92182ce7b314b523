import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { HttpError } from '../../../platform/errors.js';
import { pathParams, rawFields, typed } from '../../../platform/schemas.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import { newsletterForm } from '../forms.js';
import { NEWSLETTER_CONSENT } from './subscriptions.js';

const PUBLIC = { access: 'public' } as const;
const PUBLIC_CACHED = { access: 'public', publicCache: true } as const;

/** The signed link in every newsletter: which subscriber (`s`) and the proof (`t`). Checked by fromLink, not here. */
const LinkFields = rawFields('s', 't');

/**
 * RFC 8058 one-click unsubscribe, in a plugin of its own so that the multipart parser it needs applies to nothing else:
 * the RFC's own example sends `List-Unsubscribe=One-Click` as multipart/form-data, which Hearth's forms never accept.
 * The body is not needed (the link itself carries the proof), so it is read as text and ignored.
 */
const oneClickUnsubscribeRoute: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { subscriptions } = app.supporters;
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
    done(null, { raw: body }),
  );

  /**
   * The mail program POSTs "List-Unsubscribe=One-Click" here with no cookie and no
   * CSRF token, which is why it lives under /api/ (where the CSRF check does not apply). The HMAC in the link is the
   * proof that the request comes from the recipient's own copy.
   */
  app.post(
    '/api/v1/newsletter/unsubscribe',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['newsletter'],
        summary: 'One-click unsubscribe (RFC 8058), the target of the List-Unsubscribe header',
        querystring: Type.Object({ s: Type.String(), t: Type.String() }),
      },
    },
    async (request, reply) => {
      const query = request.query;
      const subscriber = await subscriptions.fromLink(query.s, query.t);
      if (!subscriber)
        throw new HttpError(404, 'Unknown link', 'This unsubscribe link is not valid. Use the link in the newsletter email.', 'not-found');
      await subscriptions.unsubscribe(subscriber.id, 'one-click unsubscribe from the mail program (List-Unsubscribe-Post)');
      return reply.send({ unsubscribed: true });
    },
  );
};

/** The public side of the newsletter: sign up, confirm, preferences, one-click unsubscribe, and past issues. */
export const newsletterRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { subscriptions, issues } = app.supporters;

  app.get('/newsletter', { config: PUBLIC }, async (_request, reply) =>
    reply.page('supporters/newsletter.njk', { consent: NEWSLETTER_CONSENT }),
  );

  app.post('/newsletter', { config: { ...PUBLIC, rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const form = newsletterForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('supporters/newsletter.njk', { ...form, consent: NEWSLETTER_CONSENT });
    await subscriptions.requestSubscription(form.data.email);
    return reply.redirect('/newsletter/check-your-email', 303);
  });

  app.get('/newsletter/check-your-email', { config: PUBLIC_CACHED }, async (_request, reply) => reply.page('supporters/check-email.njk'));

  // Mail scanners open links to check them, so opening the link only shows a button; pressing it confirms.
  app.get('/newsletter/confirm', { config: PUBLIC, schema: { querystring: rawFields('token') } }, async (request, reply) => {
    const token = request.query.token;
    const pending = await subscriptions.pendingFor(token);
    if (!pending) return reply.code(404).page('supporters/confirm-expired.njk');
    return reply.page('supporters/confirm.njk', { token, email: pending.email, consent: NEWSLETTER_CONSENT });
  });

  app.post('/newsletter/confirm', { config: PUBLIC, schema: { body: rawFields('token') } }, async (request, reply) => {
    const confirmed = await subscriptions.confirm(request.body.token);
    if (!confirmed) return reply.code(404).page('supporters/confirm-expired.njk');
    return reply.page('supporters/confirmed.njk', { email: confirmed.email, preferences: confirmed.links.preferences });
  });

  app.get('/newsletter/preferences', { config: PUBLIC, schema: { querystring: LinkFields } }, async (request, reply) => {
    const query = request.query;
    const subscriber = await subscriptions.fromLink(query.s, query.t);
    if (!subscriber) return reply.code(404).page('supporters/preferences-unknown.njk');
    return reply.page('supporters/preferences.njk', { subscriber, s: query.s, t: query.t });
  });

  app.post('/newsletter/preferences', { config: PUBLIC, schema: { body: rawFields('s', 't', 'action') } }, async (request, reply) => {
    const body = request.body;
    const subscriber = await subscriptions.fromLink(body.s, body.t);
    if (!subscriber) return reply.code(404).page('supporters/preferences-unknown.njk');
    if (body.action === 'unsubscribe') await subscriptions.unsubscribe(subscriber.id, 'button on the preferences page');
    else if (body.action === 'subscribe') await subscriptions.resubscribe(subscriber.id);
    else throw new HttpError(400, 'Choose what to do', 'Use one of the buttons on the preferences page.', 'bad-request');
    const updated = await subscriptions.fromLink(body.s, body.t);
    return reply.page('supporters/preferences.njk', { subscriber: updated, s: body.s, t: body.t, changed: body.action });
  });

  await app.register(oneClickUnsubscribeRoute);

  // Someone who pastes the header's link into a browser gets the page with the buttons, never a silent change.
  app.get('/api/v1/newsletter/unsubscribe', { config: PUBLIC, schema: { hide: true, querystring: LinkFields } }, async (request, reply) => {
    const query = request.query;
    const params = new URLSearchParams({ s: String(query.s ?? ''), t: String(query.t ?? '') });
    return reply.redirect(`/newsletter/preferences?${params.toString()}`, 303);
  });

  app.get('/newsletter/issues', { config: PUBLIC_CACHED }, async (_request, reply) =>
    reply.page('supporters/issues.njk', { issues: await issues.published() }),
  );

  app.get('/newsletter/issues/:slug', { config: PUBLIC_CACHED, schema: { params: pathParams('slug') } }, async (request, reply) => {
    const issue = await issues.publishedBySlug(request.params.slug);
    if (!issue)
      throw new HttpError(404, 'Page not found', 'There is no newsletter at this address. See all past newsletters.', 'not-found');
    return reply.page('supporters/issue.njk', { issue, introHtml: renderMarkdown(issue.intro_markdown, 'content') });
  });
};
