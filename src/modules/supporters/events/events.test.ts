import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, mailTo, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { makeEvent, makePeople } from '../test-support/factories.js';

describe('events: capacity, wait-list, reminders and the attendee export', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const statuses = async (eventId: string) =>
    t.app.services.db
      .selectFrom('event_registrations')
      .select(['user_id', 'status'])
      .where('event_id', '=', eventId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  it('never overbooks when 50 people ask for the last places at the same moment', async () => {
    const event = await makeEvent(t.app, { capacity: 8 });
    const early = await makePeople(t.app, 3);
    for (const person of early) await t.app.supporters.events.signUp(event.id, person);
    // Five places left; fifty people press the button together.
    const crowd = await makePeople(t.app, 50);
    const results = await Promise.all(crowd.map((person) => t.app.supporters.events.signUp(event.id, person)));
    const rows = await statuses(event.id);
    assert.equal(rows.filter((r) => r.status === 'booked').length, 8);
    assert.equal(rows.filter((r) => r.status === 'waiting').length, 45);
    assert.equal(results.filter((r) => typeof r === 'object' && r.status === 'booked').length, 5);
    // Asking twice gives the same answer, never a second row.
    const again = await t.app.supporters.events.signUp(event.id, crowd[0]!);
    assert.ok(typeof again === 'object' && again.already);
    assert.equal((await statuses(event.id)).length, 53);
  });

  it('gives a freed place to whoever has waited longest, and tells them', async () => {
    const event = await makeEvent(t.app, { capacity: 2 });
    const [a, b, c, d] = await makePeople(t.app, 4);
    for (const person of [a!, b!, c!, d!]) await t.app.supporters.events.signUp(event.id, person);
    assert.deepEqual(
      (await statuses(event.id)).map((r) => r.status),
      ['booked', 'booked', 'waiting', 'waiting'],
    );
    assert.equal(await t.app.supporters.events.cancel(event.id, a!.id), 'cancelled');
    const after = new Map((await statuses(event.id)).map((r) => [r.user_id, r.status]));
    assert.equal(after.get(a!.id), 'cancelled');
    assert.equal(after.get(c!.id), 'booked', 'the first on the wait-list gets the place');
    assert.equal(after.get(d!.id), 'waiting');
    const [promotion] = await mailTo(t.app, c!.email);
    assert.match(promotion!.subject, /A place has come free/);
    // Leaving the wait-list frees nothing.
    await t.app.supporters.events.cancel(event.id, d!.id);
    assert.equal(await t.app.supporters.events.cancel(event.id, d!.id), 'not-registered');
  });

  it('sends each reminder once, a day before', async () => {
    const soon = await makeEvent(t.app, { capacity: 5, inHours: 6 });
    const later = await makeEvent(t.app, { capacity: 5, inHours: 96 });
    const [p, q] = await makePeople(t.app, 2);
    await t.app.supporters.events.signUp(soon.id, p!);
    await t.app.supporters.events.signUp(later.id, q!);
    await t.app.supporters.events.sendReminders();
    await t.app.supporters.events.sendReminders();
    const reminders = (await mailTo(t.app, p!.email)).filter((m) => m.subject.startsWith('Reminder'));
    assert.equal(reminders.length, 1);
    assert.equal((await mailTo(t.app, q!.email)).filter((m) => m.subject.startsWith('Reminder')).length, 0);
    // The recurring job is registered under the name the worker runs.
    await t.app.services.jobs.enqueue('events.send-reminders', {});
    await t.app.worker.drain();
    const job = await t.app.services.db
      .selectFrom('jobs')
      .select(['status'])
      .where('kind', '=', 'events.send-reminders')
      .executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
  });

  it('lets a signed-in person book and cancel through the pages, and staff export the attendees as CSV', async () => {
    const event = await makeEvent(t.app, { capacity: 1, title: 'Lobby, "day one"; =HYPERLINK' });
    const member = await createUser(t.app);
    const client = new FormClient(t.app);
    await signInDirectly(client, member);
    const page = await client.get(`/events/${event.slug}`);
    assert.match(page.body, /Book a place/);
    const booked = await client.post(`/events/${event.slug}/sign-up`);
    assert.equal(booked.statusCode, 303);
    assert.match((await client.get(`/events/${event.slug}`)).body, /You have a place/);

    const anonymous = await t.app.inject({ method: 'POST', url: `/events/${event.slug}/sign-up` });
    assert.match(String(anonymous.headers.location), /^\/sign-in/, 'someone not signed in is sent to sign in');

    const editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
    const csv = await editor.get(`/admin/events/${event.id}/attendees.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    const lines = csv.body.split('\r\n');
    assert.equal(lines[0], 'Name,Email,Status,Signed up,Given a place from the wait-list');
    assert.match(lines[1]!, new RegExp(`^Test Person,${member.email},Booked,`));
    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'events.attendees-exported')
      .where('subject_id', '=', event.id)
      .execute();
    assert.equal(audit.length, 1);
    // Members cannot export.
    assert.equal((await client.get(`/admin/events/${event.id}/attendees.csv`)).statusCode, 403);

    const cancelled = await client.post(`/events/${event.slug}/cancel`);
    assert.equal(cancelled.statusCode, 303);
    assert.match((await client.get(`/events/${event.slug}`)).body, /Book a place/);
  });

  it('lets staff add an event, explaining every mistake and keeping what they typed', async () => {
    const editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
    const bad = await editor.submit('/admin/events/new', {
      title: '<script>x</script>',
      summary: '',
      description: 'Words',
      location: 'Online',
      online: 'yes',
      'date-day': '31',
      'date-month': '2',
      'date-year': '2031',
      startTime: '25:00',
      hours: '2',
      capacity: '0',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a one-sentence summary/);
    assert.match(bad.body, /The date must be a real date/);
    assert.match(bad.body, /Enter the start time in 24-hour form/);
    assert.match(bad.body, /whole number from 1 to 99999/);
    assert.match(bad.body, /value="&lt;script&gt;x&lt;\/script&gt;"/);

    const good = await editor.post('/admin/events/new', {
      title: 'Summer webinar',
      summary: 'An hour on rights.',
      description: 'Details.',
      location: 'Online',
      online: 'yes',
      'date-day': '1',
      'date-month': '7',
      'date-year': '2031',
      startTime: '10:30',
      hours: '1.5',
      capacity: '30',
    });
    assert.equal(good.statusCode, 303);
    const created = await t.app.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Summer webinar')
      .executeTakeFirstOrThrow();
    // 10:30 in London in July is 09:30 UTC (British Summer Time).
    assert.equal(created.starts_at.toISOString(), '2031-07-01T09:30:00.000Z');
    assert.equal(created.ends_at.toISOString(), '2031-07-01T11:00:00.000Z');
    assert.equal(good.headers.location, `/events/${created.slug}`);
  });
});
