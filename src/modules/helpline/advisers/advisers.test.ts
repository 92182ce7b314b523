import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LINE } from '../opening-hours/line.js';
import { bookableSlots } from '../callbacks/slots.js';
import { createUser, FormClient, mailTo, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../../../tests/support/app.js';
import { auditActions, referenceIn, slotsIn, validRequest } from '../test-support.js';

describe('advisers and managers', () => {
  let t: TestContext;
  let adviser: FormClient;
  let adviserId: string;
  before(async () => {
    t = await testApp({ HELPLINE_REQUESTS_PER_HOUR: '1000' });
    const user = await createUser(t.app, { roles: ['adviser'] });
    adviserId = user.id;
    adviser = new FormClient(t.app);
    await signInDirectly(adviser, user);
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
    await signInDirectly(member, await createUser(t.app, { roles: ['member'] }));
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
    await signInDirectly(other, await createUser(t.app, { roles: ['adviser'] }));
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
    await signInDirectly(manager, await createUser(t.app, { roles: ['manager'] }));
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
    await signInDirectly(manager, await createUser(t.app, { roles: ['manager'] }));
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
