import type { Config } from '../config.js';
import type { ContextOf, HearthModule } from './modules.js';
import { hashPassword } from './auth/passwords.js';
import { seal } from './crypto.js';
import { systemActor } from './audit.js';
import type { Role } from './roles.js';
import type { Services } from './services.js';

export const DEMO_PASSWORD = 'hearth-demo-2026';
/** 160 bits, base32. Published in the README so that anyone can try the staff side with an authenticator app. */
export const DEMO_TOTP_SECRET = 'HEARTHDEMOHEARTHDEMOHEARTHDEMO23';

export const DEMO_ACCOUNTS: readonly { email: string; role: Role; name: string; practice: boolean; secondTeam?: boolean }[] = [
  { email: 'member@example.org', role: 'member', name: 'Demo Member', practice: false },
  { email: 'adviser@example.org', role: 'adviser', name: 'Demo Adviser', practice: false },
  { email: 'moderator@example.org', role: 'moderator', name: 'Demo Moderator', practice: false },
  { email: 'editor@example.org', role: 'editor', name: 'Demo Editor', practice: false },
  // A second editor, because advice sheets and FAQs need another editor's approval before they publish.
  { email: 'reviewer@example.org', role: 'editor', name: 'Demo Reviewer', practice: false },
  { email: 'practitioner@example.org', role: 'practitioner', name: 'Demo Practitioner', practice: true },
  { email: 'manager@example.org', role: 'manager', name: 'Demo Manager', practice: true },
  { email: 'analyst@example.org', role: 'analyst', name: 'Demo Analyst', practice: true },
  // Of the same council but another team: opening the demo caseload's records asks them to break the glass.
  { email: 'colleague@example.org', role: 'practitioner', name: 'Demo Colleague', practice: true, secondTeam: true },
  { email: 'admin@example.org', role: 'admin', name: 'Demo Administrator', practice: false },
];

/**
 * Work for the demo administrator's queues on /staff: an adviser invited two days ago who has not yet accepted, and a
 * practitioner whose council has not yet put them in a team. Neither has a password, so neither can sign in.
 */
const DEMO_WAITING_PEOPLE = [
  { email: 'invited-adviser@example.org', name: 'Demo Invited Adviser', role: 'adviser', status: 'invited', daysAgo: 2, practice: false },
  {
    email: 'new-practitioner@example.org',
    name: 'Demo New Practitioner',
    role: 'practitioner',
    status: 'active',
    daysAgo: 1,
    practice: true,
  },
] as const;

export const DEMO_CHARITY = 'Hearth Family Rights Charity (demo)';
export const DEMO_COUNCIL = 'Northmoor Borough Council (fictional)';
export const DEMO_TEAM = 'Northmoor Family Help Team A';
export const DEMO_SECOND_TEAM = 'Northmoor Family Help Team B';

/**
 * Fills an empty database with one account per role and the organisations they belong to, then lets each module
 * add its own demo data. Does nothing if anyone has an account already, so a restart never duplicates it.
 */
export async function seedDemo(
  services: Services,
  config: Config,
  modules: readonly HearthModule[],
  contextOf: ContextOf,
): Promise<boolean> {
  // Accounts with a published password: only ever when demo mode was asked for, never because NODE_ENV was left unset.
  if (!config.demo || config.env === 'production') {
    throw new Error('Demo accounts are created only in demo mode (HEARTH_DEMO=true or --demo), and never in production.');
  }
  const { db } = services;
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const charity = await trx
      .insertInto('organisations')
      .values({ name: DEMO_CHARITY, kind: 'charity' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const council = await trx
      .insertInto('organisations')
      .values({ name: DEMO_COUNCIL, kind: 'local-authority' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await trx
      .insertInto('teams')
      .values({ organisation_id: council.id, name: DEMO_TEAM })
      .returning('id')
      .executeTakeFirstOrThrow();
    const secondTeam = await trx
      .insertInto('teams')
      .values({ organisation_id: council.id, name: DEMO_SECOND_TEAM })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const account of DEMO_ACCOUNTS) {
      const staff = account.role !== 'member';
      const user = await trx
        .insertInto('users')
        .values({
          email: account.email,
          display_name: account.name,
          password_hash: passwordHash,
          status: 'active',
          email_confirmed_at: new Date(),
          totp_secret: staff ? seal(config.secret, DEMO_TOTP_SECRET) : null,
          totp_enabled_at: staff ? new Date() : null,
          organisation_id: account.practice ? council.id : staff ? charity.id : null,
          team_id: account.practice && account.role !== 'analyst' ? (account.secondTeam ? secondTeam.id : team.id) : null,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: user.id, role: account.role }).execute();
    }
    for (const person of DEMO_WAITING_PEOPLE) {
      const since = new Date(Date.now() - person.daysAgo * 24 * 60 * 60_000);
      const user = await trx
        .insertInto('users')
        .values({
          email: person.email,
          display_name: person.name,
          status: person.status,
          organisation_id: person.practice ? council.id : charity.id,
          created_at: since,
          updated_at: since,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: user.id, role: person.role, granted_at: since }).execute();
    }
    await services.audit.record(
      { actor: systemActor('hearth seed-demo'), action: 'demo.seeded', details: { accounts: DEMO_ACCOUNTS.length } },
      trx,
    );
  });
  for (const module of modules) await module.seedDemo?.(contextOf(module));
  return true;
}
