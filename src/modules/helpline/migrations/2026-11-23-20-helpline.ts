import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('helpline_callbacks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('slot_starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('safe_to_leave_message', 'boolean')
    .addColumn('for_someone_else', 'boolean')
    .addColumn('needs', 'text')
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'claimed', 'closed')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('first_called_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('purged_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('helpline_callbacks_queue').on('helpline_callbacks').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('helpline_callbacks_created').on('helpline_callbacks').column('created_at').execute();
  await db.schema.createIndex('helpline_callbacks_phone').on('helpline_callbacks').columns(['phone', 'status']).execute();
  await db.schema
    .createTable('helpline_slots')
    .addColumn('starts_at', 'timestamptz', (c) => c.primaryKey())
    .addColumn('taken', 'integer', (c) => c.notNull().check(sql`taken >= 0`))
    .execute();
  await db.schema
    .createTable('helpline_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('callback_id', 'uuid', (c) => c.notNull().references('helpline_callbacks.id').onDelete('cascade'))
    .addColumn('adviser_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('topics', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notes', 'text')
    .addColumn('follow_up_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('helpline_calls_callback').on('helpline_calls').column('callback_id').execute();
  await db.schema
    .createTable('helpline_closures')
    // Text, not date: both database drivers hand it back unchanged, with no local-time conversion on the way.
    .addColumn('date', 'text', (c) => c.primaryKey().check(sql`date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('helpline_closures').execute();
  await db.schema.dropTable('helpline_calls').execute();
  await db.schema.dropTable('helpline_slots').execute();
  await db.schema.dropTable('helpline_callbacks').execute();
}
