import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { StoredFlag } from '../flag-store.js';
import { numberedPagination, pageNumberFrom } from '../../../platform/pagination.js';
import { firstText, formFields, pathParams, rawFields, typed } from '../../../platform/schemas.js';
import { formatDateTime, formatDay } from '../../../platform/time.js';
import { dateInputItems, type FieldError, type FormValues } from '../../../platform/validation.js';
import { CASE_WORKERS } from '../access.js';
import { KIND_LABELS, PLAN_LABELS, SIGNIFICANCE_LABELS, label } from '../labels.js';
import { flagView, noSuchRecord, recordId, refuseRecord } from '../route-helpers.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { CARE_EVENT_KINDS, FAMILY_CIRCUMSTANCE_KINDS, PLAN_TYPES, SIGNIFICANCES } from './event-kinds.js';
import { correctionForm, eventForm, filterForm, noteForm } from './forms.js';
import type { ChronologyEntry, ChronologyFilters, EventVersion, OutlineEvent } from './queries.js';
import { ENTRIES_PER_PAGE } from './service.js';
import { timelineOf } from './timeline.js';

const FILTER_FIELDS = ['kind', 'agency', 'significance', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'] as const;

interface Paging {
  page: number;
  pages: number;
  outline: OutlineEvent[];
  pageOfEvent: Map<string, number>;
}

/** The address of this chronology with the filters as asked, for the page links. */
function filteredPath(path: string, url: string): string {
  const query = new URLSearchParams(url.split('?')[1] ?? '');
  query.delete('page');
  return query.size > 0 ? `${path}?${query}` : path;
}

/** A flag with a link to each event behind it, on the page of the unfiltered chronology where that event is. */
const flagWithEvents = (flag: StoredFlag, path: string, paging: Paging) => ({
  ...flagView(flag),
  events: flag.eventIds.map((id) => ({ href: `${path}?page=${paging.pageOfEvent.get(id) ?? 1}#event-${id}` })),
});

const versionView = (v: EventVersion) => ({
  ...v,
  day: formatDay(v.occurredOn),
  kindLabel: label(KIND_LABELS, v.kind),
  planLabel: v.planType ? label(PLAN_LABELS, v.planType) : null,
  significanceLabel: label(SIGNIFICANCE_LABELS, v.significance),
  recorded: formatDateTime(v.recordedAt),
});
const entryView = (e: ChronologyEntry) => ({
  ...versionView(e),
  id: e.id,
  earlier: e.earlier.map(versionView),
  notes: e.notes.map((n) => ({ ...n, written: formatDateTime(n.writtenAt) })),
  concerns: e.concerns,
});

/** The choices of the event forms, with family circumstances apart from the concerns, as the issue asks. */
const kindGroups = (selected: string | undefined) => [
  { label: 'Concerns and casework', kinds: CARE_EVENT_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: k === selected })) },
  {
    label: 'Family circumstances (never counted as neglect)',
    kinds: FAMILY_CIRCUMSTANCE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: k === selected })),
  },
];
const options = (list: readonly string[], labels: Record<string, string>, selected: string | undefined) =>
  list.map((value) => ({ value, text: labels[value] ?? value, selected: value === selected, checked: value === selected }));

/** The choices of the event form and the correction form, with what was chosen or typed, and its errors. */
const eventChoices = (values: FormValues, errors: FieldError[] | undefined) => ({
  kindGroups: kindGroups(firstText(values.kind)),
  significanceOptions: options(SIGNIFICANCES, SIGNIFICANCE_LABELS, firstText(values.significance)),
  planOptions: options(PLAN_TYPES, PLAN_LABELS, firstText(values.planType)),
  occurredOnItems: dateInputItems('occurredOn', values, errors),
});

