import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, mailTo, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { addDays, londonDay } from '../../platform/time.js';
import { ENTRIES_PER_PAGE } from './chronology/service.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';

describe('cases: the practice pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let siblingId: string;
  let familyId: string;
  let eventId: string;
  const today = londonDay(new Date());
  const dateFields = (day: string) => {
    const [year, month, date] = day.split('-');
    return { 'occurredOn-day': String(Number(date)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year! };
  };
  const visit = (changes: Record<string, string | string[]> = {}) => ({
    kind: 'home-visit-no-access',
    ...dateFields(addDays(today, -4)),
    agency: 'Children’s social care',
    significance: 'medium',
    planType: '',
    summary: 'Nobody came to the door.',
    ...changes,
  });

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    const cases = t.app.cases;
    const child = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Rowan',
      familyName: 'Testwood',
      dateOfBirth: '2018-03-03',
      familyId: null,
    });
    assert.ok(child.ok);
    ({ id: childId, familyId } = child);
    const sibling = await cases.records.createChild(world.viewer('teammate'), {
      givenName: 'Sorrel',
      familyName: 'Testwood',
      dateOfBirth: '2021-07-07',
      familyId,
    });
    assert.ok(sibling.ok);
    siblingId = sibling.id;
    const recorded = await cases.chronology.recordEvent(
      world.viewer('worker'),
      childId,
      {
        kind: 'missed-health-appointment',
        occurredOn: addDays(today, -40),
        agency: 'Health',
        significance: 'low',
        planType: null,
        summary: 'Missed the 2-year check.',
      },
      [siblingId],
    );
    assert.ok(recorded.ok);
    eventId = recorded.id;
    // The pattern rules are another part's; a stored flag is enough to show how pages present one.
    await t.app.services.db
      .insertInto('case_flags')
      .values({
        family_id: familyId,
        child_id: childId,
        rule: 'repeated-concern',
        event_ids: JSON.stringify([eventId]),
        explanation: 'Three missed health appointments in 12 months.',
      })
      .execute();
  });
  after(() => t.close());

  it('lists my children and my team’s with their flags, and only counts for an analyst', async () => {
    const worker = await as('worker');
    const page = await worker.get('/practice');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="my-children"[\s\S]*Rowan Testwood[\s\S]*Repeated concern/);
    const teammatePage = await (await as('teammate')).get('/practice');
    assert.match(teammatePage.body, /id="my-children"[\s\S]*Sorrel Testwood[\s\S]*id="team-children"[\s\S]*Rowan Testwood/);
    const analyst = await as('analyst');
    const counts = await analyst.get('/practice');
    assert.equal(counts.statusCode, 200);
    assert.match(counts.body, /id="counts"/);
    assert.doesNotMatch(counts.body, /Rowan|Sorrel|Testwood/);
    assert.equal((await (await as('colleague')).get('/practice')).body.includes('Rowan'), false);
    assert.equal((await (await as('editor')).get('/practice')).statusCode, 403);
    assert.equal((await t.app.inject('/practice')).statusCode, 303);
  });

  it('shows a child’s record and chronology, with flags linking to their events, a timeline, and an audit entry', async () => {
    const worker = await as('worker');
    const record = await worker.get(`/practice/children/${childId}`);
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /SYN-/);
    const chronology = await worker.get(`/practice/children/${childId}/chronology`);
    assert.equal(chronology.statusCode, 200);
    assert.match(
      chronology.body,
      new RegExp(`id="flags"[\\s\\S]*Repeated concern[\\s\\S]*href="/practice/children/${childId}/chronology\\?page=1#event-${eventId}"`),
    );
    assert.match(chronology.body, /<svg id="timeline" role="img" aria-labelledby="timeline-title timeline-desc"/);
    assert.match(chronology.body, new RegExp(`<tr class="govuk-table__row" id="event-${eventId}">`));
    const audit = await t.app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', childId)
      .where('actor_id', '=', world.users.worker.id)
      .execute();
    assert.ok(audit.some((a) => a.action === 'cases.child-viewed'));
    assert.ok(audit.some((a) => a.action === 'cases.chronology-viewed'));
  });

  it('shows a long chronology a page at a time, the timeline whole, and links a flag to the page its event is on', async () => {
    const cases = t.app.cases;
    const long = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Linden',
      familyName: 'Pagewood',
      dateOfBirth: '2015-05-05',
      familyId: null,
    });
    assert.ok(long.ok);
    const ids: string[] = [];
    for (let i = 0; i < ENTRIES_PER_PAGE + 5; i++) {
      const recorded = await cases.chronology.recordEvent(world.viewer('worker'), long.id, {
        kind: 'school-attendance-concern',
        occurredOn: addDays(today, -(ENTRIES_PER_PAGE + 5 - i)),
        agency: 'School',
        significance: 'low',
        planType: null,
        summary: `Attendance note ${i + 1}.`,
      });
      assert.ok(recorded.ok);
      ids.push(recorded.id);
    }
    const worker = await as('worker');
    const path = `/practice/children/${long.id}/chronology`;
    const first = await worker.get(path);
    assert.match(first.body, new RegExp(`Events 1 to ${ENTRIES_PER_PAGE} of ${ENTRIES_PER_PAGE + 5}, oldest first`));
    assert.match(first.body, new RegExp(`<title id="timeline-title">Timeline of ${ENTRIES_PER_PAGE + 5} events</title>`));
    assert.ok(first.body.includes(`id="event-${ids[0]}"`) && !first.body.includes(`id="event-${ids.at(-1)}"`));
    // The repeated-concern flag cites the latest attendance notes, which are on the second page.
    assert.match(first.body, new RegExp(`href="${path}\\?page=2#event-${ids.at(-1)}"`));
    const second = await worker.get(`${path}?page=2`);
    assert.ok(second.body.includes(`id="event-${ids.at(-1)}"`));
    assert.match(second.body, /Events 101 to 105 of 105/);
    assert.equal((await worker.get(`${path}?page=3`)).statusCode, 404);
    const filtered = await worker.get(`${path}?kind=school-attendance-concern&page=2`);
    assert.match(
      filtered.body,
      new RegExp(`href="${path}\\?kind=school-attendance-concern&amp;page=1#events"`),
      'page links keep the filters',
    );
  });

  it('merges the family chronology and marks whom each entry concerns', async () => {
    const page = await (await as('manager')).get(`/practice/families/${familyId}/chronology`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Concerns: Rowan Testwood, Sorrel Testwood|Concerns: Sorrel Testwood, Rowan Testwood/);
    assert.match(page.body, /Repeated concern[\s\S]*Rowan Testwood/);
  });

  it('filters the chronology, and names a wrong filter without losing the list', async () => {
    const worker = await as('worker');
    const none = await worker.get(`/practice/children/${childId}/chronology?kind=referral`);
    assert.match(none.body, /id="no-events"/);
    const wrong = await worker.get(`/practice/children/${childId}/chronology?from-day=31&from-month=2&from-year=2025`);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /The start of the period must be a real date/);
    assert.match(wrong.body, new RegExp(`id="event-${eventId}"`));
  });

  it('records an event from the quick form, keeping everything typed when something is wrong', async () => {
    const worker = await as('worker');
    await worker.get(`/practice/children/${childId}/events/new`);
    const wrong = await worker.post(
      `/practice/children/${childId}/events/new`,
      visit({
        kind: 'plan-start',
        summary: '<b>Hostile</b> & "quoted"',
        'occurredOn-day': '31',
        'occurredOn-month': '2',
        concerns: [childId, siblingId],
      }),
    );
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /<title>Error: /);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /The date it happened must be a real date/);
    assert.match(wrong.body, /&lt;b&gt;Hostile&lt;\/b&gt; &amp; &quot;quoted&quot;/);
    assert.doesNotMatch(wrong.body, /<b>Hostile<\/b>/);
    assert.match(wrong.body, /<option value="plan-start" selected>/);
    assert.match(wrong.body, new RegExp(`value="${siblingId}" checked`));
    const planMissing = await worker.post(`/practice/children/${childId}/events/new`, visit({ kind: 'plan-start' }));
    assert.equal(planMissing.statusCode, 400);
    assert.match(planMissing.body, /Choose the type of plan that started or ended/);

    const done = await worker.post(`/practice/children/${childId}/events/new`, visit({ summary: '<script>alert(1)</script>' }));
    assert.equal(done.statusCode, 303, done.body);
    const page = await worker.get(String(done.headers.location).split('#')[0]!);
    assert.match(page.body, /Event recorded/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert/);
  });

  it('corrects an entry as a new version, showing the old one and the reason, and adds an analysis note', async () => {
    const teammate = await as('teammate');
    await teammate.get(`/practice/children/${childId}/events/${eventId}/correct`);
    const noReason = await teammate.post(
      `/practice/children/${childId}/events/${eventId}/correct`,
      visit({ kind: 'missed-health-appointment', reason: '' }),
    );
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why the entry needs correcting/);
    const done = await teammate.post(
      `/practice/children/${childId}/events/${eventId}/correct`,
      visit({ kind: 'missed-health-appointment', agency: 'Health visiting', reason: 'The health visitor, not the GP, told us' }),
    );
    assert.equal(done.statusCode, 303, done.body);
    await teammate.get(`/practice/children/${childId}/events/${eventId}/notes/new`);
    const note = await teammate.post(`/practice/children/${childId}/events/${eventId}/notes/new`, {
      note: 'Second missed check this year.',
    });
    assert.equal(note.statusCode, 303);
    const page = await teammate.get(`/practice/children/${childId}/chronology`);
    assert.match(page.body, /Corrected \(version 2\): The health visitor, not the GP, told us/);
    assert.match(page.body, /data-version="1"[\s\S]*Missed the 2-year check/);
    assert.match(page.body, /Analysis<\/strong> by [^<]+Second missed check this year\./);
  });

  it('sends a colleague of another team to break the glass, then opens the record for that session and tells the manager', async () => {
    const colleague = await as('colleague');
    const first = await colleague.get(`/practice/children/${childId}/chronology`);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `/practice/children/${childId}/break-glass`);
    const ask = await colleague.get(`/practice/children/${childId}/break-glass`);
    assert.equal(ask.statusCode, 200);
    assert.doesNotMatch(ask.body, /Testwood|SYN-/, 'no more than a first name before the glass is broken');
    const empty = await colleague.post(`/practice/children/${childId}/break-glass`, { reason: 'short' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /at least 10 characters/);
    assert.match(empty.body, />short</);
    const broken = await colleague.post(`/practice/children/${childId}/break-glass`, { reason: 'On duty: the school rang about Rowan' });
    assert.equal(broken.statusCode, 303);
    assert.equal((await colleague.get(`/practice/children/${childId}/chronology`)).statusCode, 200);
    assert.equal((await mailTo(t.app, world.users.manager.email)).length, 1);
    // A new session starts again from the glass.
    assert.equal((await (await as('colleague')).get(`/practice/children/${childId}`)).statusCode, 303);
    // The family chronology needs the glass broken for every child of the family.
    assert.equal((await colleague.get(`/practice/families/${familyId}/chronology`)).statusCode, 403);
  });

  it('answers another organisation’s staff, analysts and bad ids on every page as for a missing record', async () => {
    const pages = [
      `/practice/children/${childId}`,
      `/practice/children/${childId}/chronology`,
      `/practice/children/${childId}/break-glass`,
      `/practice/children/${childId}/events/new`,
      `/practice/children/${childId}/events/${eventId}/correct`,
      `/practice/children/${childId}/events/${eventId}/notes/new`,
      `/practice/families/${familyId}/chronology`,
    ];
    const outsider = await as('outsider');
    const analyst = await as('analyst');
    const worker = await as('worker');
    for (const url of pages) {
      assert.equal((await outsider.get(url)).statusCode, 404, `outsider GET ${url}`);
      assert.equal(
        (
          await worker.get(
            url.replace(childId, '00000000-0000-4000-8000-000000000009').replace(familyId, '00000000-0000-4000-8000-000000000009'),
          )
        ).statusCode,
        url.endsWith('break-glass') ? 404 : 404,
        url,
      );
      assert.equal((await worker.get(url.replace(childId, 'junk').replace(familyId, 'junk'))).statusCode, 404, url);
      assert.equal((await analyst.get(url)).statusCode, 403, `analyst ${url}`);
    }
    await outsider.get('/practice');
    for (const url of pages.filter((u) => !u.includes('chronology') && u !== `/practice/children/${childId}`)) {
      const response = await outsider.post(url, { ...visit(), reason: 'A reason long enough to pass', note: 'x' });
      assert.equal(response.statusCode, 404, `outsider POST ${url}`);
    }
    // Another family's event through this child's address is missing too.
    const other = await t.app.cases.records.createChild(world.viewer('worker'), {
      givenName: 'Tansy',
      familyName: 'Fictonby',
      dateOfBirth: '2019-09-09',
      familyId: null,
    });
    assert.ok(other.ok);
    assert.equal((await worker.get(`/practice/children/${other.id}/events/${eventId}/correct`)).statusCode, 404);
    const { n } = await t.app.services.db
      .selectFrom('case_break_glass')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', world.users.outsider.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n), 0);
  });

  it('puts the caseload in the staff navigation and new flags in the team’s staff queue', async () => {
    const staff = await (await as('teammate')).get('/staff');
    assert.match(staff.body, /href="\/practice"/);
    assert.match(staff.body, /Children with new flags/);
    // Each write recomputes the flags from the rules, so the test's made-up flag is stored again here.
    await t.app.services.db
      .insertInto('case_flags')
      .values({
        family_id: familyId,
        child_id: siblingId,
        rule: 'not-seen',
        event_ids: JSON.stringify([eventId]),
        explanation: 'Not seen twice.',
      })
      .execute();
    const queue = t.app.cases.staffQueues()[0]!;
    // Sorrel (the flag above) and Linden Pagewood, whose attendance notes raised a real repeated-concern flag.
    assert.equal((await queue.measure(new Date(), world.users.teammate.principal)).count, 2);
    assert.equal((await queue.measure(new Date(), world.users.colleague.principal)).count, 0);
    assert.equal((await queue.measure(new Date(), world.users.outsider.principal)).count, 0);
  });
});
