import { sql } from 'kysely';
import type { Config } from '../../config.js';
import { systemActor, type Actor, type AuditLog } from '../audit.js';
import { invitationMessage } from '../auth/emails.js';
import type { EmailTokens } from '../auth/email-tokens.js';
import { isUuid } from '../validation.js';
import { revokeTokensOf } from '../api/tokens.js';
import type { Db } from '../db/database.js';
import type { UserStatus } from '../db/schema.js';
import type { Mailer } from '../mail.js';
import type { Role } from '../roles.js';

export interface PersonSummary {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  roles: Role[];
  organisationName: string | null;
  teamName: string | null;
  twoFactor: boolean;
  lastSignInAt: Date | null;
}

const PAGE_SIZE = 50;

export type InviteResult = { ok: true } | { ok: false; reason: 'exists' | 'team-mismatch' };
export type UpdateResult = { ok: true } | { ok: false; reason: 'not-found' | 'team-mismatch' | 'self-lockout' };
export type CreateResult = { ok: true; id: string } | { ok: false; reason: 'not-found' | 'name-taken' };

/** What administrators do to people, organisations and teams. Every change is audited with who made it. */
export function createPeople({
  db,
  config,
  audit,
  mailer,
  tokens,
}: {
  db: Db;
  config: Config;
  audit: AuditLog;
  mailer: Mailer;
  tokens: EmailTokens;
}) {
  function summaryQuery() {
    return db
      .selectFrom('users as u')
      .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
      .leftJoin('teams as t', 't.id', 'u.team_id')
      .select([
        'u.id',
        'u.email',
        'u.display_name as displayName',
        'u.status',
        'o.name as organisationName',
        't.name as teamName',
        'u.last_sign_in_at as lastSignInAt',
        sql<boolean>`u.totp_enabled_at is not null`.as('twoFactor'),
        sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
      ]);
  }

  /** Keyset pagination by email, so that the list stays quick however many members register. */
  async function list(filter: {
    search?: string;
    role?: Role | null;
    after?: string;
  }): Promise<{ people: PersonSummary[]; next: string | null }> {
    let query = summaryQuery()
      .orderBy('u.email')
      .limit(PAGE_SIZE + 1);
    if (filter.search)
      query = query.where((eb) =>
        eb.or([
          eb('u.email', 'ilike', `%${escapeLike(filter.search!)}%`),
          eb('u.display_name', 'ilike', `%${escapeLike(filter.search!)}%`),
        ]),
      );
    if (filter.role)
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('user_roles as r').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', filter.role!)),
      );
    if (filter.after) query = query.where('u.email', '>', filter.after);
    const rows = await query.execute();
    const people = rows.slice(0, PAGE_SIZE) as PersonSummary[];
    return { people, next: rows.length > PAGE_SIZE ? (people.at(-1)?.email ?? null) : null };
  }

  async function get(id: string): Promise<(PersonSummary & { organisationId: string | null; teamId: string | null }) | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await summaryQuery()
      .select(['u.organisation_id as organisationId', 'u.team_id as teamId'])
      .where('u.id', '=', id)
      .executeTakeFirst();
    return row as (PersonSummary & { organisationId: string | null; teamId: string | null }) | undefined;
  }

  async function organisationsWithTeams() {
    const organisations = await db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute();
    const teams = await db.selectFrom('teams').select(['id', 'name', 'organisation_id']).orderBy('name').execute();
    return organisations.map((o) => ({ ...o, teams: teams.filter((t) => t.organisation_id === o.id) }));
  }

  async function teamBelongsTo(teamId: string | null, organisationId: string | null): Promise<boolean> {
    if (!teamId) return true;
    if (!organisationId || !isUuid(teamId)) return false;
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', teamId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return !!team;
  }

  type Invitation = { email: string; displayName: string; roles: Role[]; organisationId: string | null; teamId: string | null };

  /** Creates the invited account, emails its link and audits it; returns the link, or null if the email is taken. */
  async function createInvitation(input: Invitation, actor: Actor): Promise<string | null> {
    return db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({
          email: input.email,
          display_name: input.displayName,
          status: 'invited',
          organisation_id: input.organisationId,
          team_id: input.teamId,
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!user) return null;
      await trx
        .insertInto('user_roles')
        .values(input.roles.map((role) => ({ user_id: user.id, role, granted_by: actor.id })))
        .execute();
      const link = `${config.baseUrl}/invitation?token=${await tokens.issue(user.id, 'invitation', trx)}`;
      await mailer.send(invitationMessage(input.email, actor.label, link), trx);
      await audit.record(
        { actor, action: 'user.invited', subjectType: 'user', subjectId: user.id, details: { email: input.email, roles: input.roles } },
        trx,
      );
      return link;
    });
  }

  async function invite(input: Invitation, actor: Actor): Promise<InviteResult> {
    if (!(await teamBelongsTo(input.teamId, input.organisationId))) return { ok: false, reason: 'team-mismatch' };
    return (await createInvitation(input, actor)) ? { ok: true } : { ok: false, reason: 'exists' };
  }

  /**
   * `hearth invite-admin`: the first administrator of a new deployment, who then invites everyone else. The link is
   * returned as well as emailed, because a new site may have no mail server yet and nobody who could read the outbox.
   */
  async function inviteAdministrator(email: string): Promise<string | null> {
    return createInvitation(
      { email, displayName: email.split('@')[0]!, roles: ['admin'], organisationId: null, teamId: null },
      systemActor('hearth invite-admin'),
    );
  }

  async function update(
    id: string,
    input: { roles: Role[]; organisationId: string | null; teamId: string | null; status: 'active' | 'disabled' },
    actor: Actor,
  ): Promise<UpdateResult> {
    const before = await get(id);
    if (!before) return { ok: false, reason: 'not-found' };
    if (!(await teamBelongsTo(input.teamId, input.organisationId))) return { ok: false, reason: 'team-mismatch' };
    // An administrator cannot remove their own way back in.
    if (id === actor.id && (!input.roles.includes('admin') || input.status === 'disabled')) {
      return { ok: false, reason: 'self-lockout' };
    }
    await db.transaction().execute(async (trx) => {
      const status = before.status === 'invited' || before.status === 'pending' ? before.status : input.status;
      await trx
        .updateTable('users')
        .set({ organisation_id: input.organisationId, team_id: input.teamId, status, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      const removed = before.roles.filter((r) => !input.roles.includes(r));
      const added = input.roles.filter((r) => !before.roles.includes(r));
      if (removed.length > 0) await trx.deleteFrom('user_roles').where('user_id', '=', id).where('role', 'in', removed).execute();
      if (added.length > 0)
        await trx
          .insertInto('user_roles')
          .values(added.map((role) => ({ user_id: id, role, granted_by: actor.id })))
          .execute();
      const subject = { actor, subjectType: 'user', subjectId: id };
      // A session or token outlives nothing it was not made for: a new staff role must first pass two-factor set-up,
      // a removed one must stop at once, and a disabled account's tokens stay revoked if it is enabled again.
      if (added.length > 0 || removed.length > 0 || status !== before.status) {
        const ended = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
        const revoked = await revokeTokensOf(trx, id);
        await audit.record(
          {
            ...subject,
            action: 'user.signed-out-everywhere',
            details: { email: before.email, sessions: Number(ended.numDeletedRows), apiTokens: revoked },
          },
          trx,
        );
      }
      if (added.length > 0 || removed.length > 0) {
        await audit.record({ ...subject, action: 'user.roles-changed', details: { email: before.email, added, removed } }, trx);
      }
      if (status !== before.status) {
        await audit.record(
          { ...subject, action: status === 'disabled' ? 'user.disabled' : 'user.enabled', details: { email: before.email } },
          trx,
        );
      }
      if (input.organisationId !== before.organisationId || input.teamId !== before.teamId) {
        await audit.record(
          {
            ...subject,
            action: 'user.team-changed',
            details: { email: before.email, organisationId: input.organisationId, teamId: input.teamId },
          },
          trx,
        );
      }
    });
    return { ok: true };
  }

  async function createOrganisation(
    input: { name: string; kind: 'charity' | 'local-authority' | 'partner-agency' },
    actor: Actor,
  ): Promise<CreateResult> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('organisations')
        .values(input)
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'name-taken' } as const;
      await audit.record(
        { actor, action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, organisationId: row.id, details: input },
        trx,
      );
      return { ok: true, id: row.id } as const;
    });
  }

  async function createTeam(input: { organisationId: string; name: string }, actor: Actor): Promise<CreateResult> {
    if (!isUuid(input.organisationId)) return { ok: false, reason: 'not-found' };
    return db.transaction().execute(async (trx) => {
      const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst();
      if (!organisation) return { ok: false, reason: 'not-found' } as const;
      const row = await trx
        .insertInto('teams')
        .values({ organisation_id: input.organisationId, name: input.name })
        .onConflict((oc) => oc.columns(['organisation_id', 'name']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'name-taken' } as const;
      await audit.record(
        {
          actor,
          action: 'team.created',
          subjectType: 'team',
          subjectId: row.id,
          organisationId: input.organisationId,
          details: { name: input.name },
        },
        trx,
      );
      return { ok: true, id: row.id } as const;
    });
  }

  /** One person's record for an administrator, audited: who looked at whose account, and when. */
  async function view(actor: Actor, id: string) {
    const person = await get(id);
    if (!person) return undefined;
    await audit.record({ actor, action: 'user.viewed', subjectType: 'user', subjectId: id });
    return person;
  }

  return { list, get, view, organisationsWithTeams, invite, inviteAdministrator, update, createOrganisation, createTeam };
}

export type People = ReturnType<typeof createPeople>;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
