import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LINE } from './opening-hours/line.js';
import { bookableSlots } from './callbacks/slots.js';
import { createUser, FormClient, mailTo, signIn, testApp, uniqueEmail, type TestContext } from '../../../tests/support/app.js';

const slotsIn = (html: string) => [...html.matchAll(/name="slot" type="radio" value="([^"]+)"/g)].map((m) => m[1]!);
const referenceIn = (html: string) => /id="reference">([^<]+)</.exec(html)?.[1];

let phoneCounter = 100;
/** A different number from Ofcom's drama range each time, so the limit per number does not get in the way. */
const nextPhone = () => `07700 900${String(phoneCounter++).padStart(3, '0')}`;

function validRequest(slot: string, overrides: Record<string, string> = {}) {
  return {
    name: 'Sam',
    phone: nextPhone(),
    email: '',
    slot,
    safeToLeaveMessage: 'yes',
    forSomeoneElse: 'no',
    needs: '',
    reason: 'A child protection conference next week.',
    website: '',
    ...overrides,
  };
}

async function auditActions(t: TestContext, action: string) {
  return t.app.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

describe('the advice line for families', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HELPLINE_SLOT_CAPACITY: '2', HELPLINE_REQUESTS_PER_HOUR: '1000' });
  });
  after(async () => t.close());

  it('shows the number and whether the line is open, on its own page and on the home page', async () => {
    const page = await t.app.inject('/advice-line');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /0808 157 0123/);
    assert.match(page.body, /href="tel:08081570123"/);
    assert.match(page.body, /(Open now until 3pm|Closed now\. Opens at 9\.30am)/);
    assert.match(page.body, /Monday to Friday, 9\.30am to 3pm/);
    assert.match(page.body, /not legal advice/);
    const home = await t.app.inject('/');
    assert.match(home.body, /Talk to an adviser/);
    assert.match(home.body, /href="\/advice-line"/);
  });

  it('gives the same status and free slots as JSON', async () => {
    const response = await t.app.inject('/api/v1/advice-line');
    assert.equal(response.statusCode, 200);
    const body = response.json<{
      number: string;
      open: boolean;
      statusText: string;
      changesAt: string;
      freeSlots: { startsAt: string }[];
    }>();
    assert.equal(body.number, '0808 157 0123');
    assert.equal(body.statusText, (await t.app.helpline.status()).statusText);
    assert.ok(new Date(body.changesAt) > new Date());
    const free = await t.app.helpline.freeSlots();
    assert.deepEqual(
      body.freeSlots.map((slot) => slot.startsAt),
      free.map((slot) => slot.startsAt.toISOString()),
    );
    const spec = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    assert.ok(spec.paths['/api/v1/advice-line'], 'published in the OpenAPI document');
  });

  it('takes a callback request, shows its reference and emails it', async () => {
    const client = new FormClient(t.app);
    // The form is on the advice line's own page, and alone at /advice-line/callback.
    assert.deepEqual(slotsIn((await client.get('/advice-line/callback')).body), slotsIn((await t.app.inject('/advice-line')).body));
    const form = await client.get('/advice-line');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form method="post" action="\/advice-line\/callback"/);
    const slots = slotsIn(form.body);
    const offered = await t.app.helpline.freeSlots();
    assert.deepEqual(
      slots,
      offered.map((slot) => slot.startsAt.toISOString()),
      'offers exactly the free slots',
    );
    assert.equal(new Set(offered.map((slot) => slot.date)).size, 5, 'of five open days');
    const email = uniqueEmail('caller');
    const sent = await client.post('/advice-line/callback', validRequest(slots[0]!, { email }));
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/advice-line/callback/confirmation');
    const confirmation = await client.get('/advice-line/callback/confirmation');
    const reference = referenceIn(confirmation.body);
    assert.match(reference ?? '', /^AL-[A-HJ-NP-Z2-9]{6}$/);
    const [mail] = await mailTo(t.app, email);
    assert.ok(mail, 'a confirmation email was written');
    assert.match(mail.subject, new RegExp(reference!));
    assert.match(mail.text_body, new RegExp(`Your reference is ${reference}`));
    assert.doesNotMatch(mail.text_body, /07700/, 'the email never repeats the phone number');
    const stored = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .selectAll()
      .where('reference', '=', reference!)
      .executeTakeFirstOrThrow();
    assert.equal(stored.phone, '07700900' + String(phoneCounter - 1).padStart(3, '0'), 'stored without spaces');
    assert.equal(new Date(stored.slot_starts_at).toISOString(), slots[0]);
  });

  it('without the confirmation in the session, sends people to the form', async () => {
    const response = await t.app.inject('/advice-line/callback/confirmation');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/advice-line/callback');
  });

  it('explains every mistake, keeps what was typed, and escapes it', async () => {
    const client = new FormClient(t.app);
    await client.get('/advice-line/callback');
    const response = await client.post('/advice-line/callback', {
      name: '<script>alert(1)</script>',
      phone: '12345',
      email: 'not an address',
      reason: '',
      website: '',
    });
    assert.equal(response.statusCode, 400);
    for (const message of [
      'Enter a UK phone number, like 01632 960 001 or 07700 900 982',
      'Enter an email address in the correct format, like name@example.org',
      'Choose a time for us to call you',
      'Select yes if we can leave a message on this number',
      'Select yes if you are asking for a call for someone else',
      'Tell us briefly what you would like to talk about',
    ]) {
      assert.ok(response.body.includes(message), `says "${message}"`);
    }
    assert.ok(response.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is kept, escaped');
    assert.ok(!response.body.includes('<script>alert(1)'));
    const count = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', '<script>%')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('refuses a slot that is not offered, and text that is far too long', async () => {
    const client = new FormClient(t.app);
    await client.get('/advice-line/callback');
    const sunday = await client.post('/advice-line/callback', validRequest('2026-11-29T10:00:00.000Z'));
    assert.equal(sunday.statusCode, 409);
    assert.match(sunday.body, /That time is no longer available/);
    const garbage = await client.post('/advice-line/callback', validRequest("'; drop table helpline_callbacks; --"));
    assert.equal(garbage.statusCode, 400);
    assert.match(garbage.body, /Choose a time for us to call you/);
    const [slot] = slotsIn((await client.get('/advice-line/callback')).body);
    const long = await client.post('/advice-line/callback', validRequest(slot!, { reason: 'x'.repeat(1001) }));
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /What you would like to talk about must be 1000 characters or fewer/);
  });

  it('copes with hostile bodies: repeated fields, a huge one, and JSON where a form was expected', async () => {
    const client = new FormClient(t.app);
    const [first, second] = slotsIn((await client.get('/advice-line/callback')).body);
    const twice = await client.post(
      '/advice-line/callback',
      validRequest(first!, { slot: [first!, second!] as unknown as string, name: 'Repeated' }),
    );
    assert.equal(twice.statusCode, 303, 'a repeated field counts once, as the first value');
    const stored = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select('slot_starts_at')
      .where('name', '=', 'Repeated')
      .executeTakeFirstOrThrow();
    assert.equal(new Date(stored.slot_starts_at).toISOString(), first);
    const huge = await client.post('/advice-line/callback', validRequest(first!, { reason: 'x'.repeat(2_000_000) }));
    assert.equal(huge.statusCode, 413);
    const json = await t.app.inject({
      method: 'POST',
      url: '/advice-line/callback',
      headers: { 'content-type': 'application/json', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      payload: JSON.stringify({ ...validRequest(first!), _csrf: client.csrf, name: { $gt: '' } }),
    });
    assert.equal(json.statusCode, 400, 'an object is not a name');
    assert.match(json.body, /Enter your first name/);
    assert.doesNotMatch(json.body, /object Object/);
  });

  it('refuses a request whose hidden field was filled in, saving nothing', async () => {
    const client = new FormClient(t.app);
    const [slot] = slotsIn((await client.get('/advice-line/callback')).body);
    const before = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await client.post('/advice-line/callback', validRequest(slot!, { website: 'http://spam.example.com' }));
    assert.equal(response.statusCode, 400);
    const after = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('refuses CSRF-less posts', async () => {
    const client = new FormClient(t.app);
    const [slot] = slotsIn((await client.get('/advice-line/callback')).body);
    const response = await client.post('/advice-line/callback', validRequest(slot!), { csrf: false });
    assert.equal(response.statusCode, 403);
  });

  it('stops offering a slot once its places are taken', async () => {
    const client = new FormClient(t.app);
    const slot = slotsIn((await client.get('/advice-line/callback')).body).at(-1)!;
    for (let i = 0; i < 2; i++) assert.equal((await client.post('/advice-line/callback', validRequest(slot))).statusCode, 303);
    const form = await client.get('/advice-line/callback');
    assert.ok(!slotsIn(form.body).includes(slot), 'the full slot is no longer offered');
    const third = await client.post('/advice-line/callback', validRequest(slot));
    assert.equal(third.statusCode, 409);
    assert.match(third.body, /Someone has just taken the last place at that time/);
  });

  it('lets only as many people as there are places take a slot at once', async () => {
    const slots = await t.app.helpline.freeSlots();
    const slot = slots.at(-3)!;
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.app.helpline.requestCallback({
          name: 'Alex',
          phone: nextPhone().replace(/ /g, ''),
          email: '',
          slot: slot.startsAt,
          safeToLeaveMessage: true,
          forSomeoneElse: false,
          needs: '',
          reason: 'Testing the last place.',
        }),
      ),
    );
    assert.equal(attempts.filter((a) => a.ok).length, 2);
    assert.ok(attempts.filter((a) => !a.ok).every((a) => !a.ok && a.problem === 'slot-full'));
    const stored = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('slot_starts_at', '=', slot.startsAt)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 2);
  });

  it('never tells a visitor how many requests a number already has waiting: the same confirmation every time', async () => {
    const phone = '01632 960 555';
    const pages: string[] = [];
    const references: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      // Anyone could type this number in: each time is a different visitor.
      const client = new FormClient(t.app);
      const slots = slotsIn((await client.get('/advice-line/callback')).body);
      const sent = await client.post('/advice-line/callback', validRequest(slots[i + 1]!, { phone }));
      assert.equal(sent.statusCode, 303, `request ${i + 1} is taken like any other`);
      assert.equal(sent.headers.location, '/advice-line/callback/confirmation');
      const confirmation = await client.get('/advice-line/callback/confirmation');
      assert.equal(confirmation.statusCode, 200);
      assert.doesNotMatch(confirmation.body, /already|waiting for this number|requests waiting/i);
      references.push(referenceIn(confirmation.body)!);
      pages.push(
        confirmation.body
          .replace(/AL-[A-Z2-9]{6}/g, 'AL-REF')
          .replace(/call you on <strong>[^<]*<\/strong>( \(today\))?/, 'call you on WHEN'),
      );
    }
    assert.equal(
      new Set(pages.map((p) => p.replace(/name="_csrf" value="[^"]*"/g, ''))).size,
      1,
      'the pages differ only in reference and time',
    );
    // Advisers see the repeats, marked, on the queue and on the request.
    const rows = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select(['id', 'reference', 'open_for_number'])
      .where('reference', 'in', references)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.open_for_number),
      [0, 1, 2, 3],
    );
    const adviserUser = await createUser(t.app, { roles: ['adviser'] });
    const adviser = new FormClient(t.app);
    await signIn(adviser, adviserUser);
    const queue = await adviser.get('/advisers/queue');
    const lastRow = new RegExp(`${rows[3]!.reference}[\\s\\S]*?</tr>`).exec(queue.body)?.[0] ?? '';
    assert.match(lastRow, /Repeat/, 'a repeat is marked in the queue');
    assert.doesNotMatch(new RegExp(`${rows[0]!.reference}[\\s\\S]*?</tr>`).exec(queue.body)?.[0] ?? '', /Repeat/);
    await adviser.post(`/advisers/queue/${rows[3]!.id}/claim`);
    const request = await adviser.get(`/advisers/callbacks/${rows[3]!.id}`);
    assert.match(request.body, /3 other requests from this number were waiting when this one came in/);
  });
});

