import { sql } from 'kysely';
import type { Actor, AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';
import { formatEventTime } from '../../../platform/time.js';
import type { RegistrationStatus } from '../schema.js';

export const REMINDER_JOB = 'events.send-reminders';
/** How long before an event its reminder goes out. */
const REMINDER_HOURS = 24;

export interface NewEvent {
  title: string;
  summary: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  online: boolean;
  capacity: number;
}

export type SignUpResult = { status: 'booked' | 'waiting'; already: boolean } | 'not-found' | 'past';

/**
 * Events with a capacity and a wait-list. Every booking and cancellation locks the event's row first, so that two
 * people can never both take the last place, whichever database is underneath.
 */
export function createEvents(deps: { db: Db; mailer: Mailer; audit: AuditLog; baseUrl: string }) {
  const { db, mailer, baseUrl } = deps;
  const eventUrl = (slug: string) => `${baseUrl}/events/${slug}`;

  async function upcoming() {
    return db
      .selectFrom('events as e')
      .selectAll('e')
      .select((eb) =>
        eb
          .selectFrom('event_registrations as r')
          .select((eb2) => eb2.fn.countAll<number>().as('n'))
          .whereRef('r.event_id', '=', 'e.id')
          .where('r.status', '=', 'booked')
          .as('booked'),
      )
      .where('e.ends_at', '>', new Date())
      .orderBy('e.starts_at')
      .limit(200)
      .execute();
  }

  async function bySlug(slug: string) {
    const event = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!event) return null;
    const { booked } = await db
      .selectFrom('event_registrations')
      .select((eb) => eb.fn.countAll<number>().as('booked'))
      .where('event_id', '=', event.id)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    return { ...event, booked: Number(booked), placesLeft: Math.max(0, event.capacity - Number(booked)) };
  }

  async function registrationOf(eventId: string, userId: string) {
    return (
      (await db
        .selectFrom('event_registrations')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('user_id', '=', userId)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst()) ?? null
    );
  }

  async function create(event: NewEvent, actor: Actor) {
    const base = event.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
    return db.transaction().execute(async (trx) => {
      const stem = `${event.startsAt.toISOString().slice(0, 10)}-${base || 'event'}`;
      const taken = await trx.selectFrom('events').select('slug').where('slug', 'like', `${stem}%`).execute();
      const slug = taken.length === 0 ? stem : `${stem}-${taken.length + 1}`;
      const row = await trx
        .insertInto('events')
        .values({
          slug,
          title: event.title,
          summary: event.summary,
          description_markdown: event.description,
          starts_at: event.startsAt,
          ends_at: event.endsAt,
          location: event.location,
          online: event.online,
          capacity: event.capacity,
        })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
      await deps.audit.record({ actor, action: 'events.created', subjectType: 'event', subjectId: row.id }, trx);
      return row;
    });
  }

  async function signUp(eventId: string, user: { id: string; email: string }): Promise<SignUpResult> {
    return db.transaction().execute(async (trx) => {
      // The lock that makes the count below true until this transaction ends.
      const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).forUpdate().executeTakeFirst();
      if (!event) return 'not-found';
      if (event.starts_at.getTime() <= Date.now()) return 'past';
      const existing = await trx
        .selectFrom('event_registrations')
        .select('status')
        .where('event_id', '=', eventId)
        .where('user_id', '=', user.id)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst();
      if (existing) return { status: existing.status as 'booked' | 'waiting', already: true };
      const { booked } = await trx
        .selectFrom('event_registrations')
        .select((eb) => eb.fn.countAll<number>().as('booked'))
        .where('event_id', '=', eventId)
        .where('status', '=', 'booked')
        .executeTakeFirstOrThrow();
      const status: 'booked' | 'waiting' = Number(booked) < event.capacity ? 'booked' : 'waiting';
      await trx.insertInto('event_registrations').values({ event_id: eventId, user_id: user.id, status }).execute();
      const link = eventUrl(event.slug);
      await mailer.send(
        status === 'booked'
          ? {
              to: user.email,
              subject: `Your place at ${event.title}`,
              text: `You have a place at ${event.title}, ${formatEventTime(event.starts_at)} (UK time).\n\nWhere: ${event.location}\n\nAdd it to your calendar: ${link}/calendar.ics\nIf you cannot come, please cancel so that someone on the wait-list can have your place: ${link}\n`,
            }
          : {
              to: user.email,
              subject: `You are on the wait-list for ${event.title}`,
              text: `${event.title} is full, so you are on its wait-list. If a place comes free, it is yours, and we will email you straight away.\n\nYou can leave the wait-list at any time: ${link}\n`,
            },
        trx,
      );
      return { status, already: false };
    });
  }

  /** Cancels the person's place or wait-list entry. A freed place goes to the person who has waited longest. */
  async function cancel(eventId: string, userId: string): Promise<'cancelled' | 'not-registered'> {
    return db.transaction().execute(async (trx) => {
      const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).forUpdate().executeTakeFirst();
      if (!event) return 'not-registered';
      const cancelled = await trx
        .updateTable('event_registrations')
        .set({ status: 'cancelled', cancelled_at: new Date() })
        .where('event_id', '=', eventId)
        .where('user_id', '=', userId)
        .where('status', '<>', 'cancelled')
        .returning('id')
        .executeTakeFirst();
      if (!cancelled) return 'not-registered';
      await fillFreedPlaces(trx, event);
      return 'cancelled';
    });
  }

  /** Gives any free places to the wait-list in the order people joined it, and tells them. Runs inside the event's lock. */
  async function fillFreedPlaces(
    trx: Db,
    event: { id: string; slug: string; title: string; capacity: number; starts_at: Date; location: string },
  ) {
    if (event.starts_at.getTime() <= Date.now()) return;
    const { booked } = await trx
      .selectFrom('event_registrations')
      .select((eb) => eb.fn.countAll<number>().as('booked'))
      .where('event_id', '=', event.id)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    const free = event.capacity - Number(booked);
    if (free <= 0) return;
    const promoted = await trx
      .updateTable('event_registrations')
      .set({ status: 'booked', promoted_at: new Date() })
      .where(
        'id',
        'in',
        trx
          .selectFrom('event_registrations')
          .select('id')
          .where('event_id', '=', event.id)
          .where('status', '=', 'waiting')
          .orderBy('created_at')
          .orderBy('id')
          .limit(free),
      )
      .returning('user_id')
      .execute();
    for (const { user_id } of promoted) {
      const user = await trx.selectFrom('users').select('email').where('id', '=', user_id).executeTakeFirst();
      if (!user) continue;
      await mailer.send(
        {
          to: user.email,
          subject: `A place has come free: you are booked on ${event.title}`,
          text: `Good news: a place came free at ${event.title}, and it is yours.\n\nWhen: ${formatEventTime(event.starts_at)} (UK time)\nWhere: ${event.location}\n\nAdd it to your calendar: ${eventUrl(event.slug)}/calendar.ics\nIf you can no longer come, please cancel: ${eventUrl(event.slug)}\n`,
        },
        trx,
      );
    }
  }

  /** The recurring job: reminds everyone booked on an event that starts within a day. Marking and mailing commit together. */
  async function sendReminders(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .updateTable('event_registrations as r')
        .set({ reminder_sent_at: new Date() })
        .from('events as e')
        .from('users as u')
        .whereRef('e.id', '=', 'r.event_id')
        .whereRef('u.id', '=', 'r.user_id')
        .where('r.status', '=', 'booked')
        .where('r.reminder_sent_at', 'is', null)
        .where('e.starts_at', '>', new Date())
        .where('e.starts_at', '<=', new Date(Date.now() + REMINDER_HOURS * 3_600_000))
        .returning(['u.email', 'e.title', 'e.slug', 'e.starts_at', 'e.location'])
        .execute();
      for (const row of due) {
        await mailer.send(
          {
            to: row.email,
            subject: `Reminder: ${row.title} is soon`,
            text: `A reminder that you have a place at ${row.title}.\n\nWhen: ${formatEventTime(row.starts_at)} (UK time)\nWhere: ${row.location}\n\nIf you can no longer come, please cancel so that someone else can have your place: ${eventUrl(row.slug)}\n`,
          },
          trx,
        );
      }
      return due.length;
    });
  }

  /** Who is coming, for the organisers. Reading it is an access to people's records, so it is audited. */
  async function attendees(actor: Actor, eventId: string) {
    const rows = await db
      .selectFrom('event_registrations as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.display_name', 'u.email', 'r.status', 'r.created_at', 'r.promoted_at'])
      .where('r.event_id', '=', eventId)
      .where('r.status', '<>', 'cancelled')
      .orderBy(sql`case when r.status = 'booked' then 0 else 1 end`)
      .orderBy('r.created_at')
      .execute();
    const details = { rows: rows.length };
    await deps.audit.record({ actor, action: 'events.attendees-exported', subjectType: 'event', subjectId: eventId, details });
    return rows;
  }

  async function byId(id: string) {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    return (await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async function registrationsOf(userId: string) {
    return db
      .selectFrom('event_registrations as r')
      .innerJoin('events as e', 'e.id', 'r.event_id')
      .select(['e.title', 'e.slug', 'e.starts_at', 'r.status', 'r.created_at', 'r.cancelled_at', 'r.reminder_sent_at'])
      .where('r.user_id', '=', userId)
      .orderBy('e.starts_at')
      .execute();
  }

  /** For deleting an account: gives up every future place (passing it to the wait-list), then forgets the person. */
  async function erasePerson(userId: string): Promise<void> {
    const active = await db
      .selectFrom('event_registrations')
      .select('event_id')
      .where('user_id', '=', userId)
      .where('status', '<>', 'cancelled')
      .execute();
    for (const { event_id } of active) await cancel(event_id, userId);
    await db.deleteFrom('event_registrations').where('user_id', '=', userId).execute();
  }

  return { upcoming, bySlug, byId, registrationOf, create, signUp, cancel, sendReminders, attendees, registrationsOf, erasePerson };
}

export type Events = ReturnType<typeof createEvents>;
export type { RegistrationStatus };
