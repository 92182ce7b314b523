import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { AUDIT_REFUSED, whileAuditRefuses } from '../../../../tests/support/audit.js';
import { pdfText } from '../../../../tests/support/pdf.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import type { EventInput } from './event-rules.js';

describe('cases: exporting a chronology', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let siblingId: string;
  let familyId: string;
  let longChildId: string;
  const today = londonDay(new Date());
  const event = (days: number, summary: string): EventInput => ({
    kind: 'school-attendance-concern',
    occurredOn: addDays(today, -days),
    agency: 'School',
    significance: 'medium',
    planType: null,
    summary,
  });

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    const { records, chronology } = t.app.cases;
    const worker = world.viewer('worker');
    const child = await records.createChild(worker, {
      givenName: 'Quill',
      familyName: 'Testwood',
      dateOfBirth: '2016-04-04',
      familyId: null,
    });
    assert.ok(child.ok);
    childId = child.id;
    familyId = child.familyId;
    const sibling = await records.createChild(worker, { givenName: 'Wren', familyName: 'Testwood', dateOfBirth: '2018-05-05', familyId });
    assert.ok(sibling.ok);
    siblingId = sibling.id;
    // Three attendance concerns within a year raise `repeated-concern`; the first is corrected.
    const first = await chronology.recordEvent(worker, childId, event(30, '=HYPERLINK("http://example.org") absent, "again"'));
    assert.ok(first.ok);
    await chronology.correctEvent(worker, childId, first.id, event(30, 'Absent three days'), 'Wrong note pasted');
    await chronology.recordEvent(worker, childId, event(20, 'Absent again: Zoë said Łukasz 中文 😀 was\u0007 at home'));
    await chronology.recordEvent(worker, childId, event(10, 'Absent a third time'));
    await chronology.recordEvent(
      worker,
      siblingId,
      { ...event(5, 'Moved in with their grandmother'), kind: 'household-change', agency: 'Family' },
      [childId],
    );

    // A long chronology, to run over several pages.
    const long = await records.createChild(worker, {
      givenName: 'Linden',
      familyName: 'Longwood',
      dateOfBirth: '2015-01-01',
      familyId: null,
    });
    assert.ok(long.ok);
    longChildId = long.id;
    for (let i = 0; i < 40; i++) {
      await chronology.recordEvent(worker, longChildId, {
        ...event(400 - i, `Entry number ${i + 1}. ${'The school rang about attendance again. '.repeat(6)}`),
        kind: 'home-visit-seen',
      });
    }
  });
  after(() => t.close());

  const as = async (who: Someone) => {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    await client.get('/practice');
    return client;
  };
  /** The worker's exports of one record, as the audit log holds them. */
  const exportsOf = (action: string, subjectId: string) =>
    t.app.services.db
      .selectFrom('audit_log')
      .select(['reason', 'details', 'actor_label'])
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .where('actor_label', '=', world.users.worker.email)
      .orderBy('id')
      .execute();

  describe('the service', () => {
    it('makes a child’s PDF with the marking, the reason, the flags, every entry and each correction, on every page', async () => {
      const exported = await t.app.cases.exports.ofChild(world.viewer('worker'), childId, {
        format: 'pdf',
        reason: 'For the review conference',
      });
      assert.ok(exported.ok);
      assert.match(exported.file.filename, /^chronology-SYN-[0-9A-F]+-\d{4}-\d{2}-\d{2}\.pdf$/);
      assert.equal(exported.file.contentType, 'application/pdf');
      const pdf = await pdfText(exported.file.body as Buffer);
      assert.match(String(pdf.title), /^Chronology: Quill Testwood \(SYN-/);
      assert.equal(pdf.language, 'en-GB');
      const text = pdf.pages.join(' ');
      assert.match(text, /Chronology: Quill Testwood \(SYN-[0-9A-F]+\)/);
      assert.match(text, new RegExp(`Exported by ${world.users.worker.email} on \\d+ \\w+ \\d{4} at \\d+:\\d\\d[ap]m \\(London time\\)`));
      assert.match(text, /Reason for the export: For the review conference/);
      assert.match(text, /Repeated concern \[rule repeated-concern\]/);
      assert.match(text, /Three school attendance concerns within 12 months/);
      assert.match(text, /Absent three days/);
      assert.match(text, /Corrected, for this reason: Wrong note pasted/);
      assert.match(text, /Earlier version 1, replaced by version 2/);
      assert.match(text, /It said: =HYPERLINK\("http:\/\/example.org"\) absent, "again"/);
      assert.match(text, /Absent again: Zoë said \?ukasz \?\? \? was\? at home/, 'text the fonts cannot draw is marked, never garbled');
      assert.match(text, /Moved in with their grandmother/);
      assert.match(text, /Concerns: Quill Testwood, Wren Testwood/);
      // Oldest first.
      assert.ok(text.indexOf('Absent three days') < text.indexOf('Absent a third time'));
      assert.ok(text.indexOf('Absent a third time') < text.indexOf('Moved in with'));
      // The marks are drawn last, so a reader of the text finds the header just before the footer.
      pdf.pages.forEach((page, index) =>
        assert.match(page, new RegExp(`OFFICIAL-SENSITIVE OFFICIAL-SENSITIVE · SYN-[0-9A-F]+ · Page ${index + 1} of ${pdf.pages.length}$`)),
      );
      const [entry] = await exportsOf('cases.chronology-exported', childId);
      assert.equal(entry?.reason, 'For the review conference');
      assert.deepEqual(entry?.details, { format: 'pdf', entries: 4 });
    });

    it('numbers every page of a long chronology "page N of M", and keeps every entry', async () => {
      const exported = await t.app.cases.exports.ofChild(world.viewer('worker'), longChildId, { format: 'pdf', reason: 'Court bundle' });
      assert.ok(exported.ok);
      const { pages } = await pdfText(exported.file.body as Buffer);
      assert.ok(pages.length >= 3, `${pages.length} pages`);
      pages.forEach((page, index) =>
        assert.match(page, new RegExp(`OFFICIAL-SENSITIVE OFFICIAL-SENSITIVE · SYN-[0-9A-F]+ · Page ${index + 1} of ${pages.length}$`)),
      );
      const text = pages.join(' ');
      for (let i = 1; i <= 40; i++) assert.match(text, new RegExp(`Entry number ${i}\\.`));
      assert.match(text, /No pattern rule is raised by this chronology/);
    });

    it('exports nothing, and records nothing, for a reason that is blank or too long, or a format it does not know', async () => {
      const worker = world.viewer('worker');
      const blank = await t.app.cases.exports.ofChild(worker, childId, { format: 'csv', reason: '   ' });
      assert.ok(!blank.ok && blank.reason === 'invalid' && blank.errors[0]?.field === 'reason');
      const long = await t.app.cases.exports.ofFamily(worker, familyId, { format: 'pdf', reason: 'x'.repeat(10_000) });
      assert.ok(!long.ok && long.reason === 'invalid' && long.errors[0]?.text === 'Your reason must be 500 characters or fewer');
      const odd = await t.app.cases.exports.ofChild(worker, childId, { format: 'docx' as 'pdf', reason: 'A reason' });
      assert.ok(!odd.ok && odd.reason === 'invalid' && odd.errors[0]?.field === 'format');
      assert.equal((await exportsOf('cases.family-chronology-exported', familyId)).length, 0);
    });

    it('opens exactly as reading does: the team and its managers, never another team, another council or an analyst', async () => {
      const request = { format: 'csv' as const, reason: 'Checking who may' };
      for (const who of ['teammate', 'manager'] as const) {
        assert.ok((await t.app.cases.exports.ofChild(world.viewer(who), childId, request)).ok, who);
        assert.ok((await t.app.cases.exports.ofFamily(world.viewer(who), familyId, request)).ok, who);
      }
      for (const who of ['colleague', 'southManager', 'outsider', 'outsideManager', 'analyst', 'editor'] as const) {
        const viewer = world.viewer(who);
        const read = await t.app.cases.chronology.ofChild(viewer, childId);
        const exported = await t.app.cases.exports.ofChild(viewer, childId, request);
        assert.ok(!read.ok && !exported.ok, who);
        assert.equal(exported.reason, read.reason, `${who} is answered as reading is`);
        const family = await t.app.cases.exports.ofFamily(viewer, familyId, { format: 'docx' as 'pdf', reason: '' });
        assert.ok(!family.ok && family.reason !== 'invalid', `${who} learns nothing of the form before access`);
      }
    });

    it('hands back no file when its export cannot be recorded', async () => {
      await assert.rejects(
        whileAuditRefuses(t.app.services.db, () =>
          t.app.cases.exports.ofFamily(world.viewer('worker'), familyId, { format: 'pdf', reason: 'While the log is down' }),
        ),
        AUDIT_REFUSED,
      );
    });
  });

  describe('the pages', () => {
    it('asks for the format and the reason, keeping what was typed, escaped, when one is missing', async () => {
      const worker = await as('worker');
      const form = await worker.get(`/practice/children/${childId}/chronology/export`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="format" type="radio" value="pdf"/);
      assert.match(form.body, /name="format" type="radio" value="csv"/);
      const reason = '<script>alert("x")</script> for the conference';
      const noFormat = await worker.post(`/practice/children/${childId}/chronology/export`, { reason });
      assert.equal(noFormat.statusCode, 400);
      assert.match(noFormat.body, /govuk-error-summary/);
      assert.match(noFormat.body, /<a href="#format">Select the format you want<\/a>/);
      assert.match(noFormat.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; for the conference<\/textarea>/);
      assert.doesNotMatch(noFormat.body, /<script>alert/);
      const noReason = await worker.post(`/practice/families/${familyId}/chronology/export`, { format: 'csv' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Enter why you are exporting this chronology/);
      assert.match(noReason.body, /value="csv" checked/);
      const tooLong = await worker.post(`/practice/children/${childId}/chronology/export`, { format: 'pdf', reason: 'y'.repeat(10_000) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /Your reason must be 500 characters or fewer/);
      assert.equal((await exportsOf('cases.family-chronology-exported', familyId)).length, 0);
    });

    it('gives a child’s chronology as CSV, every version with its reason, formulas made plain text', async () => {
      const worker = await as('worker');
      const file = await worker.post(`/practice/children/${childId}/chronology/export`, {
        format: 'csv',
        reason: 'For the review conference',
      });
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), /^text\/csv/);
      assert.match(String(file.headers['content-disposition']), /^attachment; filename="chronology-SYN-[0-9A-F]+-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = file.body.trim().split('\r\n');
      assert.equal(lines.length, 6, 'a header, four current versions and the replaced one');
      assert.match(lines[1]!, /Absent three days,Quill Testwood,2,current,Wrong note pasted/);
      assert.match(lines[2]!, /"'=HYPERLINK\(""http:\/\/example.org""\) absent, ""again""",Quill Testwood,1,replaced by version 2/);
    });

    it('gives a family’s chronology as CSV and as PDF, each entry with whom it concerns, and audits both', async () => {
      const worker = await as('worker');
      const chronology = await worker.get(`/practice/families/${familyId}/chronology`);
      assert.match(chronology.body, new RegExp(`href="/practice/families/${familyId}/chronology/export"`));
      const child = await worker.get(`/practice/children/${childId}/chronology`);
      assert.match(child.body, new RegExp(`href="/practice/children/${childId}/chronology/export"`));

      const csv = await worker.post(`/practice/families/${familyId}/chronology/export`, {
        format: 'csv',
        reason: 'Family group conference',
      });
      assert.equal(csv.statusCode, 200);
      assert.match(
        String(csv.headers['content-disposition']),
        /^attachment; filename="family-chronology-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const [header, ...rows] = csv.body.trim().split('\r\n');
      assert.equal(header!.split(',')[6], 'Concerns');
      assert.ok(rows.some((row) => row.includes('Moved in with their grandmother,Quill Testwood; Wren Testwood,')));

      const pdf = await worker.post(`/practice/families/${familyId}/chronology/export`, {
        format: 'pdf',
        reason: 'Family group conference',
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = (await pdfText(pdf.rawPayload)).pages.join(' ');
      assert.match(text, /Chronology: Testwood family/);
      assert.match(text, /Repeated concern \[rule repeated-concern\] \(about Quill Testwood\)/);
      assert.match(text, /Moved in with their grandmother/);
      assert.match(text, /Family chronology [0-9a-f]{8} · Page 1 of \d/);

      const entries = await exportsOf('cases.family-chronology-exported', familyId);
      assert.deepEqual(
        entries.map((e) => [e.reason, e.details, e.actor_label]),
        [
          ['Family group conference', { format: 'csv', entries: 4 }, world.users.worker.email],
          ['Family group conference', { format: 'pdf', entries: 4 }, world.users.worker.email],
        ],
      );
    });

    it('answers every id the chronology would not open exactly as reading the chronology does', async () => {
      const elsewhere = await t.app.cases.records.createChild(world.viewer('outsider'), {
        givenName: 'Ash',
        familyName: 'Elsewood',
        dateOfBirth: '2017-02-02',
        familyId: null,
      });
      assert.ok(elsewhere.ok);
      const cases = [
        { who: 'worker', path: `/practice/children/${elsewhere.id}` },
        { who: 'worker', path: `/practice/families/${elsewhere.familyId}` },
        { who: 'worker', path: '/practice/children/00000000-0000-4000-8000-000000000000' },
        { who: 'outsider', path: `/practice/children/${childId}` },
        { who: 'outsider', path: `/practice/families/${familyId}` },
        { who: 'colleague', path: `/practice/children/${childId}` },
        { who: 'colleague', path: `/practice/families/${familyId}` },
        { who: 'analyst', path: `/practice/children/${childId}` },
        { who: 'analyst', path: `/practice/families/${familyId}` },
      ] as const;
      for (const { who, path } of cases) {
        const client = await as(who);
        const read = await client.get(`${path}/chronology`);
        assert.notEqual(read.statusCode, 200, `${who} ${path}`);
        const page = await client.get(`${path}/chronology/export`);
        const file = await client.post(`${path}/chronology/export`, { format: 'pdf', reason: 'Curious' });
        for (const answer of [page, file]) {
          assert.equal(answer.statusCode, read.statusCode, `${who} ${path}`);
          assert.equal(answer.headers.location, read.headers.location, `${who} ${path}`);
        }
      }
      const audited = await t.app.services.db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', 'in', ['cases.chronology-exported', 'cases.family-chronology-exported'])
        .where('actor_label', '!=', world.users.worker.email)
        .where('actor_label', '!=', world.users.teammate.email)
        .where('actor_label', '!=', world.users.manager.email)
        .execute();
      assert.deepEqual(audited, []);
    });

    it('lets a colleague of another team export a child’s chronology once they have broken the glass, as reading does', async () => {
      const colleague = await as('colleague');
      const refused = await colleague.post(`/practice/children/${siblingId}/chronology/export`, { format: 'csv', reason: 'Duty cover' });
      assert.equal(refused.headers.location, `/practice/children/${siblingId}/break-glass`);
      await colleague.get(`/practice/children/${siblingId}/break-glass`);
      const broken = await colleague.post(`/practice/children/${siblingId}/break-glass`, { reason: 'Duty cover tonight for the team' });
      assert.equal(broken.statusCode, 303);
      await colleague.get(`/practice/children/${siblingId}/chronology/export`);
      const file = await colleague.post(`/practice/children/${siblingId}/chronology/export`, { format: 'csv', reason: 'Duty cover' });
      assert.equal(file.statusCode, 200);
      assert.match(file.body, /Moved in with their grandmother/);
      // The family holds another child whose glass is still whole.
      const family = await colleague.post(`/practice/families/${familyId}/chronology/export`, { format: 'csv', reason: 'Duty cover' });
      assert.equal(family.statusCode, 403);
    });
  });
});
