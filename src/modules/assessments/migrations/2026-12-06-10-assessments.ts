import { sql, type Kysely } from 'kysely';

const day = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/** The tables whose rows belong to one assessment and must not change once it is authorised. */
const PARTS = ['assessment_grades', 'assessment_domain_views', 'assessment_circumstances'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Frameworks are kept, every version, for as long as an assessment made with one may be read. The built-in default
  // is stored too (organisation_id null), each version once, the first time someone uses it.
  await db.schema
    .createTable('assessment_frameworks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index assessment_frameworks_version on assessment_frameworks
    (coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), version)`.execute(db);

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The child is the cases module's: no foreign key reaches into another module's tables.
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('framework_id', 'uuid', (c) => c.notNull().references('assessment_frameworks.id'))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('in-progress')
        .check(sql`state in ('in-progress', 'completed', 'authorised')`),
    )
    .addColumn('started_on', 'text', (c) => c.notNull().check(day('started_on')))
    .addColumn('completed_on', 'text', (c) => c.check(day('completed_on')))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('authorised_on', 'text', (c) => c.check(day('authorised_on')))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('authorised_by_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('authorised_by_label', 'text')
    .addColumn('child_words', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('returned_reason', 'text')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A completed assessment has the child's own words; an authorised one has a manager and a day.
    .addCheckConstraint(
      'assessments_completed_has_words',
      sql`state = 'in-progress' or (completed_on is not null and length(btrim(child_words)) > 0)`,
    )
    .addCheckConstraint('assessments_authorised_has_day', sql`state <> 'authorised' or authorised_on is not null`)
    .execute();
  // One assessment open (in progress or awaiting authorisation) per child.
  await sql`create unique index assessments_one_open on assessments (child_id) where state <> 'authorised'`.execute(db);
  await db.schema.createIndex('assessments_child').on('assessments').columns(['child_id', 'started_on']).execute();
  await sql`create index assessments_awaiting on assessments (team_id, completed_at) where state = 'completed'`.execute(db);
  await db.schema.createIndex('assessments_author').on('assessments').column('author_id').execute();

  // Everyone who wrote in an assessment: none of them may authorise it.
  await db.schema
    .createTable('assessment_authors')
    .addColumn('assessment_id', 'uuid', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('assessment_authors_pk', ['assessment_id', 'user_id'])
    .execute();
  await db.schema.createIndex('assessment_authors_user').on('assessment_authors').column('user_id').execute();

  // The child's needs, graded 1 (met well) to 4 (seldom met), each grade with the evidence for it.
  await db.schema
    .createTable('assessment_grades')
    .addColumn('assessment_id', 'uuid', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('grade', 'smallint', (c) => c.notNull().check(sql`grade between 1 and 4`))
    .addColumn('evidence', 'text', (c) => c.notNull().check(sql`length(btrim(evidence)) > 0`))
    .addPrimaryKeyConstraint('assessment_grades_pk', ['assessment_id', 'question_key'])
    .execute();

  // The professional's view and the parents' view of each domain, side by side.
  await db.schema
    .createTable('assessment_domain_views')
    .addColumn('assessment_id', 'uuid', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('domain_key', 'text', (c) => c.notNull())
    .addColumn('professional_view', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parents_view', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('assessment_domain_views_pk', ['assessment_id', 'domain_key'])
    .execute();

  // The family's circumstances: never graded (there is no grade column to put one in). A pressure leads to support.
  await db.schema
    .createTable('assessment_circumstances')
    .addColumn('assessment_id', 'uuid', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('circumstance_key', 'text', (c) => c.notNull())
    .addColumn('pressure', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('support_offered', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('assessment_circumstances_pk', ['assessment_id', 'circumstance_key'])
    .addCheckConstraint('assessment_circumstances_support', sql`not pressure or length(btrim(support_offered)) > 0`)
    .execute();

  // An authorised assessment is the record a manager signed: the database refuses to change it, whatever the code
  // does. Only the accounts named in it may go (an account deleted leaves its label), so those columns may be nulled.
  await sql`create function assessments_keep_authorised() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.state = 'authorised' then
        raise exception 'An authorised assessment cannot be deleted' using errcode = 'P0001';
      end if;
      if tg_op = 'UPDATE' and old.state = 'authorised'
         and (to_jsonb(new) - 'author_id' - 'authorised_by_id') is distinct from (to_jsonb(old) - 'author_id' - 'authorised_by_id') then
        raise exception 'An authorised assessment cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger assessments_keep_authorised before update or delete on assessments
    for each row execute function assessments_keep_authorised()`.execute(db);
  await sql`create function assessment_parts_keep_authorised() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from assessments a
                 where a.id = case when tg_op = 'DELETE' then old.assessment_id else new.assessment_id end
                   and a.state = 'authorised') then
        raise exception 'An authorised assessment cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  for (const table of PARTS) {
    await sql`create trigger ${sql.raw(`${table}_keep_authorised`)} before insert or update or delete on ${sql.table(table)}
      for each row execute function assessment_parts_keep_authorised()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...PARTS, 'assessment_authors', 'assessments', 'assessment_frameworks']) await db.schema.dropTable(table).execute();
  await sql`drop function assessment_parts_keep_authorised()`.execute(db);
  await sql`drop function assessments_keep_authorised()`.execute(db);
}
