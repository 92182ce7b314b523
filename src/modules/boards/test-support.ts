import type { FastifyInstance } from 'fastify';
import { createUser, FormClient, signInDirectly, testApp, type TestContext, type TestUser } from '../../../tests/support/app.js';
import type { Role } from '../../platform/roles.js';
import { seedBoardsDemo } from './demo.js';

/** An app with the demo boards in it. Tests make their own people and posts. */
export async function boardsTestApp(env: Record<string, string> = {}, options: { embedded?: boolean } = {}): Promise<TestContext> {
  const context = await testApp({ BOARDS_IDENTIFYING_NAMES: 'Northmoor Primary School, Canal Street', ...env }, options);
  await seedBoardsDemo(context.app.services);
  return context;
}

export interface Person {
  user: TestUser;
  client: FormClient;
}

let pseudonyms = 0;
/** A unique, plainly made-up pseudonym. */
export function newPseudonym(): string {
  pseudonyms += 1;
  return `Test Parent ${pseudonyms} ${Math.random().toString(36).slice(2, 6)}`;
}

export async function signedIn(app: FastifyInstance, roles: Role[] = ['member']): Promise<Person> {
  const user = await createUser(app, { roles });
  const client = new FormClient(app);
  await signInDirectly(client, user);
  return { user, client };
}

/** A member whose posts go straight up: a moderator has let them post freely. */
export async function trustedMember(app: FastifyInstance): Promise<Person & { pseudonym: string }> {
  const person = await signedIn(app);
  const pseudonym = newPseudonym();
  await app.services.db
    .insertInto('board_profiles')
    .values({ user_id: person.user.id, pseudonym, posts_freely: true, approved_posts: 3 })
    .execute();
  return { ...person, pseudonym };
}

const key = () => crypto.randomUUID();

/** Starts a thread through the real form and returns its id (from the redirect). */
export async function startThread(person: Person, board: string, fields: Record<string, string>) {
  await person.client.get(`/boards/${board}/new`);
  const response = await person.client.post(`/boards/${board}/new`, { submissionKey: key(), ...fields });
  const match = /\/t\/(\d+)\?page=\d+#post-(\d+)/.exec(String(response.headers.location ?? ''));
  return { response, threadId: match ? Number(match[1]) : null, postId: match ? Number(match[2]) : null };
}

export async function replyTo(person: Person, board: string, threadId: number, fields: Record<string, string>) {
  await person.client.get(`/boards/${board}/t/${threadId}`);
  const response = await person.client.post(`/boards/${board}/t/${threadId}/reply`, { submissionKey: key(), ...fields });
  const match = /#post-(\d+)/.exec(String(response.headers.location ?? ''));
  return { response, postId: match ? Number(match[1]) : null };
}
