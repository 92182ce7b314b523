import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../fixtures.js';

describe('cases: exporting a chronology', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let eventId: string;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    const cases = t.app.cases;
    const child = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Quill',
      familyName: 'Testwood',
      dateOfBirth: '2016-04-04',
      familyId: null,
    });
    assert.ok(child.ok);
    childId = child.id;
    const event = {
      kind: 'school-attendance-concern' as const,
      occurredOn: addDays(londonDay(new Date()), -9),
      agency: 'School',
      significance: 'medium' as const,
      planType: null,
    };
    const recorded = await cases.chronology.recordEvent(world.viewer('worker'), childId, {
      ...event,
      summary: '=HYPERLINK("http://example.org") absent, "again"',
    });
    assert.ok(recorded.ok);
    eventId = recorded.id;
    await cases.chronology.correctEvent(
      world.viewer('worker'),
      childId,
      eventId,
      { ...event, summary: 'Absent three days' },
      'Wrong note pasted',
    );
  });
  after(() => t.close());

  const as = async (who: Someone) => {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  };

  it('asks for a reason, then gives every version as CSV, with the reason in the audit log', async () => {
    const worker = await as('worker');
    await worker.get(`/practice/children/${childId}/chronology/export`);
    const noReason = await worker.post(`/practice/children/${childId}/chronology/export`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why you are exporting this chronology/);
    const file = await worker.post(`/practice/children/${childId}/chronology/export`, { reason: 'For the review conference' });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /^text\/csv/);
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="chronology-SYN-[0-9A-F]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = file.body.trim().split('\r\n');
    assert.equal(lines.length, 3, 'a header, the current version and the replaced one');
    assert.match(lines[1]!, /Absent three days,Quill Testwood,2,current,Wrong note pasted/);
    assert.match(lines[2]!, /"'=HYPERLINK\(""http:\/\/example.org""\) absent, ""again""",Quill Testwood,1,replaced by version 2/);
    const [entry] = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'cases.chronology-exported')
      .where('subject_id', '=', childId)
      .execute();
    assert.equal(entry?.reason, 'For the review conference');
  });

  it('exports nothing for anyone the record is not open to', async () => {
    const outsider = await as('outsider');
    await outsider.get('/practice');
    assert.equal((await outsider.get(`/practice/children/${childId}/chronology/export`)).statusCode, 404);
    assert.equal((await outsider.post(`/practice/children/${childId}/chronology/export`, { reason: 'Curious' })).statusCode, 404);
    const colleague = await as('colleague');
    await colleague.get('/practice');
    assert.equal((await colleague.post(`/practice/children/${childId}/chronology/export`, { reason: 'Curious' })).statusCode, 303);
    const exports = await t.app.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'cases.chronology-exported')
      .execute();
    assert.equal(exports.length, 1);
  });
});
