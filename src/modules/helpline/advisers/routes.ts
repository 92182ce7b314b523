import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requirePrincipal, RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { SUBJECTS, subjectName } from '../../../platform/subjects.js';
import { isUuid, type FieldError, type FormValues } from '../../../platform/validation.js';
import { OUTCOMES } from './service.js';
import { signedInActorOf } from '../../../platform/audit.js';
import { describeSlot } from '../callbacks/service.js';
import { callLogForm, closureForm, FOLLOW_UP_TIMES, formFields, parseFollowUp } from '../forms.js';
import { LINE } from '../opening-hours/line.js';
import { formatClock, formatWeekday, londonClock } from '../../../platform/time.js';

const ADVISERS = RULES.advisers;
const MANAGERS = RULES.lineManagers;

type IdParams = { id: string };

function notFound(): HttpError {
  return new HttpError(404, 'Page not found', 'There is no callback request at this address. Go back to the queue.', 'not-found');
}

const outcomeLabel = (code: string) => OUTCOMES.find((o) => o.code === code)?.label ?? code;
const slotOf = (startsAt: Date) => describeSlot({ startsAt, endsAt: new Date(startsAt.getTime() + LINE.slotMinutes * 60_000) });
const when = (at: Date) => `${formatWeekday(at)} at ${formatClock(at)}`;

