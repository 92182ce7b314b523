import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signIn, testApp, type TestContext, type TestUser } from '../../tests/support/app.js';
import type { KyselyPlugin } from 'kysely';
import { sha256 } from './crypto.js';
import type { Db } from './db/database.js';
import { createSessionStore, SESSION_COOKIE } from './sessions.js';

describe('sessions', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function idleFor(client: FormClient, minutes: number) {
    const idHash = sha256(client.cookies.get(SESSION_COOKIE)!);
    await t.app.services.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - minutes * 60_000) })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async function signedIn(options: Parameters<typeof createUser>[1]): Promise<{ user: TestUser; client: FormClient }> {
    const user = await createUser(t.app, options);
    const client = new FormClient(t.app);
    await signIn(client, user);
    return { user, client };
  }

  it('gives an anonymous reader no cookie and no session row', async () => {
    const before = await t.app.services.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await t.app.inject('/help/privacy');
    assert.equal(response.headers['set-cookie'], undefined);
    const afterRead = await t.app.services.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterRead.n), Number(before.n));
  });

  it('ends a staff session after 30 idle minutes and tells the person why', async () => {
    const { client } = await signedIn({ roles: ['practitioner'] });
    assert.equal((await client.get('/account')).statusCode, 200);
    await idleFor(client, 31);
    const response = await client.get('/account');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Faccount');
    const signInPage = await client.get('/sign-in?returnTo=%2Faccount');
    assert.match(signInPage.body, /You were signed out because you had not done anything for a while/);
  });

  it('keeps a member signed in after 31 idle minutes', async () => {
    const { client } = await signedIn({ roles: ['member'] });
    await idleFor(client, 31);
    assert.equal((await client.get('/account')).statusCode, 200);
  });

  it('tells staff pages the timeout, so that the page can warn before it happens', async () => {
    const { client } = await signedIn({ roles: ['manager'] });
    const page = await client.get('/account');
    assert.match(page.body, /<meta name="hearth-session-timeout" content="1800">/);
  });

  it('keeps what a staff member typed when the session ran out, and puts it back after signing in', async () => {
    const { user, client } = await signedIn({ roles: ['adviser'] });
    await client.get('/account/tokens');
    await idleFor(client, 45);
    const sent = await client.post('/account/tokens', { name: 'Notes typed during a long phone call' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/sign-in?returnTo=%2Faccount%2Ftokens');
    const tokens = await t.app.services.apiTokens.listFor(user.id);
    assert.equal(tokens.length, 0, 'nothing was applied while signed out');

    const page = await client.get(sent.headers.location as string);
    assert.match(page.body, /We have kept what you typed/);
    // Sign in again through the real pages, then the form comes back filled in.
    const again = await signIn(client, user);
    assert.equal(again.headers.location, '/account/tokens');
    const restored = await client.get('/account/tokens');
    assert.match(restored.body, /value="Notes typed during a long phone call"/);
    assert.match(restored.body, /We have put back what you typed/);
  });

  it('deletes an anonymous session, answers and all, when it is next used after its idle time', async () => {
    const token = await t.app.services.sessions.create({ 'guided:some-flow': { answers: { country: 'wales' } } }, null, []);
    const idHash = sha256(token);
    await t.app.services.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 61 * 60_000) })
      .where('id_hash', '=', idHash)
      .execute();
    const response = await t.app.inject({ url: '/help/privacy', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['set-cookie']), new RegExp(`${SESSION_COOKIE}=;`), 'the cookie is cleared');
    const row = await t.app.services.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', idHash).executeTakeFirst();
    assert.equal(row, undefined, 'the row is gone');
  });

  it('deletes sessions that have idled out in the hourly sessions.clean job, and keeps the rest', async () => {
    const { db, sessions, jobs } = t.app.services;
    const staff = await createUser(t.app, { roles: ['adviser'] });
    const member = await createUser(t.app, { roles: ['member'] });
    const made: Record<string, string> = {};
    async function session(name: string, userId: string | null, roles: string[], idleMinutes: number) {
      const token = await sessions.create({ note: name }, userId, roles);
      made[name] = sha256(token);
      await db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - idleMinutes * 60_000) })
        .where('id_hash', '=', made[name]!)
        .execute();
    }
    await session('staff idle', staff.id, ['adviser'], 31);
    await session('staff active', staff.id, ['adviser'], 5);
    await session('member idle', member.id, ['member'], 25 * 60);
    await session('member away for an hour', member.id, ['member'], 60);
    await session('anonymous idle', null, [], 61);
    await session('anonymous active', null, [], 10);
    await jobs.enqueue('sessions.clean', {});
    await t.app.worker.drain();
    const left = await db.selectFrom('sessions').select('data').where('id_hash', 'in', Object.values(made)).execute();
    assert.deepEqual(left.map((row) => (row.data as { note: string }).note).sort(), [
      'anonymous active',
      'member away for an hour',
      'staff active',
    ]);
  });

  it('marks session cookies Secure in production', async () => {
    const production = await testApp({ NODE_ENV: 'production', BASE_URL: 'https://hearth.example', HEARTH_SECRET: 'x'.repeat(40) });
    try {
      const user = await createUser(production.app, { roles: ['member'] });
      const client = new FormClient(production.app);
      const response = await signIn(client, user);
      const cookie = (response.cookies as { name: string; secure?: boolean }[]).find((c) => c.name === SESSION_COOKIE);
      assert.equal(cookie?.secure, true);
      assert.match(String(response.headers['strict-transport-security']), /max-age=/);
    } finally {
      await production.close();
    }
  });
});

