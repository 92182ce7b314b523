import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { requirePrincipal, RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { giftAidForm, paymentForm, pledgeForm } from '../forms.js';
import { GIFT_AID_WORDING } from './gift-aid.js';
import type { GiftAidDetails } from './service.js';

const FINANCE = RULES.admins;

/** Giving: the support page, making and cancelling pledges, and the staff side (payments received, Gift Aid claims). */
export const pledgeRoutes: FastifyPluginAsync = async (app) => {
  const { pledges, provider } = app.supporters;

  app.get('/support', { config: { access: 'public', publicCache: true } }, async (_request, reply) => reply.page('supporters/support.njk'));

  function pledgePage(reply: FastifyReply, form: { errors?: FieldError[]; values?: FormValues } = {}) {
    return reply.page('supporters/pledge.njk', { ...form, wording: GIFT_AID_WORDING });
  }

  app.get('/support/pledge', { config: { access: 'signed-in' } }, async (_request, reply) => pledgePage(reply));

  app.post('/support/pledge', { config: { access: 'signed-in' } }, async (request, reply) => {
    const pledge = pledgeForm.parse(request.body);
    const wantsGiftAid = pledge.values.giftAid === 'yes';
    const giftAid = wantsGiftAid ? giftAidForm.parse(request.body) : null;
    const errors = [...(pledge.ok ? [] : pledge.errors), ...(giftAid && !giftAid.ok ? giftAid.errors : [])];
    const confirmations = giftAid ? [giftAid.values.confirm ?? []].flat() : [];
    if (giftAid && !errors.some((e) => e.field === 'confirm') && !['uk-taxpayer', 'shortfall'].every((c) => confirmations.includes(c))) {
      errors.push({ field: 'confirm', text: 'Confirm both statements to add Gift Aid' });
    }
    if (!pledge.ok || (giftAid && !giftAid.ok) || errors.length > 0) {
      return pledgePage(reply.code(400), { errors, values: { ...pledge.values, ...(giftAid?.values ?? {}) } });
    }
    const details: GiftAidDetails | null = giftAid?.ok
      ? {
          title: giftAid.data.title,
          firstName: giftAid.data.firstName,
          lastName: giftAid.data.lastName,
          houseNameOrNumber: giftAid.data.houseNameOrNumber,
          address: giftAid.data.address,
          postcode: giftAid.data.postcode,
        }
      : null;
    const created = await pledges.create(
      { amountPence: pledge.data.amount, frequency: pledge.data.frequency, giftAid: details },
      signedInActorOf(request),
    );
    return reply.redirect(`/support/pledges/${created.reference}`, 303);
  });

  app.get('/support/pledges', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    return reply.page('supporters/my-pledges.njk', { pledges: await pledges.mine(principal.id) });
  });

  app.get<{ Params: { reference: string } }>('/support/pledges/:reference', { config: { access: 'signed-in' } }, async (request, reply) => {
    const pledge = await pledges.byReference(request.params.reference, requirePrincipal(request).id);
    if (!pledge) throw new HttpError(404, 'Pledge not found', 'You have no pledge with this reference. See your pledges.', 'not-found');
    const howToPay = provider.howToPay({ reference: pledge.reference, amountPence: pledge.amount_pence, frequency: pledge.frequency });
    return reply.page('supporters/pledge-made.njk', { pledge, howToPay });
  });

  app.post<{ Params: { id: string } }>('/support/pledges/:id/cancel', { config: { access: 'signed-in' } }, async (request, reply) => {
    const cancelled = await pledges.cancel(request.params.id, signedInActorOf(request));
    if (!cancelled.ok) throw new HttpError(404, 'Pledge not found', 'You have no open pledge like that. See your pledges.', 'not-found');
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your pledge is cancelled',
        text: 'We have emailed you to confirm.',
      },
      '/support/pledges',
    );
  });

  // Staff: payments received, and the Gift Aid claim.

  async function adminPage(reply: FastifyReply, form: { errors?: FieldError[]; values?: FormValues } = {}) {
    return reply.page('supporters/admin-pledges.njk', { ...form, pledges: await pledges.all() });
  }

  app.get('/admin/supporters', { config: FINANCE }, async (_request, reply) => adminPage(reply));

  app.post('/admin/supporters/payments', { config: FINANCE }, async (request, reply) => {
    const form = paymentForm.parse(request.body);
    if (!form.ok) return adminPage(reply.code(400), form);
    const { reference, amount, received } = form.data;
    const result = await pledges.recordPayment(reference, amount, received, signedInActorOf(request));
    if (!result.ok)
      return adminPage(reply.code(400), {
        errors: [{ field: 'reference', text: 'There is no pledge with this reference' }],
        values: form.values,
      });
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: `Payment recorded against ${form.data.reference}`,
        text: 'The supporter has been thanked by email.',
      },
      '/admin/supporters',
    );
  });

  app.post('/admin/supporters/gift-aid-claim', { config: FINANCE }, async (request, reply) => {
    const { csv, lines } = await pledges.claimGiftAid(signedInActorOf(request));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="gift-aid-claim-${new Date().toISOString().slice(0, 10)}.csv"`)
      .header('x-hearth-claim-lines', String(lines))
      .header('cache-control', 'no-store')
      .send(csv);
  });
};
