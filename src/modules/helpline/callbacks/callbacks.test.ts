import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, mailTo, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../../../tests/support/app.js';
import { nextPhone, referenceIn, slotsIn, validRequest } from '../test-support.js';

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
    const request = validRequest(slots[0]!, { email });
    const sent = await client.post('/advice-line/callback', request);
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
    assert.equal(stored.phone, request.phone.replaceAll(' ', ''), 'stored without spaces');
    assert.match(stored.phone, /^07700900\d{3}$/);
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
    await signInDirectly(adviser, adviserUser);
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
