import { actorOf } from '../audit.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HttpError } from '../errors.js';
import { ROLE_DESCRIPTIONS, ROLES } from '../roles.js';
import type { FieldError, FormValues } from '../validation.js';
import { keysetPagination } from '../pagination.js';
import { parseUsersFilter } from './filters.js';
import { inviteForm, personForm, placeItems, TEAM_MISMATCH, type OrganisationWithTeams } from './forms.js';

const roleItems = ROLES.map((role) => ({ value: role, text: ROLE_DESCRIPTIONS[role] }));
const roleFilterItems = [
  { value: '', text: 'Any role' },
  ...ROLES.map((role) => ({ value: role, text: ROLE_DESCRIPTIONS[role].split(':')[0] })),
];

const SELF_LOCKOUT_ROLES: FieldError = {
  field: 'roles',
  text: 'You cannot remove your own administrator role. Ask another administrator to do it',
};
const SELF_LOCKOUT_STATUS: FieldError = {
  field: 'status',
  text: 'You cannot disable your own account. Ask another administrator to do it',
};

function personNotFound(): HttpError {
  return new HttpError(
    404,
    'Person not found',
    'No one in Hearth matches that link. Go back to the list of people and choose someone from it.',
    'not-found',
  );
}

function idFrom(params: unknown): string {
  const id = (params as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}

/** Finding people, inviting staff, and changing what someone may do. */
export const peopleRoutes: FastifyPluginAsync = async (app) => {
  const { people } = app.services;

  app.get('/admin/users', { config: { access: ['admin'] } }, async (request, reply) => {
    const { filter, values } = parseUsersFilter(request.query);
    const { people: found, next } = await people.list(filter);
    const filters = { q: filter.search, role: filter.role };
    return reply.page('admin/users.njk', {
      people: found,
      values,
      roleFilterItems,
      filtered: !!(filter.search || filter.role),
      pagination: keysetPagination({
        path: '/admin/users',
        filters,
        param: 'after',
        older: next,
        newer: filter.after ? { cursor: null } : null,
        text: { landmark: 'More people', newer: 'Back to the start', older: 'More people' },
      }),
    });
  });

  function invitePage(reply: FastifyReply, organisations: OrganisationWithTeams[], form: { errors?: FieldError[]; values?: FormValues }) {
    return reply.page('admin/invite.njk', { ...form, roleItems, ...placeItems(organisations) });
  }

  app.get('/admin/users/invite', { config: { access: ['admin'] } }, async (_request, reply) =>
    invitePage(reply, await people.organisationsWithTeams(), {}),
  );

  app.post('/admin/users/invite', { config: { access: ['admin'] } }, async (request, reply) => {
    const organisations = await people.organisationsWithTeams();
    const form = inviteForm(organisations).parse(request.body);
    if (!form.ok) return invitePage(reply.code(400), organisations, form);
    const result = await people.invite(form.data, actorOf(request));
    if (!result.ok && result.reason === 'exists') {
      const errors = [{ field: 'email', text: 'There is already an account with this email address' }];
      return invitePage(reply.code(400), organisations, { errors, values: form.values });
    }
    if (!result.ok) return invitePage(reply.code(400), organisations, { errors: [TEAM_MISMATCH], values: form.values });
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: `Invitation sent to ${form.data.email}`,
        text: app.config.smtpUrl
          ? 'The email has a link to set a password. It works for 7 days.'
          : 'No email server is set up, so the invitation is in the outbox. Its link works for 7 days.',
      },
      '/admin/users',
    );
  });

  async function personPage(
    reply: FastifyReply,
    id: string,
    form: { errors?: FieldError[]; values?: FormValues } = {},
  ): Promise<FastifyReply> {
    const [person, organisations] = await Promise.all([people.get(id), people.organisationsWithTeams()]);
    if (!person) throw personNotFound();
    const values = form.values ?? {
      roles: person.roles,
      organisationId: person.organisationId ?? '',
      teamId: person.teamId ?? '',
      status: person.status === 'disabled' ? 'disabled' : 'active',
    };
    return reply.page('admin/person.njk', {
      person,
      roleNames: person.roles.map((role) => ROLE_DESCRIPTIONS[role].split(':')[0]),
      errors: form.errors,
      values,
      roleItems,
      ...placeItems(organisations),
    });
  }

  app.get('/admin/users/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const id = idFrom(request.params);
    if (!(await people.view(actorOf(request), id))) throw personNotFound();
    return personPage(reply, id);
  });

  app.post('/admin/users/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const id = idFrom(request.params);
    const person = await people.get(id);
    if (!person) throw personNotFound();
    const form = personForm(await people.organisationsWithTeams()).parse(request.body);
    if (!form.ok) return personPage(reply.code(400), id, form);
    const result = await people.update(id, form.data, actorOf(request));
    if (result.ok) return reply.flashAndRedirect({ kind: 'success', heading: `Changes saved for ${person.email}` }, `/admin/users/${id}`);
    switch (result.reason) {
      case 'not-found':
        throw personNotFound();
      case 'team-mismatch':
        return personPage(reply.code(400), id, { errors: [TEAM_MISMATCH], values: form.values });
      case 'self-lockout': {
        const error = form.data.roles.includes('admin') ? SELF_LOCKOUT_STATUS : SELF_LOCKOUT_ROLES;
        return personPage(reply.code(400), id, { errors: [error], values: form.values });
      }
    }
  });
};
