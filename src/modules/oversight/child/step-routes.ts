import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pathParams, typed } from '../../../platform/schemas.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { CASE_WORKERS, MANAGERS } from '../access.js';
import { answerForm, escalationForm } from '../challenges/forms.js';
import { approvalForm } from '../decisions/forms.js';
import { cannot, idFrom, noSuchRecord, refuseRecord } from '../route-helpers.js';
import { chainView, decisionView } from './views.js';

type StepRequest = FastifyRequest<{ Params: { id: string; item: string } }>;

const WHY_NOT: Record<string, [string, string]> = {
  'own-decision': [
    'You proposed this decision',
    'Another manager must approve it: a decision is never approved by the person who proposed it.',
  ],
  'not-awaiting': ['This decision is not waiting for approval', 'It has been answered already, or it never needed approval.'],
  'own-challenge': ['You raised this challenge', 'Another manager must answer it.'],
  'answered-earlier': ['You answered this challenge before', 'An escalation is answered by a manager who has not answered it yet.'],
  'already-answered': ['This challenge has been answered', 'Its answer is on the child’s oversight page.'],
  'not-answered': ['This challenge has not been answered yet', 'It can be taken further once a manager has answered it.'],
  'already-escalated': ['This answer has been taken further already', 'The next step is on the child’s oversight page.'],
  'top-level': ['This challenge is at the highest level', 'It cannot be taken further in Hearth.'],
  'own-answer': ['You gave this answer', 'The person who challenged it, or a colleague, may take it further.'],
  'not-a-manager': ['Only managers can do this', 'Ask a manager in the child’s team.'],
};

/** The small pages for one decision or challenge: approve a decision, answer a challenge, take an answer further. */
export const oversightStepRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const oversight = app.oversight;
  const params = { params: pathParams('id', 'item') };

  /** Opens the child's oversight for a step, with the one item the address names, or a 404 like a missing record. */
  async function itemOf(request: StepRequest, reply: FastifyReply) {
    const childId = idFrom(request.params.id);
    const itemId = idFrom(request.params.item);
    const viewer = viewerOf(request);
    const read = await oversight.oversightOf(viewer, childId);
    if (!read.ok) return { refused: refuseRecord(reply, read.reason, childId) };
    return { read, childId, itemId, viewer };
  }

  const refusal = (reason: string) => {
    const [title, detail] = WHY_NOT[reason] ?? ['This cannot be done', ''];
    return cannot(title, detail);
  };

  async function approvalPage(request: StepRequest, reply: FastifyReply, values: FormValues = {}, errors?: FieldError[]) {
    const opened = await itemOf(request, reply);
    if (!opened.read) return opened.refused;
    const decision = opened.read.decisions.find((d) => d.id === opened.itemId);
    if (!decision) throw noSuchRecord();
    const view = decisionView(decision, opened.viewer);
    if (!view.mayApprove) throw refusal(view.ownProposal ? 'own-decision' : 'not-awaiting');
    const outcome = values.outcome;
    return reply.page('oversight/approve.njk', {
      child: opened.read.child,
      decision: view,
      outcomeItems: [
        { value: 'approved', text: 'Approve the decision', checked: outcome === 'approved' },
        { value: 'not-approved', text: 'Do not approve it', checked: outcome === 'not-approved' },
      ],
      values,
      errors,
    });
  }

  const approval = '/practice/children/:id/oversight/decisions/:item/approval';
  app.get(approval, { config: MANAGERS, schema: params }, (request, reply) => approvalPage(request, reply));
  app.post(approval, { config: MANAGERS, schema: params }, async (request, reply) => {
    const form = approvalForm.parse(request.body);
    if (!form.ok) return approvalPage(request, reply.code(400), form.values, form.errors);
    const childId = idFrom(request.params.id);
    const answered = await oversight.decisions.answer(viewerOf(request), childId, idFrom(request.params.item), form.data);
    if (answered.ok) {
      const heading = answered.status === 'approved' ? 'Decision approved' : 'Decision not approved';
      return reply.flashAndRedirect({ kind: 'success', heading }, `/practice/children/${childId}/oversight#decisions`);
    }
    if (answered.reason === 'not-found') throw noSuchRecord();
    if (answered.reason === 'hidden' || answered.reason === 'break-glass' || answered.reason === 'counts-only') {
      return refuseRecord(reply, answered.reason, childId);
    }
    throw refusal(answered.reason);
  });

  async function chainPage(
    kind: 'answer' | 'escalate',
    request: StepRequest,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FieldError[],
  ) {
    const opened = await itemOf(request, reply);
    if (!opened.read) return opened.refused;
    const { read, itemId, viewer } = opened;
    const chain = read.challenges.find((c) => c.steps.some((s) => s.id === itemId));
    if (!chain) throw noSuchRecord();
    const view = chainView(chain, read.decisions, viewer);
    if (kind === 'answer' && !(view.mayAnswer && chain.open?.id === itemId))
      throw refusal(chain.open?.id === itemId ? 'answered-earlier' : 'already-answered');
    if (kind === 'escalate' && !(view.mayEscalate && view.lastId === itemId))
      throw refusal(view.canEscalate ? 'own-answer' : 'not-answered');
    return reply.page(`oversight/${kind}.njk`, { child: read.child, chain: view, itemId, values, errors });
  }

  const answer = '/practice/children/:id/oversight/challenges/:item/answer';
  app.get(answer, { config: MANAGERS, schema: params }, (request, reply) => chainPage('answer', request, reply));
  app.post(answer, { config: MANAGERS, schema: params }, async (request, reply) => {
    const form = answerForm.parse(request.body);
    if (!form.ok) return chainPage('answer', request, reply.code(400), form.values, form.errors);
    const childId = idFrom(request.params.id);
    const answered = await oversight.challenges.answer(viewerOf(request), childId, idFrom(request.params.item), form.data.answer);
    if (answered.ok)
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Challenge answered' },
        `/practice/children/${childId}/oversight#challenges`,
      );
    if (answered.reason === 'not-found') throw noSuchRecord();
    if (answered.reason === 'hidden' || answered.reason === 'break-glass' || answered.reason === 'counts-only') {
      return refuseRecord(reply, answered.reason, childId);
    }
    throw refusal(answered.reason);
  });

  const escalation = '/practice/children/:id/oversight/challenges/:item/escalation';
  app.get(escalation, { config: CASE_WORKERS, schema: params }, (request, reply) => chainPage('escalate', request, reply));
  app.post(escalation, { config: CASE_WORKERS, schema: params }, async (request, reply) => {
    const form = escalationForm.parse(request.body);
    if (!form.ok) return chainPage('escalate', request, reply.code(400), form.values, form.errors);
    const childId = idFrom(request.params.id);
    const escalated = await oversight.challenges.escalate(viewerOf(request), childId, idFrom(request.params.item), form.data.concern);
    if (escalated.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: `Challenge taken to level ${escalated.level}: a manager must answer it` },
        `/practice/children/${childId}/oversight#challenges`,
      );
    }
    if (escalated.reason === 'not-found') throw noSuchRecord();
    if (escalated.reason === 'hidden' || escalated.reason === 'break-glass' || escalated.reason === 'counts-only') {
      return refuseRecord(reply, escalated.reason, childId);
    }
    throw refusal(escalated.reason);
  });
};
