import { sql, type Kysely } from 'kysely';

// Days are text (YYYY-MM-DD, London), as elsewhere in Hearth: both drivers hand them back unchanged.
const DAY = sql`~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const day = (column: string) => sql`${sql.ref(column)} ${DAY}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_families')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('allocated_worker_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_families_team').on('case_families').columns(['team_id']).execute();
  await db.schema.createIndex('case_families_worker').on('case_families').columns(['allocated_worker_id']).execute();

  // Children and adults alike. `reference` is a synthetic identifier, never an NHS number or a real one.
  await db.schema
    .createTable('case_people')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('family_id', 'uuid', (c) => c.notNull().references('case_families.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('child', 'adult')`))
    .addColumn('reference', 'text', (c) =>
      c
        .notNull()
        .unique()
        .defaultTo(sql`'SYN-' || upper(substr(md5(random()::text), 1, 10))`),
    )
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.check(day('date_of_birth')))
    // A child's own allocated worker; the family's worker and team hold it too (see access.ts).
    .addColumn('allocated_worker_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_people_family').on('case_people').columns(['family_id', 'kind']).execute();
  await db.schema.createIndex('case_people_worker').on('case_people').columns(['allocated_worker_id']).execute();

  await db.schema
    .createTable('case_household_members')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('family_id', 'uuid', (c) => c.notNull().references('case_families.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('from_day', 'text', (c) => c.notNull().check(day('from_day')))
    .addColumn('to_day', 'text', (c) => c.check(day('to_day')))
    .execute();
  await db.schema.createIndex('case_household_members_family').on('case_household_members').columns(['family_id']).execute();

  await db.schema
    .createTable('case_relationships')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('relative_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('parent', 'step-parent', 'partner-of-parent', 'sibling', 'grandparent', 'kinship-carer')`),
    )
    .addColumn('parental_responsibility', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('case_relationships_person').on('case_relationships').columns(['person_id']).execute();

  await db.schema
    .createTable('case_addresses')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('family_id', 'uuid', (c) => c.notNull().references('case_families.id').onDelete('cascade'))
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull().check(day('from_day')))
    .addColumn('to_day', 'text', (c) => c.check(day('to_day')))
    .execute();
  await db.schema.createIndex('case_addresses_family').on('case_addresses').columns(['family_id']).execute();

  // One row per CIN episode, with the DfE CIN census fields, so that a census return can later be built from them.
  await db.schema
    .createTable('case_episodes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('referral_date', 'text', (c) => c.notNull().check(day('referral_date')))
    .addColumn('referral_source', 'text', (c) => c.notNull())
    .addColumn('primary_need', 'text', (c) => c.check(sql`primary_need ~ '^N[0-9]$'`))
    .addColumn('assessment_start', 'text', (c) => c.check(day('assessment_start')))
    .addColumn('assessment_authorised', 'text', (c) => c.check(day('assessment_authorised')))
    .addColumn('assessment_factors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('s47_start', 'text', (c) => c.check(day('s47_start')))
    .addColumn('strategy_discussion_on', 'text', (c) => c.check(day('strategy_discussion_on')))
    .addColumn('conference_on', 'text', (c) => c.check(day('conference_on')))
    .addColumn('plan_type', 'text', (c) => c.check(sql`plan_type in ('child-in-need', 'child-protection')`))
    .addColumn('plan_start', 'text', (c) => c.check(day('plan_start')))
    .addColumn('plan_end', 'text', (c) => c.check(day('plan_end')))
    .addColumn('abuse_category', 'text', (c) => c.check(sql`abuse_category in ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')`))
    .addColumn('closed_on', 'text', (c) => c.check(day('closed_on')))
    .addColumn('closure_reason', 'text')
    .execute();
  await db.schema.createIndex('case_episodes_child').on('case_episodes').columns(['child_id', 'referral_date']).execute();

  // An event is never edited in place: each correction is a new row in case_event_versions, with its reason, and the
  // event points at its current version.
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (c) => c.notNull().references('case_families.id').onDelete('cascade'))
    .addColumn('current_version_id', 'bigint')
    .addColumn('versions', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_events_family').on('case_events').columns(['family_id']).execute();

  await db.schema
    .createTable('case_event_versions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('case_events.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull().check(day('occurred_on')))
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('significance', 'text', (c) => c.notNull().check(sql`significance in ('low', 'medium', 'high')`))
    .addColumn('plan_type', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('correction_reason', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // Kept when the account goes: a professional record must still say who wrote it.
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('case_event_versions_event_version', ['event_id', 'version'])
    .execute();
  await sql`alter table case_events add constraint case_events_current_version
    foreign key (current_version_id) references case_event_versions (id) deferrable initially deferred`.execute(db);

  // Whom each event concerns: the family's children, and its adults where it is about them.
  await db.schema
    .createTable('case_event_people')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('case_events.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('case_event_people_pk', ['person_id', 'event_id'])
    .execute();
  await db.schema.createIndex('case_event_people_event').on('case_event_people').columns(['event_id']).execute();

  await db.schema
    .createTable('case_event_notes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('case_events.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_event_notes_event').on('case_event_notes').columns(['event_id']).execute();

  // The pattern flags as last computed, so that a caseload and a staff queue read them without recomputing.
  await db.schema
    .createTable('case_flags')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('family_id', 'uuid', (c) => c.notNull().references('case_families.id').onDelete('cascade'))
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('event_ids', 'jsonb', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    // Kept across recomputations while the same rule holds on the same events, so "new" means new.
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_flags_family').on('case_flags').columns(['family_id']).execute();
  await db.schema.createIndex('case_flags_child').on('case_flags').columns(['child_id']).execute();

  await db.schema
    .createTable('case_break_glass')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('case_people.id').onDelete('cascade'))
    // The hash of the session it was granted in: signing out, or any other session, needs the glass broken again.
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_break_glass_session').on('case_break_glass').columns(['session_hash', 'child_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'case_break_glass',
    'case_flags',
    'case_event_notes',
    'case_event_people',
    'case_event_versions',
    'case_events',
    'case_episodes',
    'case_addresses',
    'case_relationships',
    'case_household_members',
    'case_people',
    'case_families',
  ]) {
    await db.schema.dropTable(table).cascade().execute();
  }
}
