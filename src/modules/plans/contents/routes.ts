import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { dateInputItems, type FieldError, type FormValues } from '../../../platform/validation.js';
import { PLAN_WORKERS } from '../access.js';
import { actionForm, coreGroupForm, outcomeForm } from '../forms.js';
import { OWNER_LABELS, childView, choices, idFrom, planPath, refusePage, summaryView } from '../route-helpers.js';
import type { Changed } from '../store.js';

type Part = 'outcomes' | 'actions' | 'core-groups';

const FLASH: Record<Part, { heading: string; anchor: string }> = {
  outcomes: { heading: 'Outcome added', anchor: '#outcomes' },
  actions: { heading: 'Action added', anchor: '#actions' },
  'core-groups': { heading: 'Core group meeting recorded', anchor: '#core-groups' },
};

/** The forms that add to a plan: an outcome for the child, an action with its owner, a core group meeting. */
export const contentsRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const plans = app.plans;
  const route = { config: PLAN_WORKERS, schema: { params: pathParams('id', 'planId') } };

  async function render(
    reply: FastifyReply,
    part: Part,
    ids: { id: string; planId: string },
    values: FormValues = {},
    errors?: FieldError[],
  ) {
    const read = await plans.read(viewerOf(reply.request), ids.id, ids.planId);
    if (!read.ok) return refusePage(reply, read.reason, ids.id);
    return reply.page(`plans/${part}.njk`, {
      child: childView(read.child),
      plan: summaryView(read.plan),
      path: planPath(ids.id, read.plan.id),
      values,
      errors,
      ownerKindItems: choices(OWNER_LABELS, values.ownerKind),
      dueOnItems: dateInputItems('dueOn', values, errors),
      heldOnItems: dateInputItems('heldOn', values, errors),
    });
  }

  /** Parses the part's form and asks the service, answering each outcome as the other plan forms do. */
  async function save(
    reply: FastifyReply,
    part: Part,
    ids: { id: string; planId: string },
    body: unknown,
  ): Promise<FastifyReply | undefined> {
    const viewer = viewerOf(reply.request);
    let values: FormValues;
    let saved: Changed<{ id: string }>;
    if (part === 'outcomes') {
      const form = outcomeForm.parse(body);
      if (!form.ok) return render(reply.code(400), part, ids, form.values, form.errors);
      ({ values } = form);
      saved = await plans.addOutcome(viewer, ids.id, ids.planId, form.data.outcome);
    } else if (part === 'actions') {
      const form = actionForm.parse(body);
      if (!form.ok) return render(reply.code(400), part, ids, form.values, form.errors);
      ({ values } = form);
      saved = await plans.addAction(viewer, ids.id, ids.planId, form.data);
    } else {
      const form = coreGroupForm.parse(body);
      if (!form.ok) return render(reply.code(400), part, ids, form.values, form.errors);
      ({ values } = form);
      saved = await plans.recordCoreGroup(viewer, ids.id, ids.planId, form.data);
    }
    if (saved.ok)
      return reply.flashAndRedirect({ kind: 'success', heading: FLASH[part].heading }, planPath(ids.id, ids.planId) + FLASH[part].anchor);
    if (saved.reason === 'invalid' || saved.reason === 'conflict') {
      return render(reply.code(saved.reason === 'invalid' ? 400 : 409), part, ids, values, saved.errors);
    }
    return refusePage(reply, saved.reason, ids.id);
  }

  for (const part of ['outcomes', 'actions', 'core-groups'] as const) {
    const url = `/practice/children/:id/plans/:planId/${part}/new`;
    app.get(url, route, async (request, reply) =>
      render(reply, part, { id: idFrom(request.params.id), planId: idFrom(request.params.planId) }),
    );
    app.post(url, route, async (request, reply) =>
      save(reply, part, { id: idFrom(request.params.id), planId: idFrom(request.params.planId) }, request.body),
    );
  }
};
