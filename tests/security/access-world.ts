import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { personActor } from '../../src/platform/audit.js';
import { seedDemo } from '../../src/platform/demo.js';
import type { Principal } from '../../src/platform/access.js';
import type { Role } from '../../src/platform/roles.js';
import { createUser } from '../support/app.js';

/**
 * The world the access matrix knocks on: the demo (every role, the demo council's caseload, boards, content,
 * callbacks, pledges), plus a council of its own for "another organisation", with a practitioner (the outsider) and one
 * of the demo families moved into it. A second demo family is moved to the demo council's other team and allocated to
 * the colleague, so that "another person's" child is a real one of the same council.
 */

/** Who knocks: nobody, each demo account, and a practitioner of another council. */
export const REQUESTERS = [
  'anonymous',
  'admin',
  'editor',
  'reviewer',
  'member',
  'adviser',
  'moderator',
  'practitioner',
  'manager',
  'colleague',
  'analyst',
  'outsider',
] as const;
export type Requester = (typeof REQUESTERS)[number];

/**
 * Whose record a path's ids name. `own` is the record of the person who holds that kind of record (see OWNERS);
 * `other` another person's in the same organisation; `other-org` another organisation's. A kind of record that belongs
 * to nobody (a board, a content item, a callback waiting for an adviser) has one column, `any`.
 */
export const OWNERSHIPS = ['own', 'other', 'other-org'] as const;
export type Ownership = (typeof OWNERSHIPS)[number] | 'any' | '-';

/** Whose the `own` record is, for each kind of record that has an owner: written into the expected table's header. */
export const OWNERS = {
  'practice records (a child, their family, events, assessments, plans, decisions, challenges)':
    'own: allocated to practitioner@ (team A, which manager@ manages); other: allocated to colleague@ (team B, same council); other-org: allocated to the outsider in another council',
  'API tokens': 'own: member@’s; other: editor@’s; other-org: the outsider’s',
  'people (admin pages, moderators’ actions on a member)': 'own: member@; other: another member; other-org: the outsider',
  organisations: 'own: the demo council; other: the demo charity; other-org: the outsider’s council',
  'board posts and threads': 'own: started by member@; other: by another member (no organisation: no other-org column)',
  pledges: 'own: member@’s; other: another member’s (no organisation: no other-org column)',
};

export interface PracticeIds {
  child: string;
  family: string;
  event: string;
  assessment: string;
  plan: string;
  decision: string;
  challenge: string;
}

export interface AccessWorld {
  users: Record<Exclude<Requester, 'anonymous'>, { id: string; apiToken: string }>;
  practice: Record<'own' | 'other' | 'other-org', PracticeIds>;
  tokens: Record<'own' | 'other' | 'other-org', string>;
  people: Record<'own' | 'other' | 'other-org', string>;
  organisations: Record<'own' | 'other' | 'other-org', string>;
  posts: Record<'own' | 'other', { slug: string; thread: string; post: string }>;
  pledges: Record<'own' | 'other', { id: string; reference: string }>;
  any: Record<string, string>;
}

const EMAILS: Record<Exclude<Requester, 'anonymous' | 'outsider'>, string> = {
  admin: 'admin@example.org',
  editor: 'editor@example.org',
  reviewer: 'reviewer@example.org',
  member: 'member@example.org',
  adviser: 'adviser@example.org',
  moderator: 'moderator@example.org',
  practitioner: 'practitioner@example.org',
  manager: 'manager@example.org',
  colleague: 'colleague@example.org',
  analyst: 'analyst@example.org',
};

