import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';

/**
 * A chronology page is kept under its family's chronology stamp. These tests hold that it is kept (a change made
 * behind the stamp's back is not shown), that it is never sent stale after any change made as Hearth makes them, that
 * each reading is still audited, and that the CSRF token in it is always the reader's own.
 */
describe('cases: kept chronology pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let familyId: string;
  let eventId: string;
  const today = londonDay(new Date());
  const [year, month, date] = addDays(today, -2).split('-');
  const visit = (summary: string) => ({
    kind: 'home-visit-no-access',
    'occurredOn-day': String(Number(date)),
    'occurredOn-month': String(Number(month)),
    'occurredOn-year': year!,
    agency: 'Children’s social care',
    significance: 'medium',
    planType: '',
    summary,
  });
  const childPage = () => `/practice/children/${childId}/chronology`;
  const familyPage = () => `/practice/families/${familyId}/chronology`;

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }
  /** Both pages, twice each, so that the second reading of each comes from what was kept. */
  async function bothPages(client: FormClient) {
    const bodies = [];
    for (const url of [childPage(), familyPage(), childPage(), familyPage()]) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 200);
      bodies.push(page.body);
    }
    return bodies;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    const child = await t.app.cases.records.createChild(world.viewer('worker'), {
      givenName: 'Hazel',
      familyName: 'Keptwood',
      dateOfBirth: '2017-05-05',
      familyId: null,
    });
    assert.ok(child.ok);
    ({ id: childId, familyId } = child);
    const worker = await as('worker');
    const recorded = await worker.submit(`/practice/children/${childId}/events/new`, visit('The first visit, no answer.'));
    assert.equal(recorded.statusCode, 303);
    eventId = String(recorded.headers.location).split('#event-')[1]!;
  });
  after(() => t.close());

  it('keeps a page while the stamp stays: a change made behind its back is not shown', async () => {
    const worker = await as('worker');
    await bothPages(worker);
    const db = t.app.services.db;
    // Only a superuser can write without firing the triggers, as here; Hearth never does.
    await db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      try {
        await c.updateTable('case_event_versions').set({ summary: 'Changed behind the stamp' }).where('event_id', '=', eventId).execute();
      } finally {
        await sql`set session_replication_role = origin`.execute(c);
      }
    });
    for (const body of await bothPages(worker)) assert.doesNotMatch(body, /Changed behind the stamp/);
    // Another person's reading is drawn for them, from the database.
    assert.match((await (await as('teammate')).get(childPage())).body, /Changed behind the stamp/);
    await db.updateTable('case_event_versions').set({ summary: 'The first visit, no answer.' }).where('event_id', '=', eventId).execute();
  });

  it('is never sent stale after a new event, a correction, a note or a change of flags', async () => {
    const worker = await as('worker');
    await bothPages(worker);
    const added = await worker.submit(`/practice/children/${childId}/events/new`, visit('A second visit, still no answer.'));
    assert.equal(added.statusCode, 303);
    for (const body of await bothPages(worker)) assert.match(body, /A second visit, still no answer\./);

    const corrected = await worker.submit(`/practice/children/${childId}/events/${eventId}/correct`, {
      ...visit('The first visit: a neighbour said the family had moved.'),
      reason: 'The neighbour’s account was left out',
    });
    assert.equal(corrected.statusCode, 303);
    for (const body of await bothPages(worker)) assert.match(body, /a neighbour said the family had moved[\s\S]*left out/);

    const noted = await worker.submit(`/practice/children/${childId}/events/${eventId}/notes/new`, {
      note: 'Two visits unseen in a week.',
    });
    assert.equal(noted.statusCode, 303);
    for (const body of await bothPages(worker)) assert.match(body, /Two visits unseen in a week\./);

    await t.app.services.db
      .insertInto('case_flags')
      .values({
        family_id: familyId,
        child_id: childId,
        rule: 'multi-agency',
        event_ids: JSON.stringify([eventId]),
        explanation: 'By hand.',
      })
      .execute();
    for (const body of await bothPages(worker)) assert.match(body, /data-rule="multi-agency"/);
    await t.app.services.db.deleteFrom('case_flags').where('rule', '=', 'multi-agency').execute();
    for (const body of await bothPages(worker)) assert.doesNotMatch(body, /data-rule="multi-agency"/);
  });

  it('writes an audit entry for every reading, kept or not', async () => {
    const worker = await as('worker');
    const count = async (action: string) =>
      (
        await t.app.services.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', action)
          .where('subject_id', 'in', [childId, familyId])
          .execute()
      ).length;
    const [child, family] = [await count('cases.chronology-viewed'), await count('cases.family-chronology-viewed')];
    await bothPages(worker);
    assert.equal(await count('cases.chronology-viewed'), child + 2);
    assert.equal(await count('cases.family-chronology-viewed'), family + 2);
  });

  it('gives each session its own CSRF token in a kept page', async () => {
    const [first, second] = [await as('worker'), await as('worker')];
    const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    const [a] = await bothPages(first);
    const [, , b] = await bothPages(second);
    assert.ok(tokenIn(a!) && tokenIn(b!));
    assert.notEqual(tokenIn(a!), tokenIn(b!));
    // Each token works for its own session and for no other.
    const note = { note: 'A note to try the token.' };
    const notes = `/practice/children/${childId}/events/${eventId}/notes/new`;
    second.csrf = tokenIn(a!);
    assert.equal((await second.post(notes, note)).statusCode, 403);
    first.csrf = tokenIn(a!);
    assert.equal((await first.post(notes, note)).statusCode, 303);
    second.csrf = tokenIn(b!);
    assert.equal((await second.post(notes, note)).statusCode, 303);
  });
});
