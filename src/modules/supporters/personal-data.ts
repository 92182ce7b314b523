import type { ModuleContext, PersonalDataHooks } from '../../platform/modules.js';
import type { Supporters } from './service.js';
import type { SendingSettings } from './newsletter/issues.js';

/**
 * What the supporters module holds about a person, for /account/data and subject access requests, and what deleting
 * their account removes. The newsletter list is keyed by email address, so it is found through the account's address.
 */
export const supportersPersonalData: PersonalDataHooks<ModuleContext<SendingSettings, Supporters>> = {
  async export({ platform, services: supporters }, userId) {
    const account = await platform.accounts.findById(userId);
    const newsletter = account ? await supporters.subscriptions.byEmail(account.email) : null;
    const pledges = await supporters.pledges.mine(userId);
    return {
      'Newsletter subscription': newsletter
        ? {
            email: newsletter.subscriber.email,
            status: newsletter.subscriber.status,
            consentWordingVersion: newsletter.subscriber.consent_wording_version,
            consentGiven: newsletter.subscriber.consented_at,
            howConsentWasGiven: newsletter.subscriber.consent_method,
            unsubscribed: newsletter.subscriber.unsubscribed_at,
            history: newsletter.history,
          }
        : null,
      Pledges: pledges.map((p) => ({
        reference: p.reference,
        amount: `£${(p.amount_pence / 100).toFixed(2)}`,
        frequency: p.frequency,
        status: p.status,
        made: p.created_at,
        cancelled: p.cancelled_at,
        paymentProvider: p.provider,
      })),
      'Payments received': (await supporters.pledges.paymentsOf(userId)).map((p) => ({
        pledge: p.reference,
        amount: `£${(p.amount_pence / 100).toFixed(2)}`,
        received: p.received_on,
        giftAidClaimed: p.gift_aid_claimed_at,
      })),
      'Gift Aid declarations': (await supporters.pledges.declarationsOf(userId)).map((d) => ({
        title: d.title,
        firstName: d.first_name,
        lastName: d.last_name,
        houseNameOrNumber: d.house_name_or_number,
        address: d.address,
        postcode: d.postcode,
        wording: d.wording,
        declared: d.declared_at,
        cancelled: d.cancelled_at,
      })),
      'Event sign-ups': (await supporters.events.registrationsOf(userId)).map((r) => ({
        event: r.title,
        starts: r.starts_at,
        status: r.status,
        signedUp: r.created_at,
        cancelled: r.cancelled_at,
        reminderSent: r.reminder_sent_at,
      })),
    };
  },

  async erase({ platform, services: supporters }, userId) {
    const account = await platform.accounts.findById(userId);
    if (account) await supporters.subscriptions.erase(account.email);
    await supporters.events.erasePerson(userId);
    await supporters.pledges.erasePerson(userId);
  },
};
