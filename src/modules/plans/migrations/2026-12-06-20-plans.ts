import { sql, type Kysely } from 'kysely';

// Days are text (YYYY-MM-DD, London), as elsewhere in Hearth: both drivers hand them back unchanged.
const day = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/**
 * Plans, their outcomes and actions, core groups, review conferences and the progress of each action at each review.
 * `child_id` names a child of the cases module's records without a foreign key: a module's tables are its own, and
 * the child is reached through the practice records contract.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('early-help', 'child-in-need', 'child-protection')`))
    .addColumn('category', 'text', (c) => c.check(sql`category in ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')`))
    .addColumn('started_on', 'text', (c) => c.notNull().check(day('started_on')))
    .addColumn('initial_conference_on', 'text', (c) => c.check(day('initial_conference_on')))
    .addColumn('next_review_on', 'text', (c) => c.check(day('next_review_on')))
    .addColumn('ended_on', 'text', (c) => c.check(day('ended_on')))
    .addColumn('end_reason', 'text')
    .addColumn('started_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_by_label', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A child protection plan has a category of abuse and an initial conference; other plans have neither.
    .addCheckConstraint(
      'plans_child_protection_fields',
      sql`(type = 'child-protection') = (category is not null) and (type = 'child-protection') = (initial_conference_on is not null)`,
    )
    .addCheckConstraint('plans_ended_with_reason', sql`(ended_on is null) = (end_reason is null)`)
    .execute();
  // At most one current plan of each type for a child: a second one is a mistake, or the first should have ended.
  await sql`create unique index plans_one_current_per_type on plans (child_id, type) where ended_on is null`.execute(db);
  await db.schema.createIndex('plans_child').on('plans').columns(['child_id', 'started_on']).execute();
  // The staff queue looks for current plans by their next review.
  await sql`create index plans_next_review on plans (next_review_on) where ended_on is null`.execute(db);

  await db.schema
    .createTable('plan_outcomes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('plan_outcomes_plan').on('plan_outcomes').columns(['plan_id', 'added_at']).execute();

  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull().check(sql`owner_kind in ('professional', 'family-member')`))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull().check(day('due_on')))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('plan_actions_plan').on('plan_actions').columns(['plan_id', 'added_at']).execute();

  await db.schema
    .createTable('plan_core_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull().check(day('held_on')))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('plan_core_groups_plan').on('plan_core_groups').columns(['plan_id', 'held_on']).execute();

  await db.schema
    .createTable('plan_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull().check(day('held_on')))
    .addColumn('next_review_on', 'text', (c) => c.check(day('next_review_on')))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plan_reviews_one_a_day', ['plan_id', 'held_on'])
    .execute();

  // Progress is written once per action per review and never changed: a later review adds its own marks.
  await db.schema
    .createTable('plan_progress')
    .addColumn('review_id', 'uuid', (c) => c.notNull().references('plan_reviews.id').onDelete('cascade'))
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('plan_actions.id').onDelete('cascade'))
    .addColumn('mark', 'text', (c) => c.notNull().check(sql`mark in ('done', 'partly', 'not-done')`))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_progress_pkey', ['review_id', 'action_id'])
    .execute();
  await db.schema.createIndex('plan_progress_action').on('plan_progress').columns(['action_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['plan_progress', 'plan_reviews', 'plan_core_groups', 'plan_actions', 'plan_outcomes', 'plans']) {
    await db.schema.dropTable(table).execute();
  }
}
