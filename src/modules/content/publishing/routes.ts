import { signedInActorOf, type Actor } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import { SUBJECTS } from '../../../platform/subjects.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { formFields, pathParams, rawFields, typed } from '../../../platform/schemas.js';
import { parseLondonDateTime } from '../../../platform/time.js';
import type { Flash } from '../../../platform/views.js';
import { lineDiff } from './diff.js';
import {
  AUTHOR_KIND_LABELS,
  AUTHOR_KINDS,
  CONTENT_TYPES,
  isContentType,
  publicPath,
  STATE_LABELS,
  TYPE_NAMES,
  type ContentType,
  type WorkflowState,
} from '../types.js';
import { formValues, readFields } from '../validation.js';
import type { ContentItem } from './items.js';

const EDITORS = RULES.editors;

function itemNotFound(): HttpError {
  return new HttpError(404, 'Content not found', 'Go back to the list of content and choose an item.', 'not-found');
}

const body = (request: FastifyRequest) => formFields(request.body);
const ItemParams = pathParams('id');
const RevisionParams = pathParams('id', 'number');

function field(request: FastifyRequest, name: string): string {
  const value = body(request)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The choices every editor form offers. */
function formChoices(values: FormValues) {
  const selected = (name: string, value: string) => values[name] === value;
  return {
    subjectItems: [
      { value: '', text: 'No subject' },
      ...SUBJECTS.map((s) => ({ value: s.slug, text: s.name, selected: selected('subject', s.slug) })),
    ],
    authorKindItems: [
      { value: '', text: 'Not shown' },
      ...AUTHOR_KINDS.map((k) => ({ value: k, text: AUTHOR_KIND_LABELS[k], selected: selected('authorKind', k) })),
    ],
  };
}

/**
 * Editors' pages at /admin/content: the list, the Markdown editor with a preview that needs no JavaScript, the
 * workflow buttons, revisions with a diff and restore, and the home page's sections. The workflow service audits.
 */
export const adminContentRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { workflow } = app.content;

  async function load(id: string): Promise<ContentItem> {
    const item = await workflow.find(id);
    if (!item) throw itemNotFound();
    return item;
  }

  function editorPage(
    reply: FastifyReply,
    item: ContentItem | null,
    type: ContentType,
    form: { values?: FormValues; errors?: FieldError[]; preview?: string | null; version?: number } = {},
  ) {
    const values = form.values ?? (item ? formValues(item.fields) : { type });
    const principal = reply.request.principal;
    const mayApprove =
      !!item && item.state === 'in-review' && principal !== null && principal.id !== item.updatedBy && principal.id !== item.submittedBy;
    const approvalNeeded = workflow.needsApproval(type);
    const mayPublish =
      !!item &&
      item.state !== 'published' &&
      item.state !== 'scheduled' &&
      (!approvalNeeded || (item.state === 'approved' && item.approvedVersion === item.version));
    return reply.page('content/admin/edit.njk', {
      item,
      type,
      typeInfo: CONTENT_TYPES[type],
      stateLabel: item ? STATE_LABELS[item.state] : 'New',
      publicPath: item?.published ? publicPath(item.type, item.published.slug, item.fields.subject) : null,
      hasUnpublishedChanges: !!item?.published && item.state !== 'published',
      approvalNeeded,
      mayApprove,
      mayPublish,
      values,
      errors: form.errors,
      preview: form.preview ?? null,
      version: form.version ?? item?.version ?? 0,
      ...formChoices(values),
    });
  }

  const success = (heading: string, text?: string): Flash => ({ kind: 'success', heading, ...(text ? { text } : {}) });

  app.get('/admin/content', { config: EDITORS, schema: { querystring: rawFields('type', 'state') } }, async (request, reply) => {
    const query = request.query;
    const type = isContentType(query.type) ? query.type : undefined;
    // The staff workspace links here with ?state=in-review; anything else shows every state.
    const state = typeof query.state === 'string' && Object.hasOwn(STATE_LABELS, query.state) ? (query.state as WorkflowState) : undefined;
    const rows = await workflow.list({ type, state });
    return reply.page('content/admin/list.njk', {
      items: rows.map((r) => ({
        id: r.id,
        title: r.fields.title,
        typeLabel: CONTENT_TYPES[r.type as ContentType].label,
        stateLabel: STATE_LABELS[r.state],
        live: r.published_at !== null,
        updatedAt: r.updated_at,
        scheduledFor: r.scheduled_for,
      })),
      type,
      typeItems: [
        { value: '', text: 'All types' },
        ...TYPE_NAMES.map((t) => ({ value: t, text: CONTENT_TYPES[t].plural, selected: t === type })),
      ],
      stateItems: [
        { value: '', text: 'Any state' },
        ...Object.entries(STATE_LABELS).map(([value, text]) => ({ value, text, selected: value === state })),
      ],
    });
  });

  // The live preview's fragment: the same renderer and sanitiser as the published page.
  app.post('/admin/content/preview', { config: EDITORS }, async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderMarkdown(field(request, 'body'), 'content')),
  );

  app.get('/admin/content/new', { config: EDITORS, schema: { querystring: rawFields('type') } }, async (request, reply) => {
    const type = request.query.type;
    if (!isContentType(type)) {
      return reply.page('content/admin/choose-type.njk', {
        typeItems: TYPE_NAMES.map((t) => ({ value: t, text: CONTENT_TYPES[t].label })),
        errors: type === undefined ? undefined : [{ field: 'type', text: 'Select the type of content' }],
      });
    }
    return editorPage(reply, null, type);
  });

  app.post('/admin/content/new', { config: EDITORS }, async (request, reply) => {
    const type = field(request, 'type');
    if (!isContentType(type)) throw itemNotFound();
    const result = readFields(body(request), type);
    const values = { ...(body(request) as FormValues), type };
    if (field(request, 'action') === 'preview') {
      return editorPage(reply, null, type, {
        values,
        preview: renderMarkdown(field(request, 'body'), 'content'),
        errors: result.ok ? undefined : result.errors,
      });
    }
    if (!result.ok) return editorPage(reply.code(400), null, type, { values, errors: result.errors });
    const id = await workflow.create(result.fields, signedInActorOf(request));
    return reply.flashAndRedirect(success('Draft saved', 'Nobody else can see it until it is published.'), `/admin/content/${id}`);
  });

  app.get('/admin/content/:id', { config: EDITORS, schema: { params: ItemParams } }, async (request, reply) => {
    const item = await load(request.params.id);
    return editorPage(reply, item, item.type);
  });

  app.post('/admin/content/:id', { config: EDITORS, schema: { params: ItemParams } }, async (request, reply) => {
    const item = await load(request.params.id);
    const values = { ...(body(request) as FormValues), type: item.type };
    const version = Number(field(request, 'version'));
    const result = readFields(body(request), item.type);
    if (field(request, 'action') === 'preview') {
      return editorPage(reply, item, item.type, {
        values,
        version,
        preview: renderMarkdown(field(request, 'body'), 'content'),
        errors: result.ok ? undefined : result.errors,
      });
    }
    if (!result.ok) return editorPage(reply.code(400), item, item.type, { values, version, errors: result.errors });
    const saved = await workflow.save(item.id, result.fields, version, signedInActorOf(request));
    if (!saved.ok) {
      const text =
        'conflict' in saved
          ? `${saved.conflict.by} saved this item while you were editing it. Your text has not been lost: it is below, and kept as revision ${saved.conflict.keptAsRevision}. Compare it with theirs in the revisions, then save again`
          : saved.reason;
      const fresh = await workflow.find(item.id);
      return editorPage(reply.code(409), fresh, item.type, {
        values,
        version: fresh?.version ?? version,
        errors: [{ field: 'workflow', text }],
      });
    }
    return reply.flashAndRedirect(
      success('Draft saved', item.published ? 'Visitors still see the published version until you publish this one.' : undefined),
      `/admin/content/${item.id}`,
    );
  });

  async function act(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    run: (item: ContentItem, actor: Actor) => Promise<{ ok: true } | { ok: false; reason: string; field?: string }>,
    done: string,
  ) {
    const item = await load(request.params.id);
    const outcome = await run(item, signedInActorOf(request));
    if (!outcome.ok) {
      const fresh = (await workflow.find(item.id)) ?? item;
      return editorPage(reply.code(409), fresh, item.type, { errors: [{ field: outcome.field ?? 'workflow', text: outcome.reason }] });
    }
    return reply.flashAndRedirect(success(done), `/admin/content/${item.id}`);
  }

  app.post('/admin/content/:id/submit', { config: EDITORS, schema: { params: ItemParams } }, (request, reply) =>
    act(request, reply, (item, actor) => workflow.submit(item.id, actor), 'Sent for review'),
  );
  app.post('/admin/content/:id/approve', { config: EDITORS, schema: { params: ItemParams } }, (request, reply) =>
    act(request, reply, (item, actor) => workflow.approve(item.id, actor), 'Approved'),
  );
  app.post('/admin/content/:id/unpublish', { config: EDITORS, schema: { params: ItemParams } }, (request, reply) =>
    act(request, reply, (item, actor) => workflow.unpublish(item.id, actor), 'Unpublished'),
  );
  app.post('/admin/content/:id/cancel-schedule', { config: EDITORS, schema: { params: ItemParams } }, (request, reply) =>
    act(request, reply, (item, actor) => workflow.cancelSchedule(item.id, actor), 'Schedule cancelled'),
  );

  app.post('/admin/content/:id/publish', { config: EDITORS, schema: { params: ItemParams } }, async (request, reply) => {
    const when = field(request, 'when');
    if (when === 'later') {
      const at = parseLondonDateTime(field(request, 'publishDate'), field(request, 'publishTime'));
      if (!at || at.getTime() <= Date.now()) {
        const item = await load(request.params.id);
        const text = at ? 'The publishing time must be in the future' : 'Enter a real date and a time like 09:30';
        return editorPage(reply.code(400), item, item.type, { errors: [{ field: 'publishDate', text }] });
      }
      return act(request, reply, (item, actor) => workflow.publish(item.id, actor, at), 'Scheduled');
    }
    return act(request, reply, (item, actor) => workflow.publish(item.id, actor), 'Published');
  });

  app.get('/admin/content/:id/revisions', { config: EDITORS, schema: { params: ItemParams } }, async (request, reply) => {
    const item = await load(request.params.id);
    return reply.page('content/admin/revisions.njk', { item, revisions: await workflow.revisions(item.id) });
  });

  app.get('/admin/content/:id/revisions/:number', { config: EDITORS, schema: { params: RevisionParams } }, async (request, reply) => {
    const item = await load(request.params.id);
    const revision = await workflow.revision(item.id, Number(request.params.number));
    if (!revision) throw itemNotFound();
    const show = (f: typeof item.fields) =>
      [
        `# ${f.title}`,
        `Web address: ${f.slug}`,
        `Summary: ${f.summary}`,
        '',
        f.body,
        f.transcript ? `\nTranscript:\n${f.transcript}` : '',
        f.notesToEditors ? `\nNotes to editors:\n${f.notesToEditors}` : '',
      ].join('\n');
    return reply.page('content/admin/revision.njk', {
      item,
      revision,
      diff: lineDiff(show(revision.fields), show(item.fields)),
    });
  });

  app.post(
    '/admin/content/:id/revisions/:number/restore',
    { config: EDITORS, schema: { params: RevisionParams } },
    async (request, reply) => {
      const item = await load(request.params.id);
      const number = Number(request.params.number);
      const outcome = await workflow.restore(item.id, number, Number(field(request, 'version')), signedInActorOf(request));
      if (!outcome.ok) {
        const text =
          'conflict' in outcome
            ? `${outcome.conflict.by} saved this item a moment ago. Look at the revisions again before restoring`
            : outcome.reason;
        return editorPage(reply.code(409), (await workflow.find(item.id)) ?? item, item.type, { errors: [{ field: 'workflow', text }] });
      }
      return reply.flashAndRedirect(success(`Revision ${number} restored as a new draft`), `/admin/content/${item.id}`);
    },
  );
};
