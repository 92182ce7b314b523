import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pathParams, typed } from '../../../platform/schemas.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { dateInputItems, type FieldError, type FormValues } from '../../../platform/validation.js';
import { CASE_WORKERS } from '../access.js';
import { challengeForm } from '../challenges/forms.js';
import { isManager } from '../child-access.js';
import { decisionForm } from '../decisions/forms.js';
import { cannot, idFrom, refuseRecord } from '../route-helpers.js';
import { supervisionForm } from '../supervision/forms.js';
import { chainView, decisionView, supervisionView } from './views.js';

type ChildRequest = FastifyRequest<{ Params: { id: string } }>;

/** `/practice/children/<id>/oversight`: a child's supervision, decisions and challenges, with the forms to add each. */
export const childOversightRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const oversight = app.oversight;
  const route = { config: CASE_WORKERS, schema: { params: pathParams('id') } };

  /** The page, with the values and errors of the form that was sent if it came back. */
  async function renderPage(request: ChildRequest, reply: FastifyReply, values: FormValues = {}, errors?: FieldError[]) {
    const childId = idFrom(request.params.id);
    const viewer = viewerOf(request);
    const read = await oversight.oversightOf(viewer, childId);
    if (!read.ok) return refuseRecord(reply, read.reason, childId);
    const { child, decisions } = read;
    const about = firstAbout(values);
    return reply.page('oversight/child.njk', {
      child,
      manager: isManager(viewer),
      supervision: read.supervision.map(supervisionView),
      decisions: decisions.map((d) => decisionView(d, viewer)),
      challenges: read.challenges.map((c) => chainView(c, decisions, viewer)),
      aboutItems: [
        { value: 'plan', text: 'The child’s plan', selected: about === 'plan' },
        ...decisions.map((d) => ({ value: d.id, text: `Decision: ${shorten(d.decision)}`, selected: about === d.id })),
      ],
      needsApprovalItems: [
        { value: 'yes', text: 'Yes: another manager must approve it', checked: values.needsApproval === 'yes' },
        { value: 'no', text: 'No: I am recording a decision I have made', checked: values.needsApproval === 'no' },
      ],
      heldOnItems: dateInputItems('heldOn', values, errors),
      values,
      errors,
    });
  }

  app.get('/practice/children/:id/oversight', route, (request, reply) => renderPage(request, reply));

  app.post('/practice/children/:id/oversight/supervision', route, async (request, reply) => {
    const childId = idFrom(request.params.id);
    const form = supervisionForm.parse(request.body);
    if (!form.ok) return renderPage(request, reply.code(400), form.values, form.errors);
    const recorded = await oversight.supervision.record(viewerOf(request), childId, form.data);
    if (recorded.ok) return done(reply, 'Supervision recorded', childId, 'supervision');
    if (recorded.reason === 'not-a-manager') throw cannot('Only managers record supervision', 'Ask your manager to record it.');
    return refuseRecord(reply, recorded.reason, childId);
  });

  app.post('/practice/children/:id/oversight/decisions', route, async (request, reply) => {
    const childId = idFrom(request.params.id);
    const form = decisionForm.parse(request.body);
    if (!form.ok) return renderPage(request, reply.code(400), form.values, form.errors);
    const recorded = await oversight.decisions.propose(viewerOf(request), childId, form.data);
    if (recorded.ok) {
      const heading =
        recorded.status === 'awaiting-approval' ? 'Decision recorded: it waits for another manager’s approval' : 'Decision recorded';
      return done(reply, heading, childId, 'decisions');
    }
    if (recorded.reason === 'invalid') return renderPage(request, reply.code(400), form.values, recorded.errors);
    return refuseRecord(reply, recorded.reason, childId);
  });

  app.post('/practice/children/:id/oversight/challenges', route, async (request, reply) => {
    const childId = idFrom(request.params.id);
    const form = challengeForm.parse(request.body);
    if (!form.ok) return renderPage(request, reply.code(400), form.values, form.errors);
    const raised = await oversight.challenges.raise(viewerOf(request), childId, form.data);
    if (raised.ok) return done(reply, 'Challenge recorded: a manager must answer it', childId, 'challenges');
    if (raised.reason === 'invalid') return renderPage(request, reply.code(400), form.values, raised.errors);
    return refuseRecord(reply, raised.reason, childId);
  });
};

const done = (reply: FastifyReply, heading: string, childId: string, section: string) =>
  reply.flashAndRedirect({ kind: 'success', heading }, `/practice/children/${childId}/oversight#${section}`);

const firstAbout = (values: FormValues) => (Array.isArray(values.about) ? values.about[0] : values.about);

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
