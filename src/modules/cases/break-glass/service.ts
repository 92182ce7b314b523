import type { Services } from '../../../platform/services.js';
import type { Viewer } from '../../../platform/practice/viewer.js';

export type BreakGlassResult =
  { ok: true } | { ok: false; reason: 'hidden' | 'not-needed' | 'no-session' } | { ok: false; reason: 'invalid'; text: string };

/**
 * Opening a child's record outside one's own team: allowed within the organisation, for this session only, with a
 * reason that is audited and mailed to the managers of the child's team, so that every such look is seen by someone.
 */
export function createBreakGlass(platform: Services) {
  const { db, audit, mailer } = platform;

  /** Whose record this is, for the page that asks for a reason: only a child's first name, and only within the organisation. */
  async function need(viewer: Viewer, childId: string): Promise<{ givenName: string } | null> {
    if (!viewer.principal.organisationId) return null;
    const child = await db
      .selectFrom('case_people')
      .select('given_name as givenName')
      .where('id', '=', childId)
      .where('kind', '=', 'child')
      .where('organisation_id', '=', viewer.principal.organisationId)
      .executeTakeFirst();
    return child ?? null;
  }

  async function breakGlass(
    viewer: Viewer,
    childId: string,
    reason: string,
    access: 'break-glass' | 'open' | 'other',
  ): Promise<BreakGlassResult> {
    if (access === 'other') return { ok: false, reason: 'hidden' };
    if (access === 'open') return { ok: false, reason: 'not-needed' };
    if (!viewer.sessionHash) return { ok: false, reason: 'no-session' };
    const why = reason.trim();
    if (why.length < 10) return { ok: false, reason: 'invalid', text: 'Enter why you need to open this record, in at least 10 characters' };
    const child = await db
      .selectFrom('case_people as p')
      .innerJoin('case_families as f', 'f.id', 'p.family_id')
      .select(['p.id', 'p.reference', 'f.team_id', 'f.organisation_id'])
      .where('p.id', '=', childId)
      .executeTakeFirstOrThrow();
    const managers = await db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select('u.email')
      .where('r.role', '=', 'manager')
      .where('u.team_id', '=', child.team_id)
      .where('u.status', '=', 'active')
      .execute();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('case_break_glass')
        .values({ user_id: viewer.principal.id, child_id: childId, session_hash: viewer.sessionHash!, reason: why })
        .execute();
      for (const manager of managers) {
        // The mail names the child by synthetic reference only: mail leaves the system, a name must not.
        await mailer.send(
          {
            to: manager.email,
            subject: 'A record in your team was opened by breaking the glass',
            text: [
              `${viewer.actor.label} opened the record of child ${child.reference}, who is not in their caseload or team.`,
              `Their reason: ${why}`,
              `The record: ${platform.config.baseUrl}/practice/children/${childId}`,
              'Every such opening is in the audit log. If it was not needed, talk to them or to your data protection officer.',
            ].join('\n\n'),
          },
          trx,
        );
      }
      await audit.record(
        {
          actor: viewer.actor,
          action: 'cases.glass-broken',
          subjectType: 'child',
          subjectId: childId,
          organisationId: child.organisation_id,
          reason: why,
          details: { managersTold: managers.length },
        },
        trx,
      );
    });
    return { ok: true };
  }

  return { need, breakGlass };
}

export type BreakGlass = ReturnType<typeof createBreakGlass>;