describe('rate limits on callback requests', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HELPLINE_REQUESTS_PER_HOUR: '3' });
  });
  after(async () => t.close());

  it('turns away a flood from one address', async () => {
    const client = new FormClient(t.app);
    const slots = slotsIn((await client.get('/advice-line/callback')).body);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post('/advice-line/callback', validRequest(slots[i]!))).statusCode);
    assert.deepEqual(statuses, [303, 303, 303, 429, 429]);
  });
});

describe('advisers and managers', () => {
  let t: TestContext;
  let adviser: FormClient;
  let adviserId: string;
  before(async () => {
    t = await testApp({ HELPLINE_REQUESTS_PER_HOUR: '1000' });
    const user = await createUser(t.app, { roles: ['adviser'] });
    adviserId = user.id;
    adviser = new FormClient(t.app);
    await signIn(adviser, user);
  });
  after(async () => t.close());

  async function request(reason = 'About a meeting next week.') {
    const client = new FormClient(t.app);
    const [slot] = slotsIn((await client.get('/advice-line/callback')).body);
    await client.post('/advice-line/callback', validRequest(slot!, { name: 'Jo', reason }));
    const reference = referenceIn((await client.get('/advice-line/callback/confirmation')).body)!;
    const row = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    return { reference, id: row.id };
  }

  it('keeps the queue and the caller’s details from members and visitors', async () => {
    assert.equal((await t.app.inject('/advisers/queue')).statusCode, 303);
    const member = new FormClient(t.app);
    await signIn(member, await createUser(t.app, { roles: ['member'] }));
    assert.equal((await member.get('/advisers/queue')).statusCode, 403);
    const { id } = await request();
    assert.equal((await member.get(`/advisers/callbacks/${id}`)).statusCode, 403);
    assert.equal((await adviser.get('/advisers/figures')).statusCode, 403, 'figures are for managers');
  });

  it('lists due requests without personal details; claiming one shows them and audits the look', async () => {
    const { reference, id } = await request('Worried about <b>a letter</b>.');
    const queue = await adviser.get('/advisers/queue');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(reference));
    assert.ok(!queue.body.includes('Worried about'), 'the queue shows no reasons');
    const claim = await adviser.post(`/advisers/queue/${id}/claim`);
    assert.equal(claim.statusCode, 303);
    assert.equal(claim.headers.location, `/advisers/callbacks/${id}`);
    const page = await adviser.get(`/advisers/callbacks/${id}`);
    assert.ok(page.body.includes('Worried about &lt;b&gt;a letter&lt;/b&gt;.'));
    const viewed = (await auditActions(t, 'helpline.callback.viewed')).filter((row) => row.subject_id === id);
    assert.equal(viewed.length, 1);
    assert.equal(viewed[0]!.actor_id, adviserId);
    assert.equal((await auditActions(t, 'helpline.callback.claimed')).filter((row) => row.subject_id === id).length, 1);
  });

  it('does not let a second adviser claim or log a request someone holds', async () => {
    const { id } = await request();
    assert.equal((await adviser.post(`/advisers/queue/${id}/claim`)).statusCode, 303);
    const other = new FormClient(t.app);
    await signIn(other, await createUser(t.app, { roles: ['adviser'] }));
    await other.get('/advisers/queue');
    const claim = await other.post(`/advisers/queue/${id}/claim`);
    assert.equal(claim.headers.location, '/advisers/queue');
    const log = await other.post(`/advisers/callbacks/${id}/log`, { outcome: 'advice-given', next: 'close' });
    assert.equal(log.statusCode, 409);
    assert.equal((await other.get('/advisers/callbacks/not-a-uuid')).statusCode, 404);
    assert.equal((await other.get('/advisers/callbacks/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  it('logs a call with a follow-up, then closes the request on the next call', async () => {
    const { reference, id } = await request();
    await adviser.post(`/advisers/queue/${id}/claim`);
    await adviser.get(`/advisers/callbacks/${id}`);
    const empty = await adviser.post(`/advisers/callbacks/${id}/log`, { notes: 'Kept note', next: 'follow-up' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select what happened on the call/);
    assert.match(empty.body, /Kept note/);
    const noDate = await adviser.post(`/advisers/callbacks/${id}/log`, { outcome: 'message-left', next: 'follow-up' });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the date to call again/);
    const badTopic = await adviser.post(`/advisers/callbacks/${id}/log`, {
      outcome: 'advice-given',
      topics: ['not-a-subject'],
      next: 'close',
    });
    assert.match(badTopic.body, /Select topics from the list/);

    const next = new Date(Date.now() + 3 * 86_400_000);
    const followUp = await adviser.post(`/advisers/callbacks/${id}/log`, {
      outcome: 'message-left',
      topics: ['child-protection'],
      notes: 'Left a short message.',
      next: 'follow-up',
      'followUp-day': String(next.getUTCDate()),
      'followUp-month': String(next.getUTCMonth() + 1),
      'followUp-year': String(next.getUTCFullYear()),
      followUpTime: '11:00',
    });
    assert.equal(followUp.statusCode, 303);
    let row = await t.app.services.db.selectFrom('helpline_callbacks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'waiting');
    assert.equal(row.claimed_by, null);
    assert.ok(row.first_called_at);
    assert.ok(new Date(row.due_at) > new Date(Date.now() + 2 * 86_400_000));
    assert.match((await adviser.get('/advisers/queue')).body, new RegExp(`${reference}[\\s\\S]*Follow-up`));

    await adviser.post(`/advisers/queue/${id}/claim`);
    const closed = await adviser.post(`/advisers/callbacks/${id}/log`, {
      outcome: 'advice-given',
      topics: ['child-protection', 'family-support'],
      next: 'close',
    });
    assert.equal(closed.statusCode, 303);
    row = await t.app.services.db.selectFrom('helpline_callbacks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'closed');
    assert.ok(!(await adviser.get('/advisers/queue')).body.includes(reference));
    assert.equal((await auditActions(t, 'helpline.callback.closed')).filter((r) => r.subject_id === id).length, 1);
    assert.equal((await auditActions(t, 'helpline.callback.follow-up-set')).filter((r) => r.subject_id === id).length, 1);
  });

  it('shows managers weekly volumes, waiting times and topics', async () => {
    const manager = new FormClient(t.app);
    await signIn(manager, await createUser(t.app, { roles: ['manager'] }));
    const page = await manager.get('/advisers/figures');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Requests and waiting times/);
    assert.match(page.body, /Child protection<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2</);
    const figures = await t.app.helpline.weeklyFigures();
    const requests = figures.weeks.reduce((sum, w) => sum + w.requests, 0);
    const stored = await t.app.services.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(requests, Number(stored.n));
    assert.ok(figures.weeks.some((w) => w.closed >= 1 && w.called >= 1));
  });

  it('lets managers close the line on a day, which then offers no slots', async () => {
    const manager = new FormClient(t.app);
    await signIn(manager, await createUser(t.app, { roles: ['manager'] }));
    const [first] = await t.app.helpline.freeSlots();
    const [year, month, day] = first!.date.split('-');
    await manager.get('/advisers/closures');
    const past = await manager.post('/advisers/closures', { 'date-day': '1', 'date-month': '1', 'date-year': '2020', reason: 'Old' });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /today or in the future/);
    const noReason = await manager.post('/advisers/closures', { 'date-day': day!, 'date-month': month!, 'date-year': year! });
    assert.match(noReason.body, /Enter why the line is closed/);
    const added = await manager.post('/advisers/closures', {
      'date-day': day!,
      'date-month': month!,
      'date-year': year!,
      reason: 'Staff training',
    });
    assert.equal(added.statusCode, 303);
    const again = await manager.post('/advisers/closures', { 'date-day': day!, 'date-month': month!, 'date-year': year!, reason: 'Again' });
    assert.equal(again.statusCode, 409);
    const slots = await t.app.helpline.freeSlots();
    assert.ok(
      slots.every((s) => s.date !== first!.date),
      'the closed day offers no slots',
    );
    const days = new Set(bookableSlots(await t.app.helpline.calendar(), new Date(), LINE).map((s) => s.date));
    assert.equal(days.size, 5, 'still five open days to choose from');
    assert.ok(!days.has(first!.date));
    assert.equal((await auditActions(t, 'helpline.closure.added')).length, 1);
    await manager.get('/advisers/closures');
    const removed = await manager.post(`/advisers/closures/${first!.date}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.ok((await t.app.helpline.freeSlots()).some((s) => s.date === first!.date));
  });

  it('purges callers’ details after the retention period, by the recurring job, and audits it', async () => {
    const old = await request('An old worry.');
    const recent = await request('A recent worry.');
    await adviser.post(`/advisers/queue/${old.id}/claim`);
    await adviser.post(`/advisers/callbacks/${old.id}/log`, { outcome: 'advice-given', notes: 'Private note', next: 'close' });
    const thirteenMonthsAgo = new Date();
    thirteenMonthsAgo.setUTCMonth(thirteenMonthsAgo.getUTCMonth() - 13);
    await t.app.services.db
      .updateTable('helpline_callbacks')
      .set({ created_at: thirteenMonthsAgo } as never)
      .where('id', '=', old.id)
      .execute();
    await t.app.services.jobs.enqueue('helpline.purge', {});
    await t.app.worker.drain();
    const purged = await t.app.services.db.selectFrom('helpline_callbacks').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    assert.equal(purged.name, null);
    assert.equal(purged.phone, null);
    assert.equal(purged.reason, null);
    assert.ok(purged.purged_at);
    const calls = await t.app.services.db.selectFrom('helpline_calls').selectAll().where('callback_id', '=', old.id).execute();
    assert.equal(calls[0]!.notes, null);
    assert.equal(calls[0]!.outcome, 'advice-given', 'what stays is anonymous and still counts');
    const kept = await t.app.services.db.selectFrom('helpline_callbacks').selectAll().where('id', '=', recent.id).executeTakeFirstOrThrow();
    assert.equal(kept.reason, 'A recent worry.');
    const audit = await auditActions(t, 'helpline.purged');
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.details as { requests: number }).requests, 1);
    const page = await adviser.get(`/advisers/callbacks/${old.id}`);
    assert.match(page.body, /details were deleted/);
  });

  it('erases the confirmation emails of purged callers, and leaves a newer request’s alone', async () => {
    const email = uniqueEmail('caller');
    const client = new FormClient(t.app);
    const slots = slotsIn((await client.get('/advice-line/callback')).body);
    await client.post('/advice-line/callback', validRequest(slots[0]!, { email }));
    const thirteenMonthsAgo = new Date();
    thirteenMonthsAgo.setUTCMonth(thirteenMonthsAgo.getUTCMonth() - 13);
    for (const table of ['helpline_callbacks', 'mail_messages'] as const) {
      await t.app.services.db
        .updateTable(table)
        .set({ created_at: thirteenMonthsAgo } as never)
        .where(table === 'helpline_callbacks' ? 'email' : 'to_address', '=', email)
        .execute();
    }
    // The same person asks again this week.
    const again = new FormClient(t.app);
    await again.get('/advice-line/callback');
    await again.post('/advice-line/callback', validRequest(slots[1]!, { email }));
    assert.equal((await mailTo(t.app, email)).length, 2);

    await t.app.helpline.purgeExpired();
    const left = await mailTo(t.app, email);
    assert.equal(left.length, 1, 'only the email about this week’s request is left');
    assert.ok(left[0]!.created_at.getTime() > Date.now() - 60_000);
  });
});
