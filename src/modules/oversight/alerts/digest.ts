import { sql } from 'kysely';
import type { Services } from '../../../platform/services.js';
import { formatDay } from '../../../platform/time.js';
import { RULE_NAMES } from './labels.js';
import type { AlertRuleId, AlertState } from './rules/types.js';

interface DigestLine {
  childId: string;
  childReference: string;
  childInitials: string;
  rule: AlertRuleId;
  state: AlertState;
  reason: string;
}

/**
 * The daily digest: each worker their children's alerts, each manager their team's, as last computed. Mail leaves
 * Hearth, so a child is named by initials and synthetic reference only, with a link to their alerts behind sign-in.
 * Sent at most once a day to each person: the row that says so and the message commit together.
 */
export function createDigest({ db, mailer, config }: Pick<Services, 'db' | 'mailer' | 'config'>) {
  async function recipients() {
    return db
      .selectFrom('users as u')
      .leftJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').on('r.role', '=', 'manager'))
      .select(['u.id', 'u.email', 'u.team_id as teamId', sql<boolean>`r.user_id is not null`.as('manager')])
      .where('u.status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb(
            'u.id',
            'in',
            eb.selectFrom('oversight_alerts').select('worker_id').where('worker_id', 'is not', null).$narrowType<{ worker_id: string }>(),
          ),
          eb.and([eb('r.user_id', 'is not', null), eb('u.team_id', 'in', eb.selectFrom('oversight_alerts').select('team_id'))]),
        ]),
      )
      .orderBy('u.id')
      .execute();
  }

  async function linesFor(person: { id: string; teamId: string | null; manager: boolean }): Promise<DigestLine[]> {
    const team = person.manager ? person.teamId : null;
    return db
      .selectFrom('oversight_alerts')
      .select(['child_id as childId', 'child_reference as childReference', 'child_initials as childInitials', 'rule', 'state', 'reason'])
      .where((eb) => eb.or([eb('worker_id', '=', person.id), ...(team ? [eb('team_id', '=', team)] : [])]))
      .orderBy(sql`state = 'missed'`, 'desc')
      .orderBy('due_on')
      .orderBy('child_reference')
      .execute();
  }

  /** Sends today's digests not yet sent. Answers how many went. Safe to run twice: nobody gets a second one today. */
  async function sendAll(today: string): Promise<number> {
    let sent = 0;
    for (const person of await recipients()) {
      const lines = await linesFor(person);
      if (lines.length === 0) continue;
      const went = await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('oversight_alert_digests')
          .values({ user_id: person.id, day: today, alerts: lines.length })
          .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (!claimed) return false;
        await mailer.send({ to: person.email, ...digestMail(lines, today, config.baseUrl) }, trx);
        return true;
      });
      if (went) sent++;
    }
    return sent;
  }

  return { sendAll };
}

export function digestMail(lines: readonly DigestLine[], today: string, baseUrl: string) {
  const missed = lines.filter((l) => l.state === 'missed').length;
  const soon = lines.length - missed;
  const counts = [missed > 0 ? `${missed} missed` : '', soon > 0 ? `${soon} due soon` : ''].filter(Boolean).join(', ');
  const entry = (l: DigestLine) =>
    [
      `${l.childInitials} (${l.childReference}): ${RULE_NAMES[l.rule]}, ${l.state === 'missed' ? 'missed' : 'due soon'}`,
      l.reason,
      `${baseUrl}/practice/children/${l.childId}/alerts`,
    ].join('\n');
  return {
    subject: `Drift alerts for ${formatDay(today)}: ${counts}`,
    text: [
      `Timescales missed or due soon for the children you hold, as worked out on ${formatDay(today)}.`,
      ...lines.map(entry),
      `Every alert, ordered by the risk of drift: ${baseUrl}/practice/oversight`,
      'Children are named here by initials and reference only. Sign in to see who they are.',
    ].join('\n\n'),
  };
}
