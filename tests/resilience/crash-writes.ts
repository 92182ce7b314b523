import { sql } from 'kysely';
import type { Config } from '../../src/config.js';
import { seedBoardsDemo } from '../../src/modules/boards/demo.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { currentTotpCode, newTotpSecret } from '../../src/platform/auth/totp.js';
import { seal } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import { platformServices } from '../../src/platform/services.js';
import type { HttpFormClient } from './hearth-process.js';

/**
 * The writes a SIGKILL test makes through Hearth's real forms, what it remembers of each one Hearth acknowledged (a
 * 303 to the saved thing), and the checks made on the database afterwards. Every name is plainly made up.
 */
export const BOARD = 'parents';
const PASSWORD = 'crash test password that is long enough';

export interface People {
  member: { email: string };
  editor: { email: string; totpSecret: string };
}

/** Run once on the migrated database, before Hearth starts: the demo boards, a member who posts freely, an editor. */
export async function seedPeople(db: Db, config: Config): Promise<People> {
  await seedBoardsDemo(platformServices(db, config));
  const passwordHash = await hashPassword(PASSWORD);
  const totpSecret = newTotpSecret();
  const add = async (email: string, role: 'member' | 'editor', secret: string | null) => {
    const user = await db
      .insertInto('users')
      .values({
        email,
        display_name: role === 'member' ? 'Crash Test Parent' : 'Crash Test Editor',
        password_hash: passwordHash,
        status: 'active',
        email_confirmed_at: new Date(),
        totp_secret: secret ? seal(config.secret, secret) : null,
        totp_enabled_at: secret ? new Date() : null,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ user_id: user.id, role }).execute();
    return user.id;
  };
  const memberId = await add('crash-member@example.org', 'member', null);
  await add('crash-editor@example.org', 'editor', totpSecret);
  // A moderator has let this member post freely, so their posts go straight up and move the thread's counts.
  await db
    .insertInto('board_profiles')
    .values({ user_id: memberId, pseudonym: 'Crash Test Parent', posts_freely: true, approved_posts: 3 })
    .execute();
  return { member: { email: 'crash-member@example.org' }, editor: { email: 'crash-editor@example.org', totpSecret } };
}

/** Signs in through the real pages: email and password, then the two-factor code for staff. */
export async function signIn(client: HttpFormClient, email: string, totpSecret?: string) {
  const first = await client.submit('/sign-in', { email, password: PASSWORD });
  if (first.status !== 303) throw new Error(`Sign-in of ${email} answered ${first.status}`);
  if (first.location !== '/sign-in/two-factor') return;
  await client.get('/sign-in/two-factor');
  const second = await client.post('/sign-in/two-factor', { code: currentTotpCode(totpSecret!) });
  if (second.status !== 303) throw new Error(`Two-factor sign-in of ${email} answered ${second.status}`);
}

/** What Hearth acknowledged, across every life of the process. */
export interface Acknowledged {
  posts: { id: number; threadId: number; body: string }[];
  contentSaves: { id: string; version: number; title: string }[];
  callbacks: { name: string; email: string }[];
}

export function nothingAcknowledged(): Acknowledged {
  return { posts: [], contentSaves: [], callbacks: [] };
}

/** A write that Hearth answered without saving it, with its answer. */
export class RefusedWrite extends Error {
  constructor(
    readonly response: { status: number; body: string; retryAfter: string | null },
    message: string,
  ) {
    super(message);
  }
}

