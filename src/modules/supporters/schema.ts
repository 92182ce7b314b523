import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SubscriberStatus = 'pending' | 'subscribed' | 'unsubscribed' | 'bounced' | 'complained';

export interface NewsletterSubscribersTable {
  id: Generated<string>;
  email: string;
  status: SubscriberStatus;
  confirm_token_hash: string | null;
  confirm_expires_at: Timestamp | null;
  consent_wording_version: string | null;
  consent_method: string | null;
  consented_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  bounce_count: ColumnType<number, number | undefined, number>;
  requested_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface NewsletterConsentEventsTable {
  id: Generated<number>;
  subscriber_id: string;
  event: 'requested' | 'confirmed' | 'unsubscribed' | 'resubscribed' | 'bounced' | 'complained';
  wording_version: string | null;
  method: string;
  at: CreatedAt;
}

/** A content item as it was when the editor picked it, so a sent issue never changes afterwards. */
export interface IssueItem {
  title: string;
  summary: string;
  path: string;
  type: string;
}

export interface NewsletterIssuesTable {
  id: Generated<string>;
  slug: string;
  subject: string;
  intro_markdown: string;
  items: Json<IssueItem[]>;
  status: 'draft' | 'sending' | 'sent';
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  send_started_at: Timestamp | null;
  recipient_count: number | null;
  batches_total: number | null;
  batches_done: ColumnType<number, number | undefined, number>;
}

export interface NewsletterDeliveriesTable {
  issue_id: string;
  subscriber_id: string;
  batch: number;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  sent_at: Timestamp | null;
  error: string | null;
}

export interface EventsTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: string;
  description_markdown: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: string;
  online: boolean;
  capacity: number;
  created_at: CreatedAt;
}

export type RegistrationStatus = 'booked' | 'waiting' | 'cancelled';

export interface EventRegistrationsTable {
  id: Generated<string>;
  event_id: string;
  user_id: string;
  status: RegistrationStatus;
  created_at: CreatedAt;
  promoted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  reminder_sent_at: Timestamp | null;
}

export interface GiftAidDeclarationsTable {
  id: Generated<string>;
  user_id: string | null;
  title: string;
  first_name: string;
  last_name: string;
  house_name_or_number: string;
  address: string;
  postcode: string;
  wording_version: string;
  wording: string;
  declared_at: CreatedAt;
  cancelled_at: Timestamp | null;
}

export type PledgeStatus = 'awaiting-payment' | 'active' | 'completed' | 'cancelled';

export interface PledgesTable {
  id: Generated<string>;
  reference: string;
  user_id: string | null;
  amount_pence: number;
  frequency: 'one-off' | 'monthly';
  provider: string;
  provider_reference: string | null;
  status: PledgeStatus;
  gift_aid_declaration_id: string | null;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
}

export interface PledgePaymentsTable {
  id: Generated<string>;
  pledge_id: string;
  amount_pence: number;
  /** A calendar date, 'YYYY-MM-DD'. */
  received_on: ColumnType<string, string, string>;
  recorded_by: string | null;
  gift_aid_claimed_at: Timestamp | null;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    newsletter_subscribers: NewsletterSubscribersTable;
    newsletter_consent_events: NewsletterConsentEventsTable;
    newsletter_issues: NewsletterIssuesTable;
    newsletter_deliveries: NewsletterDeliveriesTable;
    events: EventsTable;
    event_registrations: EventRegistrationsTable;
    gift_aid_declarations: GiftAidDeclarationsTable;
    pledges: PledgesTable;
    pledge_payments: PledgePaymentsTable;
  }
}