describe('the session store kept in memory on the embedded database', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({}, { embedded: true });
  });
  after(() => t.close());

  const stores = () => {
    const db = t.app.services.db;
    const config = t.app.config;
    return { db, sole: createSessionStore(db, config, { writes: t.database.writes }), plain: createSessionStore(db, config) };
  };

  it('serves what was saved, never a copy a request changed without saving, and nothing once removed', async () => {
    const { sole } = stores();
    const token = await sole.create({ answers: { country: 'wales' } }, null, []);
    const first = await sole.load(token);
    assert.deepEqual(first?.data, { answers: { country: 'wales' } });
    (first!.data.answers as Record<string, string>).country = 'england';
    assert.deepEqual((await sole.load(token))?.data, { answers: { country: 'wales' } }, 'an unsaved change is not kept');

    await sole.save(sha256(token), { data: { answers: { country: 'england' } } });
    assert.deepEqual((await sole.load(token))?.data, { answers: { country: 'england' } });

    await sole.remove(sha256(token));
    assert.equal(await sole.load(token), undefined);
  });

  it('keeps a signed-in session only until the person, their roles or the sessions are changed by anyone', async () => {
    const { db, sole } = stores();
    const user = await createUser(t.app);
    const token = await sole.create({}, user.id, ['member']);
    assert.equal((await sole.load(token))?.email, user.email);

    await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    assert.equal((await sole.load(token))?.email, null, 'a disabled account is seen at once (and the session then ends)');

    await db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute();
    assert.equal((await sole.load(token))?.roles.join(), 'member');
    await db.insertInto('user_roles').values({ user_id: user.id, role: 'adviser' }).execute();
    assert.equal((await sole.load(token))?.roles.join(), 'adviser,member', 'a new role is seen at once');

    await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    assert.equal(await sole.load(token), undefined, 'signing out everywhere ends it at once');
  });

  it("keeps a signed-in session through its own touch, but not through another's change to it", async () => {
    const { db, sole } = stores();
    const user = await createUser(t.app);
    const token = await sole.create({ step: 1 }, user.id, ['member']);
    await sole.load(token);
    await sole.save(sha256(token), { lastSeenAt: new Date() });
    let reads = 0;
    const counting = createSessionStore(
      countingDb(db, () => (reads += 1)),
      t.app.config,
      { writes: t.database.writes },
    );
    const again = await counting.load(token);
    assert.deepEqual(again?.data, { step: 1 });
    await counting.load(token);
    assert.equal(reads, 1, 'read once, then kept');

    await db
      .updateTable('sessions')
      .set({ data: JSON.stringify({ step: 2 }) })
      .where('id_hash', '=', sha256(token))
      .execute();
    assert.deepEqual((await counting.load(token))?.data, { step: 2 }, 'a change made elsewhere is read afresh');
    assert.equal(reads, 2);
  });

  it('keeps nothing when other processes share the database', async () => {
    const { db, plain } = stores();
    const token = await plain.create({ step: 1 }, null, []);
    assert.deepEqual((await plain.load(token))?.data, { step: 1 });
    await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
    assert.equal(await plain.load(token), undefined);
  });
});

/** The same database, calling `onRead` for every select it runs. */
function countingDb(db: Db, onRead: () => void): Db {
  const counting: KyselyPlugin = {
    transformQuery(args) {
      if (args.node.kind === 'SelectQueryNode') onRead();
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return db.withPlugin(counting);
}
