import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit.js';
import { requirePrincipal, RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { toCsv } from '../../../platform/csv.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import type { Flash } from '../../../platform/views.js';
import { eventForm } from '../forms.js';
import { calendar, type CalendarEvent } from './icalendar.js';
import { formatEventTime, londonTime } from '../../../platform/time.js';
import type { EventsTable } from '../schema.js';
import type { Selectable } from 'kysely';

const STAFF = RULES.editors;

function eventNotFound() {
  return new HttpError(404, 'Event not found', 'There is no event at this address. See all our events.', 'not-found');
}

/** Events: the public listing, sign-up and cancelling, calendar files, and the staff pages. */
type SlugParams = { slug: string };

export const eventRoutes: FastifyPluginAsync = async (app) => {
  const { events } = app.supporters;
  const host = new URL(app.config.baseUrl).host;
  const toCalendar = (event: Selectable<EventsTable>): CalendarEvent => ({
    uid: `${event.id}@${host}`,
    title: event.title,
    description: `${event.summary}\n\nDetails and how to join: ${app.config.baseUrl}/events/${event.slug}`,
    location: event.location,
    url: `${app.config.baseUrl}/events/${event.slug}`,
    startsAt: event.starts_at,
    endsAt: event.ends_at,
  });

  app.get('/events', { config: { access: 'public' } }, async (_request, reply) => {
    const list = await events.upcoming();
    return reply.page('supporters/events.njk', {
      events: list.map((e) => ({ ...e, when: formatEventTime(e.starts_at), placesLeft: Math.max(0, e.capacity - Number(e.booked ?? 0)) })),
    });
  });

  app.get('/events/calendar.ics', { config: { access: 'public' } }, async (_request, reply) => {
    const list = await events.upcoming();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="hearth-events.ics"')
      .send(calendar('Hearth events', list.map(toCalendar)));
  });

  async function eventPage(request: FastifyRequest, reply: FastifyReply, slug: string) {
    const event = await events.bySlug(slug);
    if (!event) throw eventNotFound();
    const registration = request.principal ? await events.registrationOf(event.id, request.principal.id) : null;
    return reply.page('supporters/event.njk', {
      event,
      when: formatEventTime(event.starts_at),
      until: formatEventTime(event.ends_at),
      descriptionHtml: renderMarkdown(event.description_markdown, 'content'),
      registration,
      past: event.starts_at.getTime() <= Date.now(),
    });
  }

  app.get<{ Params: SlugParams }>('/events/:slug', { config: { access: 'public' } }, async (request, reply) =>
    eventPage(request, reply, request.params.slug),
  );

  app.get<{ Params: SlugParams }>('/events/:slug/calendar.ics', { config: { access: 'public' } }, async (request, reply) => {
    const event = await events.bySlug(request.params.slug);
    if (!event) throw eventNotFound();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
      .send(calendar(event.title, [toCalendar(event)]));
  });

  app.post<{ Params: SlugParams }>('/events/:slug/sign-up', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const event = await events.bySlug(request.params.slug);
    if (!event) throw eventNotFound();
    const result = await events.signUp(event.id, principal);
    if (result === 'not-found') throw eventNotFound();
    const flash: Flash =
      result === 'past'
        ? { kind: 'important', heading: 'This event has already started, so sign-up has closed' }
        : result.status === 'booked'
          ? { kind: 'success', heading: 'You have a place', text: 'We have emailed you the details. Add the event to your calendar below.' }
          : {
              kind: 'success',
              heading: 'You are on the wait-list',
              text: 'The event is full. If a place comes free it is yours, and we will email you.',
            };
    return reply.flashAndRedirect(flash, `/events/${event.slug}`);
  });

  app.post<{ Params: SlugParams }>('/events/:slug/cancel', { config: { access: 'signed-in' } }, async (request, reply) => {
    const event = await events.bySlug(request.params.slug);
    if (!event) throw eventNotFound();
    const result = await events.cancel(event.id, requirePrincipal(request).id);
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: result === 'cancelled' ? 'You have cancelled' : 'You were not signed up to this event',
        text: result === 'cancelled' ? 'Thank you for letting us know.' : undefined,
      },
      `/events/${event.slug}`,
    );
  });

  // Staff

  app.get('/admin/events', { config: STAFF }, async (_request, reply) => {
    const list = await events.upcoming();
    return reply.page('supporters/admin-events.njk', { events: list.map((e) => ({ ...e, when: formatEventTime(e.starts_at) })) });
  });

  function newEventPage(reply: FastifyReply, form: { errors?: FieldError[]; values?: FormValues } = {}) {
    return reply.page('supporters/admin-event-new.njk', form);
  }

  app.get('/admin/events/new', { config: STAFF }, async (_request, reply) => newEventPage(reply));

  app.post('/admin/events/new', { config: STAFF }, async (request, reply) => {
    const form = eventForm.parse(request.body);
    if (!form.ok) return newEventPage(reply.code(400), form);
    const startsAt = londonTime(form.data.date, form.data.startTime);
    const created = await events.create(
      {
        title: form.data.title,
        summary: form.data.summary,
        description: form.data.description,
        location: form.data.location,
        online: form.data.online === 'yes',
        startsAt,
        endsAt: new Date(startsAt.getTime() + Number(form.data.hours) * 3_600_000),
        capacity: Number(form.data.capacity),
      },
      actorOf(request),
    );
    return reply.flashAndRedirect(
      { kind: 'success', heading: 'Event published', text: 'It is now on the events page.' },
      `/events/${created.slug}`,
    );
  });

  /** Who is coming, for the organisers; the service audits the reading. */
  app.get<{ Params: { id: string } }>('/admin/events/:id/attendees.csv', { config: STAFF }, async (request, reply) => {
    const event = await events.byId(request.params.id);
    if (!event) throw eventNotFound();
    const rows = await events.attendees(actorOf(request), event.id);
    const lines = [
      ['Name', 'Email', 'Status', 'Signed up', 'Given a place from the wait-list'],
      ...rows.map((r) => [
        r.display_name,
        r.email,
        r.status === 'booked' ? 'Booked' : 'Wait-list',
        r.created_at.toISOString(),
        r.promoted_at ? r.promoted_at.toISOString() : '',
      ]),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}-attendees.csv"`)
      .header('cache-control', 'no-store')
      .send(toCsv(lines));
  });
};
