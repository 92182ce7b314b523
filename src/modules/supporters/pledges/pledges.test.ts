import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, mailTo, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';

const giftAidFields = {
  giftAid: 'yes',
  title: 'Mx',
  firstName: 'Sam',
  lastName: 'Example',
  houseNameOrNumber: '7',
  address: 'Example Road, Northmoor',
  postcode: 'zz99 1zz',
  confirm: ['uk-taxpayer', 'shortfall'],
};

describe('pledges, Gift Aid and the claim', () => {
  let t: TestContext;
  let admin: FormClient;
  before(async () => {
    t = await testApp();
    admin = new FormClient(t.app);
    await signInDirectly(admin, await createUser(t.app, { roles: ['admin'] }));
  });
  after(() => t.close());

  async function supporter() {
    const user = await createUser(t.app);
    const client = new FormClient(t.app);
    await signInDirectly(client, user);
    return { user, client };
  }

  it('takes a monthly pledge with Gift Aid, thanks the supporter, and shows how to pay without asking for card details', async () => {
    const { user, client } = await supporter();
    const form = await client.get('/support/pledge');
    assert.doesNotMatch(form.body, /card number|cvv|sort code/i);
    const made = await client.post('/support/pledge', { amount: '£12.50', frequency: 'monthly', ...giftAidFields });
    assert.equal(made.statusCode, 303);
    const page = await client.get(made.headers.location as string);
    assert.match(page.body, /id="reference">HP-[A-Z0-9]{8}</);
    assert.match(page.body, /standing order of £12.50/);
    const [thanks] = await mailTo(t.app, user.email);
    assert.match(thanks!.subject, /Thank you for your pledge/);
    const declaration = await t.app.services.db
      .selectFrom('gift_aid_declarations')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(declaration.postcode, 'ZZ99 1ZZ');
    assert.match(declaration.wording, /UK taxpayer/);
  });

  it('explains every mistake and keeps what was typed; Gift Aid needs both confirmations', async () => {
    const { client } = await supporter();
    await client.get('/support/pledge');
    const bad = await client.post('/support/pledge', {
      amount: '12.345',
      frequency: 'weekly',
      ...giftAidFields,
      postcode: 'nowhere',
      confirm: ['uk-taxpayer'],
      firstName: '<i>Sam</i>',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must be an amount in pounds/);
    assert.match(bad.body, /Choose whether to give once or every month/);
    assert.match(bad.body, /Enter a real UK postcode/);
    assert.match(bad.body, /Confirm both statements/);
    assert.match(bad.body, /value="&lt;i&gt;Sam&lt;\/i&gt;"/);
    const tooBig = await client.post('/support/pledge', { amount: '1000000', frequency: 'one-off', giftAid: 'no' });
    assert.match(tooBig.body, /must be £10,000 or less/);
    const count = await t.app.services.db
      .selectFrom('pledges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const noGiftAid = await client.post('/support/pledge', { amount: '5', frequency: 'one-off', giftAid: 'no', postcode: 'ignored' });
    assert.equal(noGiftAid.statusCode, 303, 'Gift Aid fields are only checked when Gift Aid is chosen');
    const after = await t.app.services.db
      .selectFrom('pledges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(count.n) + 1);
  });

  it('lets supporters cancel only their own pledges', async () => {
    const first = await supporter();
    const second = await supporter();
    await first.client.get('/support/pledge');
    await first.client.post('/support/pledge', { amount: '3', frequency: 'monthly', giftAid: 'no' });
    const pledge = await t.app.services.db.selectFrom('pledges').selectAll().where('user_id', '=', first.user.id).executeTakeFirstOrThrow();
    await second.client.get('/support/pledges');
    const stolen = await second.client.post(`/support/pledges/${pledge.id}/cancel`);
    assert.equal(stolen.statusCode, 404);
    assert.equal((await second.client.get(`/support/pledges/${pledge.reference}`)).statusCode, 404);
    const list = await first.client.get('/support/pledges');
    assert.match(list.body, new RegExp(pledge.reference));
    const cancelled = await first.client.post(`/support/pledges/${pledge.id}/cancel`);
    assert.equal(cancelled.statusCode, 303);
    const row = await t.app.services.db.selectFrom('pledges').select('status').where('id', '=', pledge.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    assert.match((await mailTo(t.app, first.user.email))[0]!.subject, /cancelled/);
  });

  it('records payments, thanks the supporter, and claims each Gift Aid donation exactly once', async () => {
    const { user, client } = await supporter();
    await client.get('/support/pledge');
    const made = await client.post('/support/pledge', { amount: '20', frequency: 'one-off', ...giftAidFields });
    const reference = (made.headers.location as string).split('/').pop()!;

    await admin.get('/admin/supporters');
    const bad = await admin.post('/admin/supporters/payments', {
      reference: 'HP-NOPE',
      amount: 'x',
      'received-day': '40',
      'received-month': '1',
      'received-year': '2026',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a pledge reference like/);
    assert.match(bad.body, /must be a real date/);
    const unknown = await admin.post('/admin/supporters/payments', {
      reference: 'HP-ZZZZZZZZ',
      amount: '20',
      'received-day': '2',
      'received-month': '11',
      'received-year': '2026',
    });
    assert.match(unknown.body, /There is no pledge with this reference/);
    const recorded = await admin.post('/admin/supporters/payments', {
      reference,
      amount: '20',
      'received-day': '2',
      'received-month': '11',
      'received-year': '2026',
    });
    assert.equal(recorded.statusCode, 303);
    assert.match((await mailTo(t.app, user.email))[0]!.subject, /received your donation/);

    await admin.get('/admin/supporters');
    const claim = await admin.post('/admin/supporters/gift-aid-claim');
    assert.equal(claim.statusCode, 200);
    assert.match(claim.headers['content-type'] as string, /^text\/csv/);
    const lines = claim.body.split('\r\n');
    assert.equal(
      lines[0],
      'Title,First name,Last name,House name or number,Postcode,Aggregated donations,Sponsored event,Donation date,Amount',
    );
    assert.ok(lines.includes('Mx,Sam,Example,7,ZZ99 1ZZ,,,02/11/26,20.00'), claim.body);
    await admin.get('/admin/supporters');
    const second = await admin.post('/admin/supporters/gift-aid-claim');
    assert.ok(!second.body.includes('02/11/26,20.00'), 'a claimed donation is never claimed again');
    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'supporters.gift-aid-claim-exported')
      .execute();
    assert.equal(audit.length, 2);

    // Members never reach the staff side.
    assert.equal((await client.get('/admin/supporters')).statusCode, 403);
  });
});
