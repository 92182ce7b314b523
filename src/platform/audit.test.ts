import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUser, FormClient, signIn, testApp, type TestContext } from '../../tests/support/app.js';
import { migratedDataDirectory } from '../../tests/support/database.js';
import { createAuditLog, systemActor } from './audit.js';
import { openDatabase, pgliteDirectory } from './db/database.js';

describe('the audit log', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const db = () => t.app.services.db;

  it('records sign-ins and failures with who, what, when and from where', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    await new FormClient(t.app).submit('/sign-in', { email: user.email, password: 'wrong password entirely' });
    await signIn(new FormClient(t.app), user);
    const rows = await db().selectFrom('audit_log').selectAll().where('actor_label', '=', user.email).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.action),
      ['sign-in.failed', 'sign-in.succeeded'],
    );
    assert.equal(rows[1]!.actor_id, user.id);
    assert.ok(rows[1]!.ip);
    assert.ok(rows[1]!.at instanceof Date);
  });

  it('chains every entry to the one before, so that verify passes on an untouched log', async () => {
    const audit = t.app.services.audit;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record({ actor: systemActor('test'), action: 'test.concurrent', details: { i, nested: { b: 1, a: [2, 3] } } }),
      ),
    );
    const result = await audit.verify();
    assert.equal(result.firstBroken, null);
    assert.ok(result.checked >= 20);
  });

  it('writes entries that arrive together in fewer commits, each caller resuming with its entry stored', async () => {
    const audit = t.app.services.audit;
    const before = await db()
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const xidsBefore = sql<number>`count(distinct xmin::text)::int`;
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await audit.record({ actor: systemActor('test'), action: 'test.together', details: { i } });
        const mine = await db()
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'test.together')
          .where(sql<boolean>`details->>'i' = ${String(i)}`)
          .execute();
        assert.equal(mine.length, 1, `entry ${i} is stored by the time its caller resumes`);
      }),
    );
    const { commits } = await db()
      .selectFrom('audit_log')
      .select(xidsBefore.as('commits'))
      .where('action', '=', 'test.together')
      .executeTakeFirstOrThrow();
    assert.ok(commits < 30, `30 entries arriving together took ${commits} commits`);
    const after = await db()
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n - before.n, 30);
    assert.equal((await audit.verify()).firstBroken, null);
  });

  it('keeps the chain whole around entries written in a caller’s transaction, committed or rolled back', async () => {
    const audit = t.app.services.audit;
    const entry = (action: string) => ({ actor: systemActor('test'), action });
    await audit.record(entry('test.head-before'));
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await audit.record(entry('test.head-rolled-back'), trx);
          throw new Error('the change failed');
        }),
      /the change failed/,
    );
    await audit.record(entry('test.head-after-rollback'));
    await db()
      .transaction()
      .execute((trx) => audit.record(entry('test.head-committed'), trx));
    await audit.record(entry('test.head-after-commit'));
    assert.equal((await audit.verify()).firstBroken, null);
    const actions = await db().selectFrom('audit_log').select('action').where('action', 'like', 'test.head-%').orderBy('id').execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['test.head-before', 'test.head-after-rollback', 'test.head-committed', 'test.head-after-commit'],
    );
  });

  it('refuses only the entry the database refuses when entries go together', async () => {
    const audit = t.app.services.audit;
    const good = Array.from({ length: 5 }, (_, i) =>
      audit.record({ actor: systemActor('test'), action: 'test.beside-a-bad-one', details: { i } }),
    );
    // Not a uuid: the organisation column refuses it.
    const bad = audit.record({ actor: systemActor('test'), action: 'test.bad', organisationId: 'not-a-uuid' });
    await Promise.all(good);
    await assert.rejects(bad);
    const stored = await db().selectFrom('audit_log').select('id').where('action', '=', 'test.beside-a-bad-one').execute();
    assert.equal(stored.length, 5);
    assert.equal((await audit.verify()).firstBroken, null);
  });

  it('cannot be changed or deleted through the database', async () => {
    await t.app.services.audit.record({ actor: systemActor('test'), action: 'test.protected' });
    await assert.rejects(sql`update audit_log set actor_label = 'someone else'`.execute(db()), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(db()), /append-only/);
  });

  it('names the first entry that was tampered with, even by someone who can switch the guard off', async () => {
    const audit = t.app.services.audit;
    for (let i = 0; i < 3; i += 1) await audit.record({ actor: systemActor('test'), action: 'test.tamper', details: { i } });
    const target = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.tamper')
      .orderBy('id')
      .limit(1)
      .offset(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(db());
    try {
      await sql`update audit_log set reason = 'covering tracks' where id = ${target.id}`.execute(db());
      const changed = await audit.verify();
      assert.equal(changed.firstBroken?.id, target.id);
      assert.match(changed.firstBroken!.problem, /contents do not match/);

      await sql`update audit_log set reason = null where id = ${target.id}`.execute(db());
      assert.equal((await audit.verify()).firstBroken, null, 'putting it back restores the chain');

      await sql`delete from audit_log where id = ${target.id}`.execute(db());
      const removed = await audit.verify();
      assert.ok(removed.firstBroken && removed.firstBroken.id > target.id);
      assert.match(removed.firstBroken.problem, /removed or reordered/);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update_or_delete`.execute(db());
    }
  });
});

describe('npx hearth audit verify', () => {
  it('exits 0 on an intact log and 1 naming the first broken entry', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-audit-'));
    try {
      await migratedDataDirectory(dataDir);
      const database = await openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
      const audit = createAuditLog(database.db);
      for (let i = 0; i < 3; i += 1) await audit.record({ actor: systemActor('cli-test'), action: 'test.cli', details: { i } });
      await database.close();

      const env = {
        ...process.env,
        HEARTH_DATA_DIR: dataDir,
        DATABASE_URL: '',
        NODE_ENV: 'development',
        HEARTH_SECRET: 'a-secret-for-the-audit-command-test-0123456789',
      };
      const cli = () => spawnSync(process.execPath, ['bin/hearth.mjs', 'audit', 'verify'], { env, encoding: 'utf8' });
      const intact = cli();
      assert.equal(intact.status, 0, intact.stderr);
      assert.match(intact.stdout, /Audit log intact: 3 entries checked/);

      const again = await openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
      await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(again.db);
      await sql`update audit_log set details = '{"i": 99}' where id = 2`.execute(again.db);
      await again.close();

      const broken = cli();
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /broken at entry 2/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
