import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { typed } from '../../../platform/schemas.js';
import type { FieldError } from '../../../platform/validation.js';
import { EDITORS, FlowParams, flowNotFound, pretty, slugParam } from './common.js';
import { readJson } from './json.js';
import { flowPreviewRoutes } from './preview.js';
import { flowsForEditors } from './queries.js';
import { flowStatsRoutes } from './stats.js';
import type { FlowProblem } from '../engine/checker.js';
import { flowShapeProblems } from '../engine/flow-schema.js';
import type { FlowDefinition } from '../engine/flow-types.js';

/** "new" would be shadowed by the page for starting a flow. */
const RESERVED_SLUGS = new Set(['new']);

/** A small flow that passes every check, to start from rather than a blank box; `checked` is filled in as today. */
const NEW_FLOW_TEMPLATE: Omit<FlowDefinition, 'checked'> = {
  slug: 'name-of-the-flow',
  title: 'What the flow helps with',
  summary: 'One sentence for the list of guided advice.',
  intro: ['Who this is for, and what it covers.'],
  firstQuestion: 'where-you-live',
  questions: {
    'where-you-live': {
      kind: 'country',
      text: 'Where do you live?',
      next: [{ when: { question: 'where-you-live', equals: 'wales' }, goTo: { outcome: 'wales' } }, { goTo: { outcome: 'england' } }],
    },
  },
  outcomes: {
    england: {
      title: 'What happens in England',
      summary: 'A short summary of the advice.',
      blocks: [{ paragraphs: ['The advice, in plain words.'] }],
      sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
    },
    wales: {
      title: 'What happens in Wales',
      summary: 'A short summary of the advice.',
      blocks: [{ paragraphs: ['The advice, in plain words.'] }],
      sources: [{ title: 'Social Services and Well-being (Wales) Act 2014', url: 'https://www.legislation.gov.uk/anaw/2014/4' }],
    },
  },
};

export function newFlowTemplate(today = new Date()): FlowDefinition {
  const { slug, title, summary, intro, ...rest } = NEW_FLOW_TEMPLATE;
  return { slug, title, summary, intro, checked: today.toISOString().slice(0, 10), ...rest };
}

/** "Question "who-called"", "Outcome "no-action"" or "Flow": where a problem is, in the editor's words. */
function placeOf(at: string, definition: unknown): string {
  if (at === 'flow') return 'Flow';
  const flow = definition as Partial<FlowDefinition> | null;
  if (flow?.questions && Object.hasOwn(flow.questions, at)) return `Question "${at}"`;
  if (flow?.outcomes && Object.hasOwn(flow.outcomes, at)) return `Outcome "${at}"`;
  return `"${at}"`;
}

export function problemErrors(problems: readonly FlowProblem[], definition: unknown): FieldError[] {
  return problems.map((p) => ({ field: 'definition', text: `${placeOf(p.at, definition)}: ${p.message}` }));
}

type FlowRead = { ok: true; definition: FlowDefinition } | { ok: false; errors: FieldError[] };

/** The typed text as a flow of the right shape, or the errors to show. The checker runs later, in saveDraft. */
function readFlow(text: string): FlowRead {
  if (text.trim() === '') return { ok: false, errors: [{ field: 'definition', text: 'Enter the flow as JSON' }] };
  const json = readJson(text);
  if (!json.ok) {
    const message = `The JSON is not valid at line ${json.line}, column ${json.column}: ${json.message}`;
    return { ok: false, errors: [{ field: 'definition', text: message }] };
  }
  const problems = flowShapeProblems(json.value);
  if (problems.length > 0) return { ok: false, errors: problemErrors(problems, json.value) };
  return { ok: true, definition: json.value as FlowDefinition };
}

function typedText(body: unknown): string {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).definition : undefined;
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first : '';
}

/**
 * Editors' pages for guided advice: the list, a schema-checked JSON editor, publishing, and (in their own files) a
 * preview of any path and the anonymous counts. Saving and publishing are audited by the service.
 */
