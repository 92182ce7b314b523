import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { describeSlot } from './service.js';
import { LINE } from '../opening-hours/line.js';
import { callbackForm, formFields, HONEYPOT } from '../forms.js';
import { formatClock, formatWeekday, londonClock } from '../../../platform/time.js';
import type { Slot } from './slots.js';

const PUBLIC = { access: 'public' } as const;
const CONFIRMATION = 'helpline.confirmation';

interface Confirmation {
  reference: string;
  slot: string;
  email: boolean;
}

/** The free slots as radio items, with each day's name as a divider so that 55 times read as five short lists. */
function slotItems(slots: readonly Slot[], chosen: string | undefined) {
  const items: Record<string, unknown>[] = [];
  let day = '';
  for (const slot of slots) {
    if (slot.date !== day) {
      day = slot.date;
      items.push({ divider: formatWeekday(slot.startsAt) });
    }
    const value = slot.startsAt.toISOString();
    items.push({
      value,
      html: `<span class="govuk-visually-hidden">${formatWeekday(slot.startsAt)}, </span>${formatClock(slot.startsAt)} to ${formatClock(slot.endsAt)}`,
      checked: value === chosen,
    });
  }
  return items;
}

const PROBLEMS: Record<'slot-gone' | 'slot-full', FieldError> = {
  'slot-gone': { field: 'slot', text: 'That time is no longer available. Choose another time' },
  'slot-full': { field: 'slot', text: 'Someone has just taken the last place at that time. Choose another time' },
};

/** The advice line for families: how it works, whether it is open now, and asking for a call back. */
export const familyHelplineRoutes: FastifyPluginAsync = async (app) => {
  const helpline = app.helpline;
  const perHour = helpline.settings.requestsPerHour;

  async function renderForm(
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FieldError[],
    template = 'helpline/advice-line/callback.njk',
  ) {
    const [line, slots] = await Promise.all([helpline.status(), helpline.freeSlots()]);
    const chosen = typeof values.slot === 'string' ? values.slot : undefined;
    return reply.page(template, {
      retentionMonths: helpline.settings.retentionMonths,
      line,
      slotItems: slotItems(slots, chosen),
      hasSlots: slots.length > 0,
      values,
      errors,
    });
  }

  // Not cached: whether the line is open changes with the clock, and the callback form carries a CSRF token.
  app.get('/advice-line', { config: PUBLIC }, async (_request, reply) =>
    renderForm(reply, {}, undefined, 'helpline/advice-line/index.njk'),
  );

  app.get('/advice-line/callback', { config: PUBLIC }, async (_request, reply) => renderForm(reply));

  app.post(
    '/advice-line/callback',
    { config: { ...PUBLIC, rateLimit: { max: perHour, timeWindow: '1 hour' } } },
    async (request, reply) => {
      const body = formFields(request.body);
      const form = callbackForm.parse(body);
      if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
        request.log.info('callback request refused: the hidden field was filled in');
        const error = { field: 'name', text: 'Your request could not be sent. Phone us free instead, or try again later' };
        return renderForm(reply.code(400), form.values, [error]);
      }
      if (!form.ok) return renderForm(reply.code(400), form.values, form.errors);
      const { data } = form;
      const outcome = await helpline.requestCallback({
        ...data,
        safeToLeaveMessage: data.safeToLeaveMessage === 'yes',
        forSomeoneElse: data.forSomeoneElse === 'yes',
      });
      if (!outcome.ok) return renderForm(reply.code(409), { ...form.values, slot: '' }, [PROBLEMS[outcome.problem]]);
      request.session.set(CONFIRMATION, {
        reference: outcome.reference,
        slot: outcome.slot.startsAt.toISOString(),
        email: data.email !== '',
      } satisfies Confirmation);
      return reply.redirect('/advice-line/callback/confirmation', 303);
    },
  );

  app.get('/advice-line/callback/confirmation', { config: PUBLIC }, async (request, reply) => {
    const confirmation = request.session.get<Confirmation>(CONFIRMATION);
    if (!confirmation) return reply.redirect('/advice-line/callback', 303);
    const startsAt = new Date(confirmation.slot);
    const endsAt = new Date(startsAt.getTime() + LINE.slotMinutes * 60_000);
    return reply.page('helpline/advice-line/confirmation.njk', {
      reference: confirmation.reference,
      when: describeSlot({ startsAt, endsAt }),
      today: londonClock(startsAt).date === londonClock(new Date()).date,
      emailed: confirmation.email,
      line: await helpline.status(),
    });
  });
};
