import { actorOf } from '../audit.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HttpError } from '../errors.js';
import type { FieldError, FormValues } from '../validation.js';
import { ORGANISATION_KIND_NAMES, ORGANISATION_KINDS, organisationForm, teamForm } from './forms.js';
import { isUuid } from '../validation.js';

const kindItems = ORGANISATION_KINDS.map((kind) => ({ value: kind, text: ORGANISATION_KIND_NAMES[kind] }));

/** Each organisation's add-team form has its own field id, so that an error summary link lands on the right one. */
export const teamField = (organisationId: string) => `team-${organisationId}`;

/** Organisations own practice data, and teams within them decide who sees a child's record. */
export const organisationRoutes: FastifyPluginAsync = async (app) => {
  const { people } = app.services;

  async function organisationsPage(reply: FastifyReply, form: { errors?: FieldError[]; values?: FormValues } = {}) {
    const organisations = (await people.organisationsWithTeams()).map((o) => ({
      ...o,
      kindName: ORGANISATION_KIND_NAMES[o.kind] ?? o.kind,
      teamField: teamField(o.id),
    }));
    return reply.page('admin/organisations.njk', { ...form, organisations, kindItems });
  }

  app.get('/admin/organisations', { config: { access: ['admin'] } }, async (_request, reply) => organisationsPage(reply));

  app.post('/admin/organisations', { config: { access: ['admin'] } }, async (request, reply) => {
    const form = organisationForm.parse(request.body);
    if (!form.ok) return organisationsPage(reply.code(400), form);
    const created = await people.createOrganisation(form.data, actorOf(request));
    if (!created.ok) {
      const errors = [{ field: 'name', text: `There is already an organisation called ${form.data.name}. Choose another name` }];
      return organisationsPage(reply.code(400), { errors, values: form.values });
    }
    return reply.flashAndRedirect({ kind: 'success', heading: `${form.data.name} added` }, '/admin/organisations');
  });

  app.post<{ Params: { id: string } }>('/admin/organisations/:id/teams', { config: { access: ['admin'] } }, async (request, reply) => {
    const id = request.params.id;
    const organisation = isUuid(id) ? (await people.organisationsWithTeams()).find((o) => o.id === id) : undefined;
    if (!organisation)
      throw new HttpError(404, 'Organisation not found', 'Go back to the list of organisations and try again.', 'not-found');
    const field = teamField(organisation.id);
    const form = teamForm.parse(request.body);
    const values = { [field]: form.values.name ?? '' };
    if (!form.ok) return organisationsPage(reply.code(400), { errors: form.errors.map((e) => ({ ...e, field })), values });
    const created = await people.createTeam({ organisationId: organisation.id, name: form.data.name }, actorOf(request));
    if (!created.ok && created.reason === 'not-found') {
      throw new HttpError(404, 'Organisation not found', 'Go back to the list of organisations and try again.', 'not-found');
    }
    if (!created.ok) {
      const errors = [{ field, text: `${organisation.name} already has a team called ${form.data.name}. Choose another name` }];
      return organisationsPage(reply.code(400), { errors, values });
    }
    return reply.flashAndRedirect({ kind: 'success', heading: `${form.data.name} added to ${organisation.name}` }, '/admin/organisations');
  });
};
