import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, mailTo, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../tests/support/app.js';
import { startSmtpSink } from '../../tests/support/smtp.js';
import { recurringJobsFor } from './job-handlers.js';
import { personActor } from './audit.js';
import { deleteAccount } from './personal-data/collect.js';

const DAY_MS = 86_400_000;

async function age(t: TestContext, to: string, days: number) {
  // created_at cannot be written through the typed schema (a row's age is the database's to say), so this is raw.
  await t.app.services.db
    .updateTable('mail_messages')
    .set({ created_at: new Date(Date.now() - days * DAY_MS) } as never)
    .where('to_address', '=', to)
    .execute();
}

describe('mail retention, with an SMTP server', () => {
  const smtp = { sink: null as Awaited<ReturnType<typeof startSmtpSink>> | null };
  let t: TestContext;
  before(async () => {
    smtp.sink = await startSmtpSink();
    t = await testApp({ SMTP_URL: smtp.sink.url, MAIL_RETENTION_DAYS: '30' });
  });
  after(async () => {
    await t.close();
    await smtp.sink!.close();
  });

  it('blanks a message’s body and headers once it is sent, so no working link is kept', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    await new FormClient(t.app).submit('/password-reset', { email: user.email });
    await t.app.worker.drain();
    const delivered = smtp.sink!.received.find((m) => m.to.includes(user.email));
    assert.ok(delivered, 'the email went out');
    assert.match(delivered.raw.replace(/=\r?\n/g, ''), /\/password-reset\/new\?token=/);
    const [stored] = await mailTo(t.app, user.email);
    assert.equal(stored!.status, 'sent');
    assert.equal(stored!.text_body, '');
    assert.equal(stored!.html_body, null);
    assert.deepEqual(stored!.headers, {});
    assert.equal(stored!.subject, 'Reset your Hearth password', 'what it was about stays, for the outbox');

    const admin = await createUser(t.app, { roles: ['admin'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, admin);
    const page = await client.get(`/admin/outbox/${stored!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hearth does not keep what a message said once it has been sent/);
    assert.doesNotMatch(page.body, /token=/);
  });

  it('deletes messages older than MAIL_RETENTION_DAYS, and blanks any sent message still holding its body', async () => {
    const old = uniqueEmail('old');
    const recent = uniqueEmail('recent');
    const legacy = uniqueEmail('legacy');
    const { mailer, db } = t.app.services;
    await mailer.send({ to: old, subject: 'Old', text: 'http://hearth.test/invitation?token=old' });
    await mailer.send({ to: recent, subject: 'Recent', text: 'kept for now' });
    await mailer.send({ to: legacy, subject: 'Sent before bodies were blanked', text: 'http://hearth.test/x?token=legacy' });
    await db.updateTable('mail_messages').set({ status: 'sent', sent_at: new Date() }).where('to_address', '=', legacy).execute();
    await age(t, old, 31);
    await age(t, recent, 29);

    await t.app.services.jobs.enqueue('mail.clean', {});
    await t.app.worker.drain();
    assert.deepEqual(await mailTo(t.app, old), [], 'the old message is gone');
    assert.equal((await mailTo(t.app, recent)).length, 1, 'the recent one stays');
    const [blanked] = await mailTo(t.app, legacy);
    assert.equal(blanked!.text_body, '');
  });

  it('runs the clean every day, whichever worker is free', () => {
    assert.ok(recurringJobsFor([]).some((job) => job.kind === 'mail.clean' && job.everySeconds <= 24 * 60 * 60));
  });
});

describe('mail to a deleted account', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('is erased with the account, and mail to anyone else stays', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const other = await createUser(t.app, { roles: ['member'] });
    await t.app.services.mailer.send({ to: user.email.toUpperCase(), subject: 'Written in capitals', text: 'hello' });
    await new FormClient(t.app).submit('/password-reset', { email: user.email });
    await new FormClient(t.app).submit('/password-reset', { email: other.email });
    assert.equal((await mailTo(t.app, user.email)).length, 1);

    await deleteAccount(t.app.services, t.app.allModules, t.app.moduleContext, user.id, personActor(user, null));
    const left = await t.app.services.db
      .selectFrom('mail_messages')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', user.email.toLowerCase()))
      .execute();
    assert.deepEqual(left, []);
    assert.equal((await mailTo(t.app, other.email)).length, 1);
  });

  it('keeps mail without SMTP readable in the outbox, links and all, until its time is up', async () => {
    const email = uniqueEmail('kept');
    await t.app.services.mailer.send({ to: email, subject: 'Kept', text: 'http://hearth.test/register/confirm?token=abc' });
    const [kept] = await mailTo(t.app, email);
    assert.equal(kept!.status, 'kept');
    assert.match(kept!.text_body, /token=abc/);
    await t.app.services.mailer.clean();
    assert.equal((await mailTo(t.app, email)).length, 1);
    await age(t, email, 31);
    await t.app.services.mailer.clean();
    assert.deepEqual(await mailTo(t.app, email), []);
  });
});