/** The advisers' side: the queue of callbacks, one request at a time, and for managers the weekly figures and closures. */
export const adviserHelplineRoutes: FastifyPluginAsync = async (app) => {
  const helpline = app.helpline;

  app.get('/advisers/queue', { config: ADVISERS }, async (request, reply) => {
    const me = requirePrincipal(request);
    const now = new Date();
    const rows = (await helpline.queue()).map((row) => ({
      id: row.id,
      reference: row.reference,
      due: when(new Date(row.due_at)),
      overdue: new Date(row.due_at) < now,
      followUp: row.first_called_at !== null,
      claimedBy: row.claimed_by === me.id ? 'you' : row.claimed_by_email,
      mine: row.claimed_by === me.id,
      waiting: row.status === 'waiting',
      repeat: row.open_for_number > 0,
    }));
    return reply.page('helpline/advisers/queue.njk', { rows, line: await helpline.status(now) });
  });

  app.post<{ Params: IdParams }>('/advisers/queue/:id/claim', { config: ADVISERS }, async (request, reply) => {
    const { id } = request.params;
    if (!isUuid(id)) throw notFound();
    if ((await helpline.claim(id, signedInActorOf(request))).ok) return reply.redirect(`/advisers/callbacks/${id}`, 303);
    return reply.flashAndRedirect(
      { kind: 'important', heading: 'Someone else has taken that request', text: 'Choose another from the queue.' },
      '/advisers/queue',
    );
  });

  async function renderCallback(
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FieldError[],
  ) {
    const { id } = request.params;
    if (!isUuid(id)) throw notFound();
    const me = requirePrincipal(request);
    const found = await helpline.open(id, signedInActorOf(request));
    if (!found) throw notFound();
    const { callback, calls } = found;
    const tomorrow = londonClock(new Date(Date.now() + 86_400_000)).date.split('-');
    return reply.page('helpline/advisers/callback.njk', {
      callback: { ...callback, slot: slotOf(new Date(callback.slot_starts_at)), due: when(new Date(callback.due_at)) },
      calls: calls.map((call) => ({
        ...call,
        outcome: outcomeLabel(call.outcome),
        topics: call.topics.map((t) => subjectName(t) ?? t),
        at: when(new Date(call.created_at)),
        followUp: call.follow_up_at ? when(new Date(call.follow_up_at)) : null,
      })),
      mine: callback.status === 'claimed' && callback.claimed_by === me.id,
      outcomes: OUTCOMES,
      subjects: SUBJECTS,
      times: FOLLOW_UP_TIMES.map((t) => ({ value: t, text: formatClock(new Date(`2026-01-05T${t}:00Z`)) })),
      suggested: { day: tomorrow[2], month: tomorrow[1], year: tomorrow[0] },
      values,
      errors,
    });
  }

  app.get<{ Params: IdParams }>('/advisers/callbacks/:id', { config: ADVISERS }, async (request, reply) => renderCallback(request, reply));

  app.post<{ Params: IdParams }>('/advisers/callbacks/:id/release', { config: ADVISERS }, async (request, reply) => {
    const { id } = request.params;
    if (!isUuid(id)) throw notFound();
    if ((await helpline.release(id, signedInActorOf(request))).ok) {
      return reply.flashAndRedirect({ kind: 'success', heading: 'The request is back in the queue' }, '/advisers/queue');
    }
    return reply.redirect('/advisers/queue', 303);
  });

  app.post<{ Params: IdParams }>('/advisers/callbacks/:id/log', { config: ADVISERS }, async (request, reply) => {
    const { id } = request.params;
    if (!isUuid(id)) throw notFound();
    const body = formFields(request.body);
    const form = callLogForm.parse(body);
    const followUp = form.ok && form.data.next === 'follow-up' ? parseFollowUp(body) : null;
    const errors = [...(form.ok ? [] : form.errors), ...(followUp && 'error' in followUp ? [followUp.error] : [])];
    const values = { ...form.values, ...followUpValues(body) };
    if (!form.ok || errors.length > 0) return renderCallback(request, reply.code(400), values, errors);
    const followUpAt = followUp && 'value' in followUp ? followUp.value : null;
    const logged = await helpline.logCall(id, { ...form.data, followUpAt }, signedInActorOf(request));
    if (!logged.ok) {
      if (logged.reason === 'not-found') throw notFound();
      const error = { field: 'outcome', text: 'Claim this request from the queue before you log a call on it' };
      return renderCallback(request, reply.code(409), values, [error]);
    }
    return reply.flashAndRedirect(
      logged.closed
        ? { kind: 'success', heading: 'Call logged and request closed' }
        : { kind: 'success', heading: 'Call logged', text: `The request is back in the queue, due ${when(followUpAt!)}.` },
      '/advisers/queue',
    );
  });

  app.get('/advisers/figures', { config: MANAGERS }, async (_request, reply) => {
    const figures = await helpline.weeklyFigures();
    const round = (n: number | null) => (n === null ? '–' : String(Math.round(n)));
    return reply.page('helpline/advisers/figures.njk', {
      weeks: figures.weeks.map((w) => ({
        ...w,
        week: formatWeekday(new Date(`${w.week}T12:00:00Z`)),
        median: round(w.medianMinutesAfterSlot),
        longest: round(w.longestMinutesAfterSlot),
        meanHours: w.meanHoursRequestToCall === null ? '–' : w.meanHoursRequestToCall.toFixed(1),
      })),
      topics: figures.topics.map((t) => ({ name: subjectName(t.topic) ?? t.topic, calls: t.calls })),
    });
  });

  async function renderClosures(reply: FastifyReply, values: FormValues = {}, errors?: FieldError[]) {
    const today = londonClock(new Date()).date;
    const closures = await helpline.closures.list(today);
    const holidays = helpline
      .bankHolidays()
      .filter((h) => h.date >= today)
      .slice(0, 10);
    const day = (date: string) => formatWeekday(new Date(`${date}T12:00:00Z`)) + ` ${date.slice(0, 4)}`;
    return reply.page('helpline/advisers/closures.njk', {
      closures: closures.map((c) => ({ ...c, label: day(c.date) })),
      holidays: holidays.map((h) => ({ ...h, label: day(h.date) })),
      lastHoliday: day(helpline.bankHolidays().at(-1)?.date ?? today),
      values,
      errors,
    });
  }

  app.get('/advisers/closures', { config: MANAGERS }, async (_request, reply) => renderClosures(reply));

  app.post('/advisers/closures', { config: MANAGERS }, async (request, reply) => {
    const form = closureForm.parse(formFields(request.body));
    if (!form.ok) return renderClosures(reply.code(400), form.values, form.errors);
    const { date, reason } = form.data;
    const added = await helpline.closures.add({ date, reason }, signedInActorOf(request));
    if (!added.ok)
      return renderClosures(reply.code(409), form.values, [{ field: 'date-day', text: 'The line is already closed that day' }]);
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Closure added',
        text: `The line will be closed on ${formatWeekday(new Date(`${date}T12:00:00Z`))}.`,
      },
      '/advisers/closures',
    );
  });

  app.post<{ Params: { date: string } }>('/advisers/closures/:date/remove', { config: MANAGERS }, async (request, reply) => {
    const { date } = request.params;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !(await helpline.closures.remove(date, signedInActorOf(request))).ok) {
      throw new HttpError(404, 'Page not found', 'There is no closure on that date.', 'not-found');
    }
    return reply.flashAndRedirect({ kind: 'success', heading: 'Closure removed' }, '/advisers/closures');
  });
};

function followUpValues(body: unknown): FormValues {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const keys = ['followUp-day', 'followUp-month', 'followUp-year', 'followUpTime'];
  return Object.fromEntries(keys.map((k) => [k, typeof input[k] === 'string' ? (input[k] as string) : '']));
}
