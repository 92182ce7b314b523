import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { requirePrincipal, RULES } from '../access.js';
import { actorOf, type Actor } from '../audit.js';
import { verifyPassword } from '../auth/passwords.js';
import { HttpError } from '../errors.js';
import { isStaff } from '../roles.js';
import { endSession } from '../sessions.js';
import { checkboxes, defineForm, secretText, text, type FieldError, type FormValues } from '../validation.js';
import { deleteAccount, disclosePersonalData, type Disclosure, type PersonalDataExport } from './collect.js';
import { readableHtml } from './readable.js';

const deleteForm = defineForm({
  password: secretText({ required: 'Enter your password', label: 'Password' }),
  confirm: checkboxes(['yes'] as const, {
    required: 'Confirm that you want to delete your account',
    invalid: 'Confirm that you want to delete your account',
  }),
});

const searchForm = defineForm({ q: text({ label: 'Email address or name', maxLength: 200 }) });
const subjectAccessForm = defineForm({
  reason: text({ label: 'Reason', required: 'Enter the reason, such as the request’s reference or date', maxLength: 500 }),
});

const ADMINS = RULES.admins;

function sectionsOf(data: PersonalDataExport) {
  return [
    { heading: 'Your account', html: readableHtml(data.account) },
    { heading: 'Where you are signed in', html: readableHtml(data.sessions) },
    { heading: 'API tokens', html: readableHtml(data.apiTokens) },
    ...Object.entries(data.modules).flatMap(([, sections]) =>
      Object.entries(sections).map(([heading, value]) => ({ heading, html: readableHtml(value) })),
    ),
    { heading: 'The audit log: what you did, and what was done to your account', html: readableHtml(data.auditEntries) },
  ];
}

function download(reply: FastifyReply, data: PersonalDataExport, name: string) {
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(data, null, 2));
}

/** Everyone's own data (`/account/data`), deleting an account, and staff answering subject access requests. */
export const personalDataRoutes: FastifyPluginAsync = async (app) => {
  const { services } = app;
  const disclose = (userId: string, actor: Actor, disclosure: Disclosure) =>
    disclosePersonalData(services, app.modules, app.moduleContext, userId, actor, disclosure);

  app.get('/account/data', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const data = await disclose(principal.id, actorOf(request), { action: 'personal-data.viewed' });
    if (!data) throw new HttpError(404, 'Account not found', 'Your account no longer exists.', 'not-found');
    return reply.page('personal-data/account-data.njk', { sections: sectionsOf(data), about: data.about, staff: isStaff(principal.roles) });
  });

  app.get('/account/data.json', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const data = await disclose(principal.id, actorOf(request), { action: 'personal-data.downloaded' });
    if (!data) throw new HttpError(404, 'Account not found', 'Your account no longer exists.', 'not-found');
    return download(reply, data, 'hearth-my-data.json');
  });

  function deletePage(reply: FastifyReply, staff: boolean, form: { errors?: FieldError[]; values?: FormValues } = {}) {
    return reply.page('personal-data/delete.njk', { ...form, staff });
  }

  app.get('/account/delete', { config: { access: 'signed-in' } }, async (request, reply) =>
    deletePage(reply, isStaff(requirePrincipal(request).roles)),
  );

  app.post('/account/delete', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    // Staff accounts carry responsibilities (cases, moderation, audit); an administrator closes them instead.
    if (isStaff(principal.roles)) return deletePage(reply.code(403), true);
    const form = deleteForm.parse(request.body);
    if (!form.ok) return deletePage(reply.code(400), false, form);
    const user = await services.accounts.findById(principal.id);
    if (!user || !(await verifyPassword(user.password_hash, form.data.password))) {
      return deletePage(reply.code(400), false, {
        errors: [{ field: 'password', text: 'Your password is not right' }],
        values: form.values,
      });
    }
    // Every module's tables exist whether or not it is switched on, so every module erases, not only the enabled ones.
    await deleteAccount(services, app.allModules, app.moduleContext, principal.id, actorOf(request));
    await endSession(request, reply, services.sessions);
    return reply.redirect('/account/deleted', 303);
  });

  app.get('/account/deleted', { config: { access: 'public' } }, async (_request, reply) => reply.page('personal-data/deleted.njk'));

  app.get('/admin/people', { config: ADMINS }, async (request, reply) => {
    const form = searchForm.parse(request.query);
    const search = form.ok ? form.data.q : '';
    const found = search ? (await services.people.list({ search })).people : [];
    return reply.page('personal-data/admin-people.njk', { values: form.values, search, people: found });
  });

  app.get<{ Params: { id: string } }>('/admin/people/:id', { config: ADMINS }, async (request, reply) => {
    const person = await services.people.get(request.params.id);
    if (!person) throw new HttpError(404, 'Person not found', 'No one in Hearth matches that link. Search for them again.', 'not-found');
    return reply.page('personal-data/admin-person.njk', { person });
  });

  /** A subject access request: the same download the person gets themselves, with the reason in the audit log. */
  app.post<{ Params: { id: string } }>('/admin/people/:id/data', { config: ADMINS }, async (request, reply) => {
    const person = await services.people.get(request.params.id);
    if (!person) throw new HttpError(404, 'Person not found', 'No one in Hearth matches that link. Search for them again.', 'not-found');
    const form = subjectAccessForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('personal-data/admin-person.njk', { person, ...form });
    const data = await disclose(person.id, actorOf(request), { action: 'personal-data.subject-access', reason: form.data.reason });
    if (!data) throw new HttpError(404, 'Person not found', 'No one in Hearth matches that link.', 'not-found');
    return download(reply, data, `hearth-data-${person.id}.json`);
  });
};