export async function buildAccessWorld(app: FastifyInstance): Promise<AccessWorld> {
  const { db } = app.services;
  if (!(await seedDemo(app.services, app.config, app.modules, app.moduleContext))) throw new Error('The demo was already seeded.');

  const elsewhere = (
    await db
      .insertInto('organisations')
      .values({ name: 'Fictional Elsewhere Council (access matrix)', kind: 'local-authority' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const westTeam = (
    await db
      .insertInto('teams')
      .values({ organisation_id: elsewhere, name: 'West team (access matrix)' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const outsider = await createUser(app, { roles: ['practitioner'], organisationId: elsewhere, teamId: westTeam });

  const users = {} as AccessWorld['users'];
  const principalOf = async (id: string): Promise<Principal> => {
    const row = await db
      .selectFrom('users')
      .select(['id', 'email', 'organisation_id', 'team_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id,
      email: row.email,
      roles: await app.services.accounts.rolesOf(id),
      organisationId: row.organisation_id,
      teamId: row.team_id,
    };
  };
  const ids: Record<string, string> = { outsider: outsider.id };
  for (const [who, email] of Object.entries(EMAILS)) ids[who] = (await app.services.accounts.findByEmail(email))!.id;
  for (const who of Object.keys(ids) as Exclude<Requester, 'anonymous'>[]) {
    const principal = await principalOf(ids[who]!);
    const apiToken = await app.services.apiTokens.create(principal, 'access matrix', personActor(principal, '192.0.2.1'));
    users[who] = { id: ids[who]!, apiToken };
  }

  const practice = await arrangeCaseload(app, {
    colleague: ids.colleague!,
    outsider: outsider.id,
    elsewhere,
    westTeam,
  });

  // Tokens of their own for the revoke route, so that revoking one leaves the token the requester calls the API with.
  const tokenOf = async (userId: string) => {
    const principal = await principalOf(userId);
    await app.services.apiTokens.create(principal, 'access matrix: to revoke', personActor(principal, '192.0.2.1'));
    return (
      await db
        .selectFrom('api_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('name', '=', 'access matrix: to revoke')
        .executeTakeFirstOrThrow()
    ).id;
  };

  // A second member, with a board post and a pledge of their own.
  const otherMember = await createUser(app, { roles: ['member'] });
  const posts = await arrangePosts(app, ids.member!, otherMember.id);
  const pledges = await arrangePledges(app, ids.member!, otherMember.id);

  const council = await db.selectFrom('users').select('organisation_id').where('id', '=', ids.practitioner!).executeTakeFirstOrThrow();
  const charity = await db.selectFrom('users').select('organisation_id').where('id', '=', ids.admin!).executeTakeFirstOrThrow();

  const first = async (query: Promise<{ v: string | number | null }[]>, fallback: string) => String((await query)[0]?.v ?? fallback);
  const any: Record<string, string> = {
    content: await first(
      db
        .selectFrom('content_items')
        .select('id as v')
        .orderBy('type')
        .orderBy(sql`fields->>'slug'`)
        .limit(1)
        .execute(),
      'none',
    ),
    upload: '00000000-0000-4000-8000-000000000001',
    mail: await first(db.selectFrom('mail_messages').select('id as v').orderBy('to_address').orderBy('subject').limit(1).execute(), 'none'),
    flow: await first(db.selectFrom('advice_flows').select('slug as v').orderBy('slug').limit(1).execute(), 'none'),
    board: posts.own.slug,
    report: await first(db.selectFrom('board_reports').select('id as v').orderBy('post_id').orderBy('reason').limit(1).execute(), 'none'),
    joinRequest: await first(
      db
        .selectFrom('board_memberships')
        .select('id as v')
        .where('status', '=', 'pending')
        .orderBy('board_slug')
        .orderBy('statement')
        .limit(1)
        .execute(),
      'none',
    ),
    callback: await first(
      db.selectFrom('helpline_callbacks').select('id as v').orderBy('due_at').orderBy('reference').limit(1).execute(),
      'none',
    ),
    issue: await first(db.selectFrom('newsletter_issues').select('id as v').orderBy('slug').limit(1).execute(), 'none'),
    event: await first(db.selectFrom('events').select('id as v').orderBy('slug').limit(1).execute(), 'none'),
    eventSlug: await first(db.selectFrom('events').select('slug as v').orderBy('slug').limit(1).execute(), 'none'),
  };

  return {
    users,
    practice,
    tokens: { own: await tokenOf(ids.member!), other: await tokenOf(ids.editor!), 'other-org': await tokenOf(outsider.id) },
    people: { own: ids.member!, other: otherMember.id, 'other-org': outsider.id },
    organisations: { own: council.organisation_id!, other: charity.organisation_id!, 'other-org': elsewhere },
    posts,
    pledges,
    any,
  };
}

/**
 * Picks three of the demo's families, each with a child that has an event, an assessment, a plan, a decision and a
 * challenge, and moves the second to team B (the colleague's) and the third to the outsider's council.
 */
async function arrangeCaseload(
  app: FastifyInstance,
  to: { colleague: string; outsider: string; elsewhere: string; westTeam: string },
): Promise<AccessWorld['practice']> {
  const { db } = app.services;
  const children = await sql<{ child: string; family: string; score: number }>`
    select p.id as child, p.family_id as family,
      (exists (select 1 from assessments a where a.child_id = p.id))::int
      + (exists (select 1 from plans l where l.child_id = p.id))::int
      + (exists (select 1 from oversight_decisions d where d.child_id = p.id))::int
      + (exists (select 1 from oversight_challenges c where c.child_id = p.id))::int as score
    from case_people p where p.kind = 'child' order by score desc, p.family_name, p.given_name, p.date_of_birth`.execute(db);
  const picked: { child: string; family: string }[] = [];
  for (const row of children.rows) if (!picked.some((p) => p.family === row.family)) picked.push(row);
  if (picked.length < 3) throw new Error('The demo caseload has fewer than three families.');
  const [own, other, otherOrg] = picked as [(typeof picked)[0], (typeof picked)[0], (typeof picked)[0]];

  const colleagueTeam = (await db.selectFrom('users').select('team_id').where('id', '=', to.colleague).executeTakeFirstOrThrow()).team_id!;
  // Authorised assessments refuse every change by trigger; moving a family is not a change a person could make, so
  // triggers are off for this transaction alone.
  const move = (family: string, organisationId: string, teamId: string, workerId: string) =>
    db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      const childIds = (await trx.selectFrom('case_people').select('id').where('family_id', '=', family).execute()).map((r) => r.id);
      await trx
        .updateTable('case_families')
        .set({ organisation_id: organisationId, team_id: teamId, allocated_worker_id: workerId })
        .where('id', '=', family)
        .execute();
      await trx
        .updateTable('case_people')
        .set({ organisation_id: organisationId, allocated_worker_id: sql`case when kind = 'child' then ${workerId}::uuid else null end` })
        .where('family_id', '=', family)
        .execute();
      for (const table of [
        'assessments',
        'oversight_supervisions',
        'oversight_decisions',
        'oversight_challenges',
        'oversight_alerts',
      ] as const) {
        await sql`update ${sql.table(table)} set organisation_id = ${organisationId}, team_id = ${teamId} where child_id in (${sql.join(childIds)})`.execute(
          trx,
        );
      }
    });
  await move(
    other.family,
    (await db.selectFrom('teams').select('organisation_id').where('id', '=', colleagueTeam).executeTakeFirstOrThrow()).organisation_id,
    colleagueTeam,
    to.colleague,
  );
  await move(otherOrg.family, to.elsewhere, to.westTeam, to.outsider);

  // Ids are chosen by what the demo writes, never by generated ids, so that every run knocks on the same records; a
  // decision awaiting approval and an open challenge are preferred, as they are what the forms act on.
  const idsOf = async (pick: { child: string; family: string }): Promise<PracticeIds> => {
    const one = async (query: string) => {
      const result = await sql<{ id: string }>`${sql.raw(query)}`.execute(db);
      return String(result.rows[0]?.id ?? '00000000-0000-4000-8000-000000000002');
    };
    const child = sql.lit(pick.child).compile(db).sql;
    const family = sql.lit(pick.family).compile(db).sql;
    return {
      child: pick.child,
      family: pick.family,
      event: await one(`select id from case_events where family_id = ${family} order by current_version_id limit 1`),
      assessment: await one(`select id from assessments where child_id = ${child} order by started_on, state limit 1`),
      plan: await one(`select id from plans where child_id = ${child} order by started_on, type limit 1`),
      decision: await one(
        `select id::text as id from oversight_decisions where child_id = ${child} order by status <> 'awaiting-approval', proposed_at, decision limit 1`,
      ),
      challenge: await one(
        `select id::text as id from oversight_challenges where child_id = ${child} order by answered_at is not null, raised_at, concern limit 1`,
      ),
    };
  };
  return { own: await idsOf(own), other: await idsOf(other), 'other-org': await idsOf(otherOrg) };
}

/** A thread started by the demo member and one by another member, on the first board anyone may read. */
async function arrangePosts(app: FastifyInstance, memberId: string, otherId: string): Promise<AccessWorld['posts']> {
  const { db } = app.services;
  const threads = await db
    .selectFrom('board_threads')
    .innerJoin('boards', 'boards.slug', 'board_threads.board_slug')
    .select(['board_threads.id', 'board_threads.board_slug'])
    .where('boards.restricted', '=', false)
    .orderBy('board_threads.id')
    .limit(2)
    .execute();
  const result = {} as AccessWorld['posts'];
  for (const [index, owner] of (['own', 'other'] as const).entries()) {
    const thread = threads[index]!;
    const authorId = owner === 'own' ? memberId : otherId;
    await db.updateTable('board_threads').set({ author_id: authorId }).where('id', '=', thread.id).execute();
    const post = await db
      .selectFrom('board_posts')
      .select('id')
      .where('thread_id', '=', thread.id)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.updateTable('board_posts').set({ author_id: authorId }).where('id', '=', post.id).execute();
    result[owner] = { slug: thread.board_slug, thread: String(thread.id), post: String(post.id) };
  }
  return result;
}

async function arrangePledges(app: FastifyInstance, memberId: string, otherId: string): Promise<AccessWorld['pledges']> {
  const { db } = app.services;
  const own = await db.selectFrom('pledges').select(['id', 'reference']).where('user_id', '=', memberId).executeTakeFirstOrThrow();
  const other = await db
    .insertInto('pledges')
    .values({
      reference: 'HP-MATRIX01',
      user_id: otherId,
      amount_pence: 500,
      frequency: 'monthly',
      provider: 'manual',
      status: 'awaiting-payment',
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  return { own, other };
}

export type { Role };
