import { sql, type Kysely } from 'kysely';

/** Drift alerts as last computed, and the digests sent (alerts/schema.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oversight_alerts')
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('due-soon', 'missed')`))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('worker_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('child_reference', 'text', (c) => c.notNull())
    .addColumn('child_initials', 'text', (c) => c.notNull())
    .addColumn('computed_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oversight_alerts_pkey', ['child_id', 'rule'])
    .execute();
  // The staff queue counts a team's or a worker's children with a missed timescale: only those rows are indexed.
  await db.schema
    .createIndex('oversight_alerts_missed_team')
    .on('oversight_alerts')
    .columns(['team_id', 'due_on'])
    .where(sql.ref('state'), '=', 'missed')
    .execute();
  await db.schema
    .createIndex('oversight_alerts_missed_worker')
    .on('oversight_alerts')
    .columns(['worker_id', 'due_on'])
    .where(sql.ref('state'), '=', 'missed')
    .execute();
  await db.schema.createIndex('oversight_alerts_team').on('oversight_alerts').column('team_id').execute();
  await db.schema.createIndex('oversight_alerts_worker').on('oversight_alerts').column('worker_id').execute();

  await db.schema
    .createTable('oversight_alert_digests')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('alerts', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('oversight_alert_digests_pkey', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oversight_alert_digests').execute();
  await db.schema.dropTable('oversight_alerts').execute();
}
