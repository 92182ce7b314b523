import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../platform/errors.js';
import { Nullable, OneOf, problems, typed } from '../../platform/schemas.js';
import { isUuid, type FieldError } from '../../platform/validation.js';
import { CASE_WORKERS } from './access.js';
import { EVENT_KINDS, FLAG_RULES, PLAN_TYPES, SIGNIFICANCES } from './chronology/event-kinds.js';
import { eventForm } from './chronology/forms.js';
import type { ChronologyEntry, EventVersion } from './chronology/queries.js';
import { childForm } from './records/forms.js';
import { viewerOf } from '../../platform/practice/viewer.js';
import { sendRecordRefusal } from '../../platform/practice/refusals.js';

const TAGS = ['practice'];
const ChildParams = Type.Object({ id: Type.String({ description: 'The child’s id' }) });

const Version = {
  version: Type.Integer({ description: '1 for the event as first recorded; each correction adds one' }),
  kind: OneOf(EVENT_KINDS),
  occurredOn: Type.String({ format: 'date' }),
  agency: Type.String(),
  significance: OneOf(SIGNIFICANCES),
  planType: Nullable(OneOf(PLAN_TYPES)),
  summary: Type.String(),
  correctionReason: Nullable(Type.String({ description: 'Why this version replaced the one before; null on the first' })),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
};
const EventJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ...Version,
  earlier: Type.Array(Type.Object(Version), { description: 'Earlier versions, oldest first: a correction never hides what was there' }),
  concerns: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), kind: OneOf(['child', 'adult'] as const) })),
  notes: Type.Array(Type.Object({ author: Type.String(), body: Type.String(), writtenAt: Type.String({ format: 'date-time' }) })),
});
const FlagJson = Type.Object({
  rule: OneOf(FLAG_RULES),
  eventIds: Type.Array(Type.String({ format: 'uuid' })),
  explanation: Type.String(),
});

const versionJson = (v: EventVersion) => ({
  ...v,
  kind: v.kind as (typeof EVENT_KINDS)[number],
  significance: v.significance as (typeof SIGNIFICANCES)[number],
  planType: v.planType as (typeof PLAN_TYPES)[number] | null,
  recordedAt: v.recordedAt.toISOString(),
});
const eventJson = (e: ChronologyEntry) => ({
  ...versionJson(e),
  id: e.id,
  earlier: e.earlier.map(versionJson),
  concerns: e.concerns,
  notes: e.notes.map((n) => ({ ...n, writtenAt: n.writtenAt.toISOString() })),
});

const invalid = (reply: FastifyReply, title: string, errors: FieldError[]) =>
  sendProblem(reply, { status: 400, title, detail: errors.map((e) => e.text).join('. '), kind: 'validation', errors });

/** The practice door for other systems, with a practitioner's or manager's token: the same forms, services and audit. */
export const casesApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const cases = app.cases;

  app.post(
    '/api/v1/practice/children',
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Add a child, allocated to you: into a family you may open, or a new family in your team',
        body: Type.Unsafe<Record<string, unknown>>({ ...childForm.jsonSchema, required: ['givenName', 'familyName', 'dateOfBirth'] }),
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), familyId: Type.String({ format: 'uuid' }) }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const form = childForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The child was not added', form.errors);
      const added = await cases.records.createChild(viewerOf(request), {
        ...form.data,
        familyId: form.data.familyId.toLowerCase() || null,
      });
      if (added.ok) return reply.code(201).send({ id: added.id, familyId: added.familyId });
      if (added.reason === 'no-team') {
        return sendProblem(reply, {
          status: 409,
          title: 'Not in a team',
          detail: 'Only someone in a team can start a new family.',
          kind: 'conflict',
        });
      }
      if (added.reason === 'hidden') {
        return sendProblem(reply, { status: 404, title: 'Not found', detail: 'There is no family with this id.', kind: 'not-found' });
      }
      return sendRecordRefusal(reply, added.reason);
    },
  );

  app.post(
    '/api/v1/practice/children/:id/events',
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'Record an event in a child’s chronology (its flags are recomputed at once)',
        params: ChildParams,
        body: Type.Unsafe<Record<string, unknown>>({
          ...eventForm.jsonSchema,
          required: ['kind', 'occurredOn', 'agency', 'significance', 'summary'],
        }),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const form = eventForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The event was not recorded', form.errors);
      const recorded = await cases.chronology.recordEvent(viewerOf(request), request.params.id.toLowerCase(), form.data);
      if (recorded.ok) return reply.code(201).send({ id: recorded.id });
      if (recorded.reason === 'invalid') return invalid(reply, 'The event was not recorded', recorded.errors);
      return sendRecordRefusal(reply, recorded.reason);
    },
  );

  app.get(
    '/api/v1/practice/children/:id/chronology',
    {
      config: CASE_WORKERS,
      schema: {
        tags: TAGS,
        summary: 'A child’s chronology, oldest first, with its pattern flags (reading it is audited)',
        params: ChildParams,
        response: { 200: Type.Object({ events: Type.Array(EventJson), flags: Type.Array(FlagJson) }), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const read = await cases.chronology.ofChild(viewerOf(request), request.params.id.toLowerCase());
      if (!read.ok) return sendRecordRefusal(reply, read.reason);
      return {
        events: read.events.map(eventJson),
        flags: read.flags.map(({ rule, eventIds, explanation }) => ({ rule, eventIds, explanation })),
      };
    },
  );
};