/** The chronology pages: a child's, a family's, and the quick forms to record, correct and annotate an entry. */
export const chronologyRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const cases = app.cases;

  function readFilters(query: unknown): { filters: ChronologyFilters; values: FormValues; errors: FieldError[] | undefined } {
    const parsed = filterForm.parse(query);
    if (!parsed.ok) return { filters: {}, values: parsed.values, errors: parsed.errors };
    return { filters: parsed.data, values: parsed.values, errors: undefined };
  }

  function chronologyContext(
    events: ChronologyEntry[],
    paging: Paging,
    where: { path: string; url: string },
    filterValues: FormValues,
    errors: FieldError[] | undefined,
  ) {
    return {
      events: events.map(entryView),
      total: paging.outline.length,
      firstShown: (paging.page - 1) * ENTRIES_PER_PAGE + 1,
      pagination: numberedPagination(filteredPath(where.path, where.url), paging.page, paging.pages, '#events'),
      // Every event, not only this page's: the timeline is the chronology's whole shape at a glance.
      timeline: timelineOf(
        paging.outline.map((e) => ({
          id: e.id,
          occurredOn: e.occurredOn,
          kind: e.kind,
          significance: e.significance,
          label: `${formatDay(e.occurredOn)}: ${label(KIND_LABELS, e.kind)}`,
        })),
      ),
      filterValues,
      errors,
      kindGroups: kindGroups(firstText(filterValues.kind)),
      significanceOptions: options(SIGNIFICANCES, SIGNIFICANCE_LABELS, firstText(filterValues.significance)),
      fromItems: dateInputItems('from', filterValues, errors),
      toItems: dateInputItems('to', filterValues, errors),
      filtered: FILTER_FIELDS.some((f) => firstText(filterValues[f]) !== ''),
    };
  }

  const chronologyRoute = { config: CASE_WORKERS, schema: { params: pathParams('id'), querystring: rawFields(...FILTER_FIELDS) } };

  /** What the two chronology pages share: the filters as asked, the page, and the context for the one template. */
  function chronologyPage(request: FastifyRequest<{ Params: { id: string } }>, kind: 'children' | 'families') {
    const id = recordId(request.params.id);
    const path = `/practice/${kind}/${id}/chronology`;
    const { filters, values, errors } = readFilters(request.query);
    const page = pageNumberFrom(request.query);
    const context = (events: ChronologyEntry[], paging: Paging | null) => {
      // A page past the last is not there, as a page of a board thread is not.
      if (!paging || paging.page > paging.pages) throw noSuchRecord();
      return { ...chronologyContext(events, paging, { path, url: request.url }, values, errors), path };
    };
    return { id, path, filters, page, context };
  }

  // A chronology page is kept, per person, under the family's chronology stamp, which moves with any change to what the
  // page shows; the names of the record come with each request and are part of the key too. Every reading is audited.
  app.get('/practice/children/:id/chronology', chronologyRoute, async (request, reply) => {
    const { id, path, filters, page, context } = chronologyPage(request, 'children');
    const opened = await cases.chronology.openChildChronology(viewerOf(request), id, filters, page);
    if (!opened.ok) return refuseRecord(reply, opened.reason, id);
    const { child } = opened;
    const draw = async () => {
      const read = await opened.read();
      return {
        ...context(read.events, read.paging),
        heading: `${child.givenName} ${child.familyName}`,
        caption: 'Chronology',
        child,
        flags: read.flags.map((flag) => flagWithEvents(flag, path, read.paging!)),
      };
    };
    return reply.page('cases/chronology.njk', draw, { sharedAs: JSON.stringify([request.url, opened.stamp, child]) });
  });

  app.get('/practice/families/:id/chronology', chronologyRoute, async (request, reply) => {
    const { id, path, filters, page, context } = chronologyPage(request, 'families');
    const opened = await cases.chronology.openFamilyChronology(viewerOf(request), id, filters, page);
    if (!opened.ok) return refuseRecord(reply, opened.reason);
    const { family } = opened;
    const draw = async () => {
      const [read, people] = await Promise.all([opened.read(), cases.familyPeople(id)]);
      const names = new Map(people.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
      return {
        ...context(read.events, read.paging),
        heading: family.name,
        caption: 'Family chronology: the children and the household’s adults',
        family,
        flags: read.flags.map((f) => ({ ...flagWithEvents(f, path, read.paging!), childName: names.get(f.childId) })),
      };
    };
    return reply.page('cases/chronology.njk', draw, { sharedAs: JSON.stringify([request.url, opened.stamp, family]) });
  });

  async function openForForm(reply: FastifyReply, request: Parameters<typeof viewerOf>[0], id: string) {
    const opened = await cases.records.openChild(viewerOf(request), id);
    if (!opened.ok) return { refused: refuseRecord(reply, opened.reason, id) };
    return { child: opened.record };
  }

  async function renderEventForm(
    reply: FastifyReply,
    child: { id: string; familyId: string; givenName: string; familyName: string },
    values: FormValues,
    errors?: FieldError[],
    concerns: string[] = [child.id],
  ) {
    const people = await cases.familyPeople(child.familyId);
    return reply.page('cases/event-form.njk', {
      child,
      values,
      errors,
      ...eventChoices(values, errors),
      people: people.map((p) => ({
        value: p.id,
        text: `${p.givenName} ${p.familyName}${p.kind === 'adult' ? ' (adult)' : ''}`,
        checked: concerns.includes(p.id),
      })),
    });
  }

  app.get('/practice/children/:id/events/new', { config: CASE_WORKERS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = recordId(request.params.id);
    const { child, refused } = await openForForm(reply, request, id);
    if (!child) return refused;
    return renderEventForm(reply, child, {});
  });

  app.post('/practice/children/:id/events/new', { config: CASE_WORKERS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = recordId(request.params.id);
    const { child, refused } = await openForForm(reply, request, id);
    if (!child) return refused;
    const raw = formFields(request.body).concerns;
    const concerns = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(firstText).filter((v) => v !== '');
    const form = eventForm.parse(request.body);
    if (!form.ok) return renderEventForm(reply.code(400), child, form.values, form.errors, concerns);
    const recorded = await cases.chronology.recordEvent(viewerOf(request), id, form.data, concerns);
    if (recorded.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Event recorded', text: 'Its patterns have been checked again.' },
        `/practice/children/${id}/chronology#event-${recorded.id}`,
      );
    }
    if (recorded.reason === 'invalid') return renderEventForm(reply.code(400), child, form.values, recorded.errors, concerns);
    return refuseRecord(reply, recorded.reason, id);
  });

  async function currentVersion(childId: string, eventId: string, request: Parameters<typeof viewerOf>[0]) {
    const read = await cases.chronology.ofChild(viewerOf(request), childId);
    const entry = read.ok ? read.events.find((e) => e.id === eventId) : undefined;
    if (!read.ok || !entry) throw noSuchRecord();
    return { child: read.child, entry };
  }

  const valuesOf = (e: ChronologyEntry): FormValues => {
    const [year, month, day] = e.occurredOn.split('-');
    return {
      kind: e.kind,
      'occurredOn-day': String(Number(day)),
      'occurredOn-month': String(Number(month)),
      'occurredOn-year': year!,
      agency: e.agency,
      significance: e.significance,
      planType: e.planType ?? '',
      summary: e.summary,
    };
  };

  async function renderCorrection(
    reply: FastifyReply,
    child: { id: string },
    entry: ChronologyEntry,
    values: FormValues,
    errors?: FieldError[],
  ) {
    return reply.page('cases/correct.njk', {
      child,
      entry: entryView(entry),
      values,
      errors,
      ...eventChoices(values, errors),
    });
  }

  const eventParams = { params: pathParams('id', 'eventId') };

  app.get('/practice/children/:id/events/:eventId/correct', { config: CASE_WORKERS, schema: eventParams }, async (request, reply) => {
    const id = recordId(request.params.id);
    const eventId = recordId(request.params.eventId);
    const opened = await openForForm(reply, request, id);
    if (!opened.child) return opened.refused;
    const { child, entry } = await currentVersion(id, eventId, request);
    return renderCorrection(reply, child, entry, valuesOf(entry));
  });

  app.post('/practice/children/:id/events/:eventId/correct', { config: CASE_WORKERS, schema: eventParams }, async (request, reply) => {
    const id = recordId(request.params.id);
    const eventId = recordId(request.params.eventId);
    const opened = await openForForm(reply, request, id);
    if (!opened.child) return opened.refused;
    const { child, entry } = await currentVersion(id, eventId, request);
    const form = correctionForm.parse(request.body);
    if (!form.ok) return renderCorrection(reply.code(400), child, entry, form.values, form.errors);
    const { reason, ...input } = form.data;
    const corrected = await cases.chronology.correctEvent(viewerOf(request), id, eventId, input, reason);
    if (corrected.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Entry corrected', text: 'The earlier version stays visible with your reason.' },
        `/practice/children/${id}/chronology#event-${eventId}`,
      );
    }
    if (corrected.reason === 'invalid') return renderCorrection(reply.code(400), child, entry, form.values, corrected.errors);
    return refuseRecord(reply, corrected.reason, id);
  });

  app.get('/practice/children/:id/events/:eventId/notes/new', { config: CASE_WORKERS, schema: eventParams }, async (request, reply) => {
    const id = recordId(request.params.id);
    const eventId = recordId(request.params.eventId);
    const opened = await openForForm(reply, request, id);
    if (!opened.child) return opened.refused;
    const { child, entry } = await currentVersion(id, eventId, request);
    return reply.page('cases/note.njk', { child, entry: entryView(entry), values: {} });
  });

  app.post('/practice/children/:id/events/:eventId/notes/new', { config: CASE_WORKERS, schema: eventParams }, async (request, reply) => {
    const id = recordId(request.params.id);
    const eventId = recordId(request.params.eventId);
    const opened = await openForForm(reply, request, id);
    if (!opened.child) return opened.refused;
    const form = noteForm.parse(request.body);
    const added = form.ok ? await cases.chronology.addNote(viewerOf(request), id, eventId, form.data.note) : null;
    if (added?.ok) {
      return reply.flashAndRedirect(
        { kind: 'success', heading: 'Analysis note added' },
        `/practice/children/${id}/chronology#event-${eventId}`,
      );
    }
    if (added && added.reason !== 'invalid') return refuseRecord(reply, added.reason, id);
    const { child, entry } = await currentVersion(id, eventId, request);
    const errors = !form.ok ? form.errors : added && added.reason === 'invalid' ? added.errors : [];
    return reply.code(400).page('cases/note.njk', { child, entry: entryView(entry), values: form.values, errors });
  });
};