/** The error summary of a page, for a failure message. */
function errorsOn(body: string) {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1] ?? '';
  return summary
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One write of each kind; each returns whether Hearth acknowledged it, and records it when it did. */
export function writers(
  clients: { member?: HttpFormClient; editor?: HttpFormClient; visitor: HttpFormClient },
  acked: Acknowledged,
  random: () => number,
  options: { reasonLength?: number } = {},
) {
  let serial = 0;
  // Letters only: digits in a post can look like a phone number or a date of birth, which the boards ask about first.
  const letters = (n: number) => n.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)));
  const unique = () => `${letters(Date.now())} ${letters((serial += 1))} ${letters(Math.floor(random() * 1e6))}`;

  async function post() {
    const member = clients.member!;
    const threads = [...new Set(acked.posts.map((p) => p.threadId))];
    const body = `Crash test post ${unique()}: a made-up message from a made-up parent.`;
    if (threads.length === 0 || random() < 0.2) {
      await member.get(`/boards/${BOARD}/new`);
      const response = await member.post(`/boards/${BOARD}/new`, {
        title: `Crash test thread ${unique()}`,
        body,
        submissionKey: crypto.randomUUID(),
      });
      const match = /\/t\/(\d+)\?page=\d+#post-(\d+)/.exec(response.location);
      if (response.status !== 303 || !match)
        throw new Error(`A new thread was answered ${response.status} ${response.location}${errorsOn(response.body)}`);
      acked.posts.push({ id: Number(match[2]), threadId: Number(match[1]), body });
      return;
    }
    const threadId = threads[Math.floor(random() * threads.length)]!;
    await member.get(`/boards/${BOARD}/t/${threadId}/reply`);
    const response = await member.post(`/boards/${BOARD}/t/${threadId}/reply`, { body, submissionKey: crypto.randomUUID() });
    const match = /#post-(\d+)/.exec(response.location);
    if (response.status !== 303 || !match)
      throw new Error(`A reply was answered ${response.status} ${response.location}${errorsOn(response.body)}`);
    acked.posts.push({ id: Number(match[1]), threadId, body });
  }

  async function saveContent() {
    const editor = clients.editor!;
    const title = `Crash test page ${unique()}`;
    const fields = { title, summary: 'A made-up page written by the crash test.', body: `Made-up text for ${title}.` };
    const existing = acked.contentSaves.map((s) => s.id);
    if (existing.length === 0 || random() < 0.3) {
      await editor.get('/admin/content/new?type=page');
      const response = await editor.post('/admin/content/new', { type: 'page', ...fields });
      const match = /^\/admin\/content\/([0-9a-f-]{36})$/.exec(response.location);
      if (response.status !== 303 || !match)
        throw new Error(`A new page was answered ${response.status} ${response.location}${errorsOn(response.body)}`);
      acked.contentSaves.push({ id: match[1]!, version: 1, title });
      return;
    }
    const id = existing[Math.floor(random() * existing.length)]!;
    const page = await editor.get(`/admin/content/${id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
    if (!version) throw new Error(`The editor page of ${id} has no version: ${page.status}`);
    const response = await editor.post(`/admin/content/${id}`, { ...fields, slug: '', version });
    if (response.status !== 303) throw new Error(`A page save was answered ${response.status}: ${errorsOn(response.body)}`);
    acked.contentSaves.push({ id, version: Number(version) + 1, title });
  }

  async function requestCallback() {
    const { visitor } = clients;
    const form = await visitor.get('/advice-line/callback');
    const slots = [...form.body.matchAll(/name="slot" type="radio" value="([^"]+)"/g)].map((m) => m[1]!);
    if (slots.length === 0) throw new Error('The callback form offers no time to choose');
    const name = `Crash ${unique()}`;
    const email = `crash-${serial}-${Math.floor(random() * 1e9)}@example.org`;
    const response = await visitor.post('/advice-line/callback', {
      name,
      phone: '01632 960 001',
      email,
      slot: slots[Math.floor(random() * slots.length)]!,
      safeToLeaveMessage: 'no',
      forSomeoneElse: 'no',
      needs: '',
      reason: 'A made-up request from the crash test.'.padEnd(options.reasonLength ?? 0, ' Made up.'),
    });
    if (response.status !== 303 || response.location !== '/advice-line/callback/confirmation') {
      throw new RefusedWrite(response, `A callback request was answered ${response.status} ${response.location}${errorsOn(response.body)}`);
    }
    acked.callbacks.push({ name, email });
  }

  return { post, saveContent, requestCallback };
}

/**
 * Every acknowledged write is there, and nothing is half-written: what Hearth writes in one transaction (a post and its
 * thread's counts, a page and its revision and audit entry, a callback and its slot place and mail and job) is all
 * there or all absent. Returns the problems found, each in a sentence.
 */
export async function problemsIn(db: Db, acked: Acknowledged): Promise<string[]> {
  const problems: string[] = [];

  const posts = new Map((await db.selectFrom('board_posts').select(['id', 'thread_id', 'body']).execute()).map((p) => [p.id, p]));
  for (const post of acked.posts) {
    const found = posts.get(post.id);
    if (!found || found.body !== post.body || found.thread_id !== post.threadId)
      problems.push(`acknowledged post ${post.id} is missing or different`);
  }
  const drifted = await sql<{ id: number }>`
    select t.id from board_threads t
    left join lateral (
      select count(*) filter (where status = 'visible')::int as visible,
             count(*) filter (where status in ('visible', 'deleted'))::int as shown,
             max(id) filter (where status = 'visible') as last_id
      from board_posts where thread_id = t.id
    ) s on true
    where t.reply_count <> greatest(s.visible - 1, 0) or t.shown_posts <> s.shown or t.last_post_id is distinct from s.last_id`.execute(db);
  for (const { id } of drifted.rows) problems.push(`thread ${id}'s counts do not match its posts`);
  const empty = await sql<{
    id: number;
  }>`select id from board_threads t where not exists (select 1 from board_posts p where p.thread_id = t.id)`.execute(db);
  for (const { id } of empty.rows) problems.push(`thread ${id} has no posts`);

  const items = await db.selectFrom('content_items').select(['id', 'version', 'fields']).execute();
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const save of acked.contentSaves) {
    const item = byId.get(save.id);
    if (!item || item.version < save.version) problems.push(`acknowledged save ${save.version} of page ${save.id} is missing`);
  }
  for (const item of items) {
    const revisions = await db
      .selectFrom('content_revisions')
      .select(['number', 'fields'])
      .where('item_id', '=', item.id)
      .orderBy('number', 'desc')
      .execute();
    const audited = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('subject_type', '=', 'content')
      .where('subject_id', '=', item.id)
      .where('action', 'in', ['content.created', 'content.saved'])
      .executeTakeFirstOrThrow();
    if (revisions.length !== item.version)
      problems.push(`page ${item.id} is at version ${item.version} with ${revisions.length} revisions`);
    else if (JSON.stringify(revisions[0]!.fields) !== JSON.stringify(item.fields))
      problems.push(`page ${item.id}'s latest revision is not its text`);
    if (Number(audited.count) !== item.version)
      problems.push(`page ${item.id} is at version ${item.version} with ${audited.count} audit entries`);
  }
  for (const { title } of acked.contentSaves) {
    const kept = await db
      .selectFrom('content_revisions')
      .select('item_id')
      .where(sql<boolean>`fields->>'title' = ${title}`)
      .executeTakeFirst();
    if (!kept) problems.push(`the acknowledged revision "${title}" is missing`);
  }

  const callbacks = await db.selectFrom('helpline_callbacks').select(['reference', 'name', 'email', 'slot_starts_at']).execute();
  const names = new Set(callbacks.map((c) => c.name));
  for (const callback of acked.callbacks)
    if (!names.has(callback.name)) problems.push(`acknowledged callback request "${callback.name}" is missing`);
  const places = await sql<{ starts_at: Date }>`
    select s.starts_at from helpline_slots s
    where s.taken <> (select count(*) from helpline_callbacks c where c.slot_starts_at = s.starts_at)`.execute(db);
  for (const { starts_at } of places.rows)
    problems.push(`the places taken in the slot at ${starts_at.toISOString()} do not match its requests`);
  const mail = await db.selectFrom('mail_messages').select(['id', 'subject']).execute();
  const jobs = new Set(
    (await db.selectFrom('jobs').select('payload').where('kind', '=', 'mail.send').execute()).map((j) =>
      String((j.payload as { messageId?: unknown }).messageId),
    ),
  );
  for (const callback of callbacks) {
    const message = mail.find((m) => m.subject.includes(callback.reference));
    if (!message) problems.push(`callback ${callback.reference} has no confirmation email`);
    else if (!jobs.has(message.id)) problems.push(`callback ${callback.reference}'s email has no job to send it`);
  }
  return problems;
}