export const adminFlowRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const flows = app.adviceFlows;

  async function editorPage(reply: FastifyReply, slug: string, form: { errors?: FieldError[]; text?: string } = {}) {
    const flow = await flows.forEditing(slug);
    if (!flow) throw flowNotFound();
    const title = (flow.definition as FlowDefinition | null)?.title ?? slug;
    return reply.page('advice-flows/admin/edit.njk', {
      flow: { ...flow, title, hasDraft: flow.draft !== null, nextVersion: (flow.publishedVersion ?? 0) + 1 },
      errors: form.errors,
      values: { definition: form.text ?? (flow.definition ? pretty(flow.definition) : '') },
    });
  }

  function newFlowPage(reply: FastifyReply, form: { errors?: FieldError[]; text?: string } = {}) {
    return reply.page('advice-flows/admin/new.njk', {
      errors: form.errors,
      values: { definition: form.text ?? pretty(newFlowTemplate()) },
    });
  }

  function saved(request: FastifyRequest, reply: FastifyReply, slug: string) {
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Draft saved',
        text: 'Families still see the published version until you publish the draft.',
      },
      `/admin/flows/${slug}`,
    );
  }

  app.get('/admin/flows', { config: EDITORS }, async (_request, reply) =>
    reply.page('advice-flows/admin/list.njk', { flows: await flowsForEditors(app.services.db) }),
  );

  app.get('/admin/flows/new', { config: EDITORS }, async (_request, reply) => newFlowPage(reply));

  app.post('/admin/flows/new', { config: EDITORS }, async (request, reply) => {
    const text = typedText(request.body);
    const read = readFlow(text);
    if (!read.ok) return newFlowPage(reply.code(400), { errors: read.errors, text });
    const { slug } = read.definition;
    if (RESERVED_SLUGS.has(slug) || (await flows.forEditing(slug))) {
      const errors = [{ field: 'definition', text: `Flow: there is already a flow with the slug "${slug}". Choose another slug` }];
      return newFlowPage(reply.code(400), { errors, text });
    }
    const result = await flows.saveDraft(read.definition, signedInActorOf(request));
    if (!result.ok) return newFlowPage(reply.code(400), { errors: problemErrors(result.problems, read.definition), text });
    return saved(request, reply, slug);
  });

  app.get('/admin/flows/:slug', { config: EDITORS, schema: { params: FlowParams } }, async (request, reply) =>
    editorPage(reply, slugParam(request.params)),
  );

  app.post('/admin/flows/:slug', { config: EDITORS, schema: { params: FlowParams } }, async (request, reply) => {
    const slug = slugParam(request.params);
    if (!(await flows.forEditing(slug))) throw flowNotFound();
    const text = typedText(request.body);
    const read = readFlow(text);
    if (!read.ok) return editorPage(reply.code(400), slug, { errors: read.errors, text });
    if (read.definition.slug !== slug) {
      const message = `Flow: the slug is "${read.definition.slug}", but this is the flow "${slug}". A flow cannot be renamed: put the slug back, or start a new flow`;
      return editorPage(reply.code(400), slug, { errors: [{ field: 'definition', text: message }], text });
    }
    const result = await flows.saveDraft(read.definition, signedInActorOf(request));
    if (!result.ok) return editorPage(reply.code(400), slug, { errors: problemErrors(result.problems, read.definition), text });
    return saved(request, reply, slug);
  });

  app.post('/admin/flows/:slug/publish', { config: EDITORS, schema: { params: FlowParams } }, async (request, reply) => {
    const slug = slugParam(request.params);
    const flow = await flows.forEditing(slug);
    if (!flow) throw flowNotFound();
    const result = await flows.publish(slug, signedInActorOf(request));
    if (!result.ok) return editorPage(reply.code(400), slug, { errors: problemErrors(result.problems, flow.draft) });
    // The list and start pages are cached for visitors; they must show the new version straight away.
    await app.pageCache.invalidate();
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: `Version ${result.version} published`,
        text: `Families who start now get version ${result.version}. Anyone part-way through keeps the version they started.`,
      },
      `/admin/flows/${slug}`,
    );
  });

  await app.register(flowPreviewRoutes);
  await app.register(flowStatsRoutes);
};
