import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { textWithLinks } from './outbox-routes.js';
import { systemActor } from '../audit.js';

/** The rows of a page's table body, as text, so that a test can count and read them. */
function tableRows(body: string, tableId: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?<tbody[^>]*>([\\s\\S]*?)</tbody>`).exec(body);
  return table ? [...table[1]!.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => m[0]) : [];
}

function linkFrom(body: string, rel: 'next' | 'prev'): string | undefined {
  return new RegExp(`href="([^"]+)" rel="${rel}"`).exec(body)?.[1]?.replace(/&amp;/g, '&');
}

describe('administration: the audit log and the outbox', () => {
  let t: TestContext;
  let client: FormClient;
  let adminEmail: string;
  before(async () => {
    t = await testApp();
    const admin = await createUser(t.app, { roles: ['admin'] });
    adminEmail = admin.email;
    client = new FormClient(t.app);
    await signInDirectly(client, admin);
  });
  after(() => t.close());

  const record = (actorLabel: string, action: string, details: Record<string, unknown> = {}, subjectId?: string) =>
    t.app.services.audit.record({
      actor: { ...systemActor(actorLabel), ip: '192.0.2.7' },
      action,
      details,
      subjectType: 'thing',
      subjectId: subjectId ?? null,
    });

  it('filters by action prefix and by actor, escapes the details, and records the reading', async () => {
    const tag = randomUUID().slice(0, 8);
    await record(`alder-${tag}@example.org`, `kettle-${tag}.boiled`, { note: '<script>alert("owned")</script>' });
    await record(`birch-${tag}@example.org`, `kettle-${tag}.poured`);
    await record(`birch-${tag}@example.org`, `teapot-${tag}.warmed`);

    const byAction = await client.get(`/admin/audit?action=kettle-${tag}`);
    assert.equal(byAction.statusCode, 200);
    const actionRows = tableRows(byAction.body, 'audit-entries');
    assert.equal(actionRows.length, 2);
    assert.match(actionRows[0]!, new RegExp(`kettle-${tag}\\.poured`), 'newest first');
    assert.match(actionRows[1]!, new RegExp(`kettle-${tag}\\.boiled`));
    assert.doesNotMatch(byAction.body, /<script>alert/);
    assert.match(actionRows[1]!, /&lt;script&gt;alert\(&#92;&quot;owned&#92;&quot;\)&lt;\/script&gt;/);

    const exact = await client.get(`/admin/audit?action=kettle-${tag}.boiled`);
    assert.equal(tableRows(exact.body, 'audit-entries').length, 1);

    const byActor = await client.get(`/admin/audit?actor=BIRCH-${tag}`);
    const actorRows = tableRows(byActor.body, 'audit-entries');
    assert.equal(actorRows.length, 2);
    assert.ok(actorRows.every((row) => row.includes(`birch-${tag}@example.org`)));

    const both = await client.get(`/admin/audit?actor=birch-${tag}&action=teapot`);
    assert.equal(tableRows(both.body, 'audit-entries').length, 1);

    const viewed = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.viewed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(viewed.actor_label, adminEmail);
    assert.deepEqual(viewed.details, { action: 'teapot', actor: `birch-${tag}` });
  });

  it('filters by subject and by London day', async () => {
    const tag = randomUUID().slice(0, 8);
    const subject = randomUUID();
    await record(`cedar-${tag}@example.org`, `gate-${tag}.opened`, {}, subject);
    await record(`cedar-${tag}@example.org`, `gate-${tag}.closed`, {}, randomUUID());

    const bySubject = await client.get(`/admin/audit?subject=${subject}`);
    const rows = tableRows(bySubject.body, 'audit-entries');
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, new RegExp(`gate-${tag}\\.opened`));

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const inRange = await client.get(`/admin/audit?action=gate-${tag}&from=${today}&to=${today}`);
    assert.equal(tableRows(inRange.body, 'audit-entries').length, 2);
    const longAgo = await client.get(`/admin/audit?action=gate-${tag}&from=2001-01-01&to=2001-12-31`);
    assert.equal(tableRows(longAgo.body, 'audit-entries').length, 0);
    assert.match(longAgo.body, /No entries match/);
  });

  it('explains filters it cannot use, and ignores a cursor it cannot read', async () => {
    const impossible = await client.get('/admin/audit?from=2026-02-30');
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.body, /The ‘from’ date must be a real date/);
    assert.match(impossible.body, /value="2026-02-30"/);

    const backwards = await client.get('/admin/audit?from=2026-03-02&to=2026-03-01');
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /must be the same as or after/);

    for (const query of ['before=abc', "before=1'or'1", 'before=99999999999999999999', 'from[]=x&action=sign-in']) {
      const response = await client.get(`/admin/audit?${query}`);
      assert.ok([200, 400].includes(response.statusCode), `${query} gave ${response.statusCode}`);
    }
  });

  it('pages through the log 50 entries at a time, both ways', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 53; i += 1) await record('pager@example.org', `page-${tag}.n${String(i).padStart(2, '0')}`);

    const first = await client.get(`/admin/audit?action=page-${tag}`);
    const firstRows = tableRows(first.body, 'audit-entries');
    assert.equal(firstRows.length, 50);
    assert.match(firstRows[0]!, new RegExp(`page-${tag}\\.n52`));
    assert.equal(linkFrom(first.body, 'prev'), undefined);

    const older = linkFrom(first.body, 'next');
    assert.ok(older);
    assert.match(older, new RegExp(`action=page-${tag}`), 'the filter is kept');
    const second = await client.get(older);
    const secondRows = tableRows(second.body, 'audit-entries');
    assert.deepEqual(
      secondRows.map((row) => /page-[\w-]+\.n(\d\d)/.exec(row)?.[1]),
      ['02', '01', '00'],
    );
    assert.equal(linkFrom(second.body, 'next'), undefined);
    assert.equal(linkFrom(second.body, 'prev'), `/admin/audit?action=page-${tag}`);
  });

  it('lists and shows a kept message, with Hearth’s own links followable, and audits the reading', async () => {
    const to = `reader-${randomUUID().slice(0, 8)}@example.org`;
    const id = await t.app.services.mailer.send({
      to,
      subject: 'Your <b>invitation</b>',
      text: 'Hello.\n\nAccept here: http://hearth.test/invitation?token=abc123.\nNot this: http://elsewhere.test/x\n<script>alert(1)</script>',
      headers: { 'List-Unsubscribe': '<http://hearth.test/unsubscribe>' },
    });

    const list = await client.get('/admin/outbox');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Emails are kept here because no email \(SMTP\) server is configured/);
    const row = tableRows(list.body, 'messages').find((r) => r.includes(to));
    assert.ok(row, 'the message is listed');
    assert.match(row, new RegExp(`href="/admin/outbox/${id}"`));
    assert.match(row, /Your &lt;b&gt;invitation&lt;\/b&gt;/);
    assert.match(row, /Kept here/);

    const page = await client.get(`/admin/outbox/${id}`);
    assert.equal(page.statusCode, 200);
    const text = /<pre[^>]*id="message-text"[^>]*>([\s\S]*?)<\/pre>/.exec(page.body)?.[1] ?? '';
    assert.match(text, /<a class="govuk-link" href="http:\/\/hearth\.test\/invitation\?token=abc123">[^<]+<\/a>\./);
    assert.doesNotMatch(text, /href="http:\/\/elsewhere/);
    assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /List-Unsubscribe/);
    assert.match(page.body, /&lt;http:\/\/hearth\.test\/unsubscribe&gt;/);

    const read = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'mail.viewed')
      .where('subject_id', '=', id)
      .execute();
    assert.equal(read.length, 1);
    assert.equal(read[0]!.actor_label, adminEmail);
  });

  it('pages through the outbox, newest first', async () => {
    const tag = randomUUID().slice(0, 8);
    // Written a second apart and in the future, so that the order is certain and they come before every other message.
    const base = Date.now() + 60 * 60_000;
    await t.app.services.db
      .insertInto('mail_messages')
      .values(
        Array.from({ length: 52 }, (_, i) => ({
          to_address: `bulk-${tag}@example.org`,
          subject: `Bulk ${tag} ${String(i).padStart(2, '0')}`,
          text_body: 'Hi',
          headers: '{}',
          status: 'kept' as const,
          created_at: new Date(base + i * 1000),
        })),
      )
      .execute();
    const first = await client.get('/admin/outbox');
    const firstRows = tableRows(first.body, 'messages');
    assert.equal(firstRows.length, 50);
    assert.match(firstRows[0]!, new RegExp(`Bulk ${tag} 51`));
    const older = linkFrom(first.body, 'next');
    assert.ok(older);
    const second = await client.get(older);
    const subjects = tableRows(second.body, 'messages').map((row) => new RegExp(`Bulk ${tag} (\\d\\d)`).exec(row)?.[1] ?? 'other');
    assert.deepEqual(subjects.slice(0, 2), ['01', '00']);
    assert.equal(linkFrom(second.body, 'prev'), '/admin/outbox');
  });

  it('gives 404, not an error, for malformed or unknown message ids', async () => {
    for (const path of ["/admin/outbox/1'or'1", '/admin/outbox/1%27or%271', `/admin/outbox/${randomUUID()}`]) {
      assert.equal((await client.get(path)).statusCode, 404, path);
    }
    assert.equal((await client.get("/admin/outbox?before=1'or'1")).statusCode, 200);
    assert.equal((await client.get(`/admin/outbox?before=${randomUUID()}`)).statusCode, 200);
  });

  it('links only to Hearth itself from a message, and keeps sentence punctuation out of links', () => {
    assert.deepEqual(
      textWithLinks('Go to http://hearth.test/a?b=1. Or https://evil.test/ or http://hearth.test.evil.test/x', 'http://hearth.test'),
      [
        { text: 'Go to ' },
        { text: 'http://hearth.test/a?b=1', href: 'http://hearth.test/a?b=1' },
        { text: '. Or ' },
        { text: 'https://evil.test/' },
        { text: ' or ' },
        { text: 'http://hearth.test.evil.test/x' },
      ],
    );
  });
});
