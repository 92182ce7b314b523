import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync } from 'fastify';
import { formFields } from '../../../platform/schemas.js';
import type { FieldError } from '../../../platform/validation.js';
import { moduleSections } from '../../../platform/modules.js';
import { RULES } from '../../../platform/access.js';

/** /admin/content/home: the order of the front page's sections, and which are shown. */
export const homeAdminRoutes: FastifyPluginAsync = async (app) => {
  const { home } = app.content;
  const sections = moduleSections(app.modules);

  app.get('/admin/content/home', { config: RULES.editors }, async (_request, reply) =>
    reply.page('content/admin/home.njk', { sections: await home.settings(sections) }),
  );

  app.post('/admin/content/home', { config: RULES.editors }, async (request, reply) => {
    const input = formFields(request.body);
    const current = await home.settings(sections);
    const errors: FieldError[] = [];
    const changes = current.map((section, index) => {
      const raw = input[`position-${section.key}`];
      const text = typeof raw === 'string' ? raw.trim() : '';
      const position = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(position))
        errors.push({ field: `position-${index}`, text: `Order for "${section.heading}" must be a whole number, like 10` });
      const shown = input[`visible-${section.key}`];
      return { key: section.key, position, visible: shown === 'yes' || (Array.isArray(shown) && shown.includes('yes')) };
    });
    if (errors.length > 0) {
      const sections = current.map((s) => ({ ...s, typed: input[`position-${s.key}`] }));
      return reply.code(400).page('content/admin/home.njk', { sections, errors });
    }
    await home.save(signedInActorOf(request), changes);
    await app.pageCache.invalidate();
    return reply.flashAndRedirect({ kind: 'success', heading: 'Home page saved' }, '/admin/content/home');
  });
};
