import type { Services } from '../../platform/services.js';
import { GIFT_AID_WORDING } from './pledges/gift-aid.js';
import { londonTime } from '../../platform/time.js';
import { NEWSLETTER_CONSENT } from './newsletter/subscriptions.js';

/** A date some days from now, in London, at a wall-clock time: demo events stay in the future whenever it is seeded. */
function daysAhead(days: number, time: string): Date {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return londonTime(day, time);
}

/**
 * Plainly fictional demo data: events (among them a virtual lobby of Parliament), newsletter issues and subscribers,
 * and the demo member as a supporter with a pledge, a Gift Aid declaration and an event place.
 */
export async function seedSupportersDemo(services: Services): Promise<void> {
  const { db } = services;
  const member = await db.selectFrom('users').select(['id', 'email']).where('email', '=', 'member@example.org').executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    const lobbyStart = daysAhead(30, '10:00');
    const [lobby] = await trx
      .insertInto('events')
      .values([
        {
          slug: 'virtual-lobby-kinship-care-week',
          title: 'Virtual lobby of Parliament for Kinship Care Week',
          summary: 'Meet your MP online and tell them what kinship carers need. We help you prepare and join you on the call.',
          description_markdown: [
            'Join other kinship carers and parents to speak to MPs about the support families need. This is a **demo event**: the details are fictional.',
            '',
            '## What happens',
            '',
            '- A 20-minute briefing from our policy team on what to ask for.',
            '- Short online meetings with MPs who have agreed to listen.',
            '- Time afterwards to talk about how it went.',
            '',
            'You do not need any experience of campaigning. You can keep your camera off, and you never have to share anything you do not want to.',
          ].join('\n'),
          starts_at: lobbyStart,
          ends_at: new Date(lobbyStart.getTime() + 2 * 3_600_000),
          location: 'Online (the joining link is emailed to everyone with a place)',
          online: true,
          capacity: 40,
        },
        {
          slug: 'webinar-child-protection-conferences',
          title: 'Webinar: what happens at a child protection conference',
          summary: 'An hour with an adviser on how conferences work, your rights, and how to have your say.',
          description_markdown:
            'An adviser explains, in plain words, what a child protection conference is for, who comes, and how you can take part. This is a **demo event** with fictional details. General information, not legal advice.',
          starts_at: daysAhead(12, '18:30'),
          ends_at: daysAhead(12, '19:30'),
          location: 'Online',
          online: true,
          capacity: 100,
        },
        {
          slug: 'supporters-coffee-morning',
          title: 'Supporters’ coffee morning in Northmoor',
          summary: 'Meet the team and other supporters. Small and friendly, so places are few.',
          description_markdown: 'A small get-together at a fictional community centre. This is a **demo event**.',
          starts_at: daysAhead(20, '10:30'),
          ends_at: daysAhead(20, '12:00'),
          location: 'Northmoor Community Centre, 1 Example Street, Northmoor (fictional)',
          online: false,
          capacity: 2,
        },
      ])
      .returning('id')
      .execute();

    const subscribers = ['sam.example@example.org', 'alex.sample@example.com', 'jo.demo@example.org'];
    for (const email of subscribers) {
      const row = await trx
        .insertInto('newsletter_subscribers')
        .values({
          email,
          status: 'subscribed',
          consented_at: new Date(),
          consent_wording_version: NEWSLETTER_CONSENT.version,
          consent_method: 'demo data',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('newsletter_consent_events')
        .values({ subscriber_id: row.id, event: 'confirmed', method: 'demo data', wording_version: NEWSLETTER_CONSENT.version })
        .execute();
    }
    await trx
      .insertInto('newsletter_issues')
      .values([
        {
          slug: 'november-news-from-hearth',
          subject: 'November news from Hearth',
          intro_markdown:
            'Hello,\n\nThis month we opened bookings for our **virtual lobby of Parliament** during Kinship Care Week, and our advisers answered more calls than ever. This newsletter is demo content: everything in it is fictional.\n\n[See our events](/events)',
          items: JSON.stringify([]),
          status: 'sent',
          send_started_at: new Date(Date.now() - 7 * 86_400_000),
          recipient_count: subscribers.length,
          batches_total: 1,
          batches_done: 1,
          updated_at: new Date(),
        },
        {
          slug: 'december-news-draft',
          subject: 'December news from Hearth',
          intro_markdown: 'Hello,\n\nA draft for editors to try: preview it, send yourself a test, then send it to the demo list.',
          items: JSON.stringify([]),
          status: 'draft',
          updated_at: new Date(),
        },
      ])
      .execute();

    if (!member || !lobby) return;
    await trx.insertInto('event_registrations').values({ event_id: lobby.id, user_id: member.id, status: 'booked' }).execute();
    const declaration = await trx
      .insertInto('gift_aid_declarations')
      .values({
        user_id: member.id,
        title: 'Mx',
        first_name: 'Demo',
        last_name: 'Member',
        house_name_or_number: '1',
        address: 'Example Street, Northmoor',
        postcode: 'ZZ99 1ZZ',
        wording_version: GIFT_AID_WORDING.version,
        wording: GIFT_AID_WORDING.text,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pledges')
      .values({
        reference: 'HP-DEMO2026',
        user_id: member.id,
        amount_pence: 1000,
        frequency: 'monthly',
        provider: 'manual',
        status: 'awaiting-payment',
        gift_aid_declaration_id: declaration.id,
      })
      .execute();
  });
}
