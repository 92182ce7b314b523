import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('advice_flows')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('published_version', 'integer')
    .addColumn('draft', 'jsonb')
    .addColumn('draft_updated_at', 'timestamptz')
    .addColumn('draft_updated_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('advice_flow_versions')
    .addColumn('slug', 'text', (c) => c.notNull().references('advice_flows.slug'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'uuid')
    .addPrimaryKeyConstraint('advice_flow_versions_pk', ['slug', 'version'])
    .execute();
  await db.schema
    .createTable('advice_flow_counts')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('advice_flow_counts_pk', ['slug', 'version', 'step', 'event'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('advice_flow_counts').execute();
  await db.schema.dropTable('advice_flow_versions').execute();
  await db.schema.dropTable('advice_flows').execute();
}
