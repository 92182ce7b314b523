import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

export async function up(db: Kysely<unknown>): Promise<void> {
  // The newsletter list. Subscribers need no account: an email address and the consent they gave are enough.
  await db.schema
    .createTable('newsletter_subscribers')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'subscribed', 'unsubscribed', 'bounced', 'complained')`),
    )
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirm_expires_at', 'timestamptz')
    .addColumn('consent_wording_version', 'text')
    .addColumn('consent_method', 'text')
    .addColumn('consented_at', 'timestamptz')
    .addColumn('unsubscribed_at', 'timestamptz')
    .addColumn('bounce_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requested_at', 'timestamptz', now)
    .addCheckConstraint('newsletter_subscribers_email_is_lower_case', sql`email = lower(email)`)
    .execute();
  await db.schema.createIndex('newsletter_subscribers_status').on('newsletter_subscribers').column('status').execute();

  // Every change of consent, so that "what did they agree to, when, and how" can always be answered.
  await db.schema
    .createTable('newsletter_consent_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'uuid', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('wording_version', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('newsletter_consent_events_subscriber').on('newsletter_consent_events').column('subscriber_id').execute();

  await db.schema
    .createTable('newsletter_issues')
    .addColumn('id', 'uuid', id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro_markdown', 'text', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'sending', 'sent')`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addColumn('send_started_at', 'timestamptz')
    .addColumn('recipient_count', 'integer')
    .addColumn('batches_total', 'integer')
    .addColumn('batches_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // One row per recipient of an issue. Jobs send them a batch at a time; a row's status makes a repeated job harmless.
  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'uuid', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sent', 'failed', 'skipped')`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('newsletter_deliveries_pk', ['issue_id', 'subscriber_id'])
    .execute();
  await db.schema.createIndex('newsletter_deliveries_batch').on('newsletter_deliveries').columns(['issue_id', 'batch']).execute();
  await db.schema.createIndex('newsletter_deliveries_subscriber').on('newsletter_deliveries').column('subscriber_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description_markdown', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('online', 'boolean', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('events_end_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('events_starts_at').on('events').column('starts_at').execute();

  await db.schema
    .createTable('event_registrations')
    .addColumn('id', 'uuid', id)
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('booked', 'waiting', 'cancelled')`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('promoted_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('reminder_sent_at', 'timestamptz')
    .execute();
  await sql`create unique index event_registrations_one_per_person on event_registrations (event_id, user_id) where status <> 'cancelled'`.execute(
    db,
  );
  await db.schema.createIndex('event_registrations_user').on('event_registrations').column('user_id').execute();

  // What HMRC requires of a Gift Aid declaration. Kept after an account is deleted, for as long as HMRC may ask.
  await db.schema
    .createTable('gift_aid_declarations')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('house_name_or_number', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('wording_version', 'text', (c) => c.notNull())
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'timestamptz', now)
    .addColumn('cancelled_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', 'uuid', id)
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('amount_pence', 'integer', (c) => c.notNull().check(sql`amount_pence > 0`))
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('one-off', 'monthly')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_reference', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaiting-payment', 'active', 'completed', 'cancelled')`))
    .addColumn('gift_aid_declaration_id', 'uuid', (c) => c.references('gift_aid_declarations.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('pledges_user').on('pledges').column('user_id').execute();

  // Money actually received against a pledge, recorded by staff (the manual provider) or by a provider's webhook.
  await db.schema
    .createTable('pledge_payments')
    .addColumn('id', 'uuid', id)
    .addColumn('pledge_id', 'uuid', (c) => c.notNull().references('pledges.id'))
    .addColumn('amount_pence', 'integer', (c) => c.notNull().check(sql`amount_pence > 0`))
    .addColumn('received_on', 'text', (c) => c.notNull().check(sql`received_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('recorded_by', 'uuid')
    .addColumn('gift_aid_claimed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('pledge_payments_pledge').on('pledge_payments').column('pledge_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'pledge_payments',
    'pledges',
    'gift_aid_declarations',
    'event_registrations',
    'events',
    'newsletter_deliveries',
    'newsletter_issues',
    'newsletter_consent_events',
    'newsletter_subscribers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
