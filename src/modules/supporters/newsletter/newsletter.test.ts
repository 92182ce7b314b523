import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../../../tests/support/app.js';
import { startSmtpSink } from '../../../../tests/support/smtp.js';
import { NEWSLETTER_CONSENT } from './subscriptions.js';
import { bodyOf, headersOf, linkTo, waitForMail } from '../test-support/mail.js';
import { systemActor } from '../../../platform/audit.js';

/** The newsletter over a real SMTP server: double opt-in, the one-click unsubscribe headers, and preferences. */
describe('newsletter sign-up and unsubscribe over SMTP', () => {
  let t: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let editor: FormClient;

  before(async () => {
    smtp = await startSmtpSink();
    t = await testApp({ SMTP_URL: smtp.url });
    editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const subscriberRow = (email: string) =>
    t.app.services.db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();

  async function signUpAndConfirm(email: string) {
    const visitor = new FormClient(t.app);
    const sent = await visitor.submit('/newsletter', { email });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/newsletter/check-your-email');
    await t.app.worker.drain();
    const confirmation = await waitForMail(smtp.received, email, /Confirm you want/);
    const page = await visitor.get(linkTo(confirmation, '/newsletter/confirm'));
    assert.equal(page.statusCode, 200);
    const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
    return { visitor, page, token };
  }

  it('opening the emailed link does not subscribe; pressing the button does, and records the consent', async () => {
    const email = uniqueEmail('reader');
    const { visitor, page, token } = await signUpAndConfirm(email);
    assert.match(page.body, /Confirm sign-up/);
    // A mail scanner that follows the link has changed nothing.
    assert.equal((await subscriberRow(email))!.status, 'pending');

    const confirmed = await visitor.post('/newsletter/confirm', { token });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /You are signed up/);
    const row = (await subscriberRow(email))!;
    assert.equal(row.status, 'subscribed');
    assert.equal(row.consent_wording_version, NEWSLETTER_CONSENT.version);
    assert.match(row.consent_method!, /double opt-in/);
    assert.ok(row.consented_at);
    const history = await t.app.services.db
      .selectFrom('newsletter_consent_events')
      .select('event')
      .where('subscriber_id', '=', row.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      history.map((h) => h.event),
      ['requested', 'confirmed'],
    );

    // The link works once.
    const again = await visitor.post('/newsletter/confirm', { token });
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /expired or been used/);
  });

  it('sends an issue with List-Unsubscribe headers and a preferences link; one POST to the header link unsubscribes', async () => {
    const email = uniqueEmail('reader');
    const { visitor, token } = await signUpAndConfirm(email);
    await visitor.post('/newsletter/confirm', { token });

    const created = await editor.submit('/admin/newsletter/new', {
      subject: 'Spring news',
      intro: 'Hello **everyone**.\n\n<script>alert(1)</script>',
    });
    assert.equal(created.statusCode, 303);
    const issuePath = created.headers.location as string;
    const issuePage = await editor.get(issuePath);
    assert.match(issuePage.body, /<strong>everyone<\/strong>/);
    assert.doesNotMatch(issuePage.body, /<script>alert/);
    const sent = await editor.post(`${issuePath}/send`, { confirm: 'yes' });
    assert.equal(sent.statusCode, 303);
    await t.app.worker.drain();

    const newsletter = await waitForMail(smtp.received, email, /^Spring news$/);
    const headers = headersOf(newsletter);
    assert.equal(headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    const oneClick = /^<(https?:\/\/[^>]+)>$/.exec(headers['list-unsubscribe']!)?.[1];
    assert.ok(oneClick, `List-Unsubscribe is one https URL in angle brackets: ${headers['list-unsubscribe']}`);
    assert.match(oneClick, /\/api\/v1\/newsletter\/unsubscribe\?s=/);
    const preferences = linkTo(newsletter, '/newsletter/preferences');
    assert.match(bodyOf(newsletter), /Read this newsletter on the web/);

    const url = new URL(oneClick);
    const click = await t.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(click.statusCode, 200, click.body);
    assert.equal((await subscriberRow(email))!.status, 'unsubscribed');

    // The preferences page says so, and lets them come back without another confirmation email.
    const prefs = await visitor.get(preferences);
    assert.match(prefs.body, /You do not get the Hearth newsletter/);
    const back = await visitor.post('/newsletter/preferences', {
      ...Object.fromEntries(new URL(preferences, 'http://x').searchParams),
      action: 'subscribe',
    });
    assert.equal(back.statusCode, 200);
    assert.equal((await subscriberRow(email))!.status, 'subscribed');
    const out = await visitor.post('/newsletter/preferences', {
      ...Object.fromEntries(new URL(preferences, 'http://x').searchParams),
      action: 'unsubscribe',
    });
    assert.match(out.body, /You have unsubscribed/);
    assert.equal((await subscriberRow(email))!.status, 'unsubscribed');

    // The web version is public.
    const slug = (
      await t.app.services.db.selectFrom('newsletter_issues').select('slug').where('subject', '=', 'Spring news').executeTakeFirstOrThrow()
    ).slug;
    const web = await t.app.inject({ method: 'GET', url: `/newsletter/issues/${slug}` });
    assert.equal(web.statusCode, 200);
    assert.match(web.body, /Spring news/);
  });

  it('refuses altered links, and a GET on the one-click link only shows the preferences page', async () => {
    const email = uniqueEmail('reader');
    const { visitor, token } = await signUpAndConfirm(email);
    await visitor.post('/newsletter/confirm', { token });
    const row = (await subscriberRow(email))!;
    const links = t.app.supporters.subscriptions.linksFor(row.id);
    const good = new URL(links.oneClick);
    const forged = `${good.pathname}?s=${row.id}&t=${'A'.repeat(32)}`;
    const refused = await t.app.inject({
      method: 'POST',
      url: forged,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(refused.statusCode, 404);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    const otherId = `${good.pathname}?s=00000000-0000-4000-8000-000000000000&t=${good.searchParams.get('t')}`;
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: otherId,
          payload: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
      404,
    );
    const get = await t.app.inject({ method: 'GET', url: good.pathname + good.search });
    assert.equal(get.statusCode, 303);
    assert.match(get.headers.location as string, /^\/newsletter\/preferences\?s=/);
    assert.equal((await subscriberRow(email))!.status, 'subscribed');
    const badPrefs = await t.app.inject({ method: 'GET', url: `/newsletter/preferences?s=${row.id}&t=nonsense` });
    assert.equal(badPrefs.statusCode, 404);
  });

  it('accepts the one-click POST as multipart/form-data too, as RFC 8058 shows it', async () => {
    const email = uniqueEmail('reader');
    const { visitor, token } = await signUpAndConfirm(email);
    await visitor.post('/newsletter/confirm', { token });
    const link = new URL(t.app.supporters.subscriptions.linksFor((await subscriberRow(email))!.id).oneClick);
    const boundary = 'hearth-test-boundary';
    const response = await t.app.inject({
      method: 'POST',
      url: link.pathname + link.search,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((await subscriberRow(email))!.status, 'unsubscribed');
    // Hearth's own forms still refuse multipart bodies.
    const form = await t.app.inject({
      method: 'POST',
      url: '/newsletter',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}--\r\n`,
    });
    assert.equal(form.statusCode, 415);
  });

  it('shows the same page whether or not an address is on the list, and emails the owner instead', async () => {
    const email = uniqueEmail('reader');
    const { visitor, token } = await signUpAndConfirm(email);
    await visitor.post('/newsletter/confirm', { token });
    const again = await new FormClient(t.app).submit('/newsletter', { email: email.toUpperCase() });
    assert.equal(again.headers.location, '/newsletter/check-your-email');
    await t.app.worker.drain();
    await waitForMail(smtp.received, email, /already getting/);
  });

  it('explains a bad address and keeps what was typed; hostile input is escaped', async () => {
    const client = new FormClient(t.app);
    const bad = await client.submit('/newsletter', { email: '<b>not-an-email</b>' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /value="&lt;b&gt;not-an-email&lt;\/b&gt;"/);
    const empty = await client.post('/newsletter', { email: '' });
    assert.match(empty.body, /Enter your email address/);
    const noCsrf = await client.post('/newsletter', { email: uniqueEmail() }, { csrf: false });
    assert.equal(noCsrf.statusCode, 403);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const huge = await t.app.inject({ method: 'POST', url: '/newsletter', headers: form, payload: `email=${'a'.repeat(2_000_000)}` });
    assert.equal(huge.statusCode, 413);
    const badEncoding = await t.app.inject({ method: 'POST', url: '/newsletter', headers: form, payload: 'email=%ZZ%E0' });
    assert.equal(badEncoding.statusCode, 400);
    const sqlish = await client.post('/newsletter', { email: "x'; drop table newsletter_subscribers; --@example.org" });
    assert.equal(sqlish.statusCode, 400);
    assert.ok(await t.app.services.db.selectFrom('newsletter_subscribers').select('id').limit(1).execute());
  });

  it('records bounces and complaints from the staff page and from the service', async () => {
    const email = uniqueEmail('reader');
    const { visitor, token } = await signUpAndConfirm(email);
    await visitor.post('/newsletter/confirm', { token });
    const page = await editor.submit('/admin/newsletter/problems', {
      kind: 'bounce',
      emails: `${email}\nnobody-${Date.now()}@example.org`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Recorded 1 bounce\./);
    assert.match(page.body, /Not on the list: nobody-/);
    const row = (await subscriberRow(email))!;
    assert.equal(row.status, 'bounced');
    assert.equal(row.bounce_count, 1);
    const reported = await t.app.supporters.subscriptions.recordProblems(systemActor('test'), [email], 'complaint');
    assert.deepEqual(reported, { recorded: [email], unknown: [] });
    assert.equal((await subscriberRow(email))!.status, 'complained');
  });
});
