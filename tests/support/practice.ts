import { personActor } from '../../src/platform/audit.js';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../src/platform/access.js';
import type { Role } from '../../src/platform/roles.js';
import { createUser, type TestUser } from './app.js';
import { addDays, londonDay } from '../../src/platform/time.js';
import type { EventInput } from '../../src/modules/cases/chronology/event-rules.js';
import type { Viewer } from '../../src/platform/practice/viewer.js';

/** Test data for the cases module's tests: two councils, plainly fictional, and someone of every kind who may knock. */
const PEOPLE = {
  worker: { roles: ['practitioner'], council: 'northmoor', team: 'north' },
  teammate: { roles: ['practitioner'], council: 'northmoor', team: 'north' },
  manager: { roles: ['manager'], council: 'northmoor', team: 'north' },
  colleague: { roles: ['practitioner'], council: 'northmoor', team: 'south' },
  southManager: { roles: ['manager'], council: 'northmoor', team: 'south' },
  analyst: { roles: ['analyst'], council: 'northmoor', team: null },
  editor: { roles: ['editor'], council: 'northmoor', team: 'north' },
  outsider: { roles: ['practitioner'], council: 'elsewhere', team: 'west' },
  outsideManager: { roles: ['manager'], council: 'elsewhere', team: 'west' },
} as const satisfies Record<string, { roles: Role[]; council: string; team: string | null }>;

export type Someone = keyof typeof PEOPLE;

export interface PracticeWorld {
  users: Record<Someone, TestUser & { principal: Principal }>;
  teams: Record<'north' | 'south' | 'west', string>;
  councils: Record<'northmoor' | 'elsewhere', string>;
  /** How the services see this person: with a session of their own unless told otherwise. */
  viewer(who: Someone, sessionHash?: string | null): Viewer;
}

export async function practiceWorld(app: FastifyInstance): Promise<PracticeWorld> {
  const db = app.services.db;
  const council = async (name: string) =>
    (await db.insertInto('organisations').values({ name, kind: 'local-authority' }).returning('id').executeTakeFirstOrThrow()).id;
  const councils = {
    northmoor: await council('Fictional Northmoor Council (test)'),
    elsewhere: await council('Fictional Elsewhere Council (test)'),
  };
  const team = async (organisation_id: string, name: string) =>
    (await db.insertInto('teams').values({ organisation_id, name }).returning('id').executeTakeFirstOrThrow()).id;
  const teams = {
    north: await team(councils.northmoor, 'North team (test)'),
    south: await team(councils.northmoor, 'South team (test)'),
    west: await team(councils.elsewhere, 'West team (test)'),
  };
  const users = {} as PracticeWorld['users'];
  for (const [key, person] of Object.entries(PEOPLE) as [Someone, (typeof PEOPLE)[Someone]][]) {
    const organisationId = councils[person.council];
    const teamId = person.team ? teams[person.team] : null;
    const user = await createUser(app, { roles: [...person.roles], organisationId, teamId: teamId ?? undefined });
    users[key] = { ...user, principal: { id: user.id, email: user.email, roles: [...person.roles], organisationId, teamId } };
  }
  return {
    users,
    teams,
    councils,
    viewer: (who, sessionHash = `session-of-${who}`) => ({
      principal: users[who].principal,
      sessionHash,
      actor: personActor(users[who].principal, '192.0.2.1'),
    }),
  };
}

/** A care-concern event three days ago (a home visit where the child was not seen), with any field changed. */
export function anEvent(changes: Partial<EventInput> = {}): EventInput {
  return {
    kind: 'home-visit-not-seen',
    occurredOn: addDays(londonDay(new Date()), -3),
    agency: 'children’s social care',
    significance: 'medium',
    planType: null,
    summary: 'Visited at 10am; nobody answered the door.',
    ...changes,
  };
}

/** A child added by `who` (allocated to them, in a new family of their team unless `familyId` is given). */
export async function addChild(
  app: FastifyInstance,
  world: PracticeWorld,
  who: Someone,
  child: { givenName?: string; familyName?: string; dateOfBirth?: string; familyId?: string } = {},
): Promise<{ id: string; familyId: string }> {
  const added = await app.cases.records.createChild(world.viewer(who), {
    givenName: child.givenName ?? 'Pip',
    familyName: child.familyName ?? 'Testwood',
    dateOfBirth: child.dateOfBirth ?? '2019-04-02',
    familyId: child.familyId ?? null,
  });
  if (!added.ok) throw new Error(`${who} could not add a child: ${added.reason}`);
  return { id: added.id, familyId: added.familyId };
}
