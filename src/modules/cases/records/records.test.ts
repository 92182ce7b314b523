import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mailTo, testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { createCases, type Cases } from '../service.js';

/** Who may open a child's record, adding children, and breaking the glass: the services, on the real database. */
describe('cases: records and who may open them', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let cases: Cases;
  let childId: string;
  let familyId: string;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    cases = createCases(t.app.services, { newFlagDays: 14 }, () => []);
    const added = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Pip',
      familyName: 'Testwood',
      dateOfBirth: '2019-04-02',
      familyId: null,
    });
    assert.ok(added.ok);
    ({ id: childId, familyId } = added);
  });
  after(() => t.close());

  const audited = (action: string, subjectId: string) =>
    t.app.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();

  it('adds a child in a new family of the creator’s team, allocated to the creator, and audits it', async () => {
    const row = await t.app.services.db
      .selectFrom('case_people as p')
      .innerJoin('case_families as f', 'f.id', 'p.family_id')
      .select(['p.allocated_worker_id', 'f.team_id', 'f.organisation_id', 'p.reference'])
      .where('p.id', '=', childId)
      .executeTakeFirstOrThrow();
    assert.equal(row.allocated_worker_id, world.users.worker.id);
    assert.equal(row.team_id, world.teams.north);
    assert.equal(row.organisation_id, world.councils.northmoor);
    assert.match(row.reference, /^SYN-/);
    assert.equal((await audited('cases.child-added', childId)).length, 1);
  });

  it('adds a sibling to a family only for someone who may open it', async () => {
    const sibling = await cases.records.createChild(world.viewer('teammate'), {
      givenName: 'Wren',
      familyName: 'Testwood',
      dateOfBirth: '2021-01-30',
      familyId,
    });
    assert.ok(sibling.ok);
    assert.equal(sibling.familyId, familyId);
    const input = { givenName: 'Nobody', familyName: 'Fictonby', dateOfBirth: '2020-02-02', familyId };
    assert.deepEqual(await cases.records.createChild(world.viewer('outsider'), input), { ok: false, reason: 'hidden' });
    assert.deepEqual(await cases.records.createChild(world.viewer('colleague'), input), { ok: false, reason: 'break-glass' });
  });

  it('refuses a new family to someone in no team', async () => {
    const input = { givenName: 'Nobody', familyName: 'Fictonby', dateOfBirth: '2020-02-02', familyId: null };
    assert.deepEqual(await cases.records.createChild(world.viewer('analyst'), input), { ok: false, reason: 'no-team' });
  });

  it('opens the record to the allocated worker, their team and its manager', async () => {
    for (const who of ['worker', 'teammate', 'manager'] as const) {
      const opened = await cases.records.openChild(world.viewer(who), childId);
      assert.ok(opened.ok, who);
      assert.equal(opened.record.givenName, 'Pip');
    }
  });

  it('keeps it from everyone else: break-glass within the council, counts for analysts, and a missing id for the rest', async () => {
    assert.deepEqual(await cases.records.openChild(world.viewer('colleague'), childId), { ok: false, reason: 'break-glass' });
    assert.deepEqual(await cases.records.openChild(world.viewer('southManager'), childId), { ok: false, reason: 'break-glass' });
    assert.deepEqual(await cases.records.openChild(world.viewer('analyst'), childId), { ok: false, reason: 'counts-only' });
    const missing = await cases.records.openChild(world.viewer('worker'), '00000000-0000-4000-8000-000000000001');
    for (const who of ['outsider', 'outsideManager', 'editor'] as const) {
      assert.deepEqual(await cases.records.openChild(world.viewer(who), childId), missing, who);
    }
    assert.deepEqual(missing, { ok: false, reason: 'hidden' });
  });

  it('breaks the glass for one session only, with a reason, audited, and tells the team’s manager', async () => {
    const session = 'session-of-colleague-today';
    const viewer = world.viewer('colleague', session);
    const short = await cases.breakGlass.breakGlass(viewer, childId, 'curious', 'break-glass');
    assert.equal(short.ok, false);
    assert.deepEqual(await cases.records.openChild(viewer, childId), { ok: false, reason: 'break-glass' });

    const reason = 'Duty cover tonight: the police called about the family';
    assert.deepEqual(await cases.breakGlass.breakGlass(viewer, childId, reason, 'break-glass'), { ok: true });
    assert.ok((await cases.records.openChild(viewer, childId)).ok);
    // Another session of the same person, and the API (no session), must break it again.
    assert.deepEqual(await cases.records.openChild(world.viewer('colleague', 'another-session'), childId), {
      ok: false,
      reason: 'break-glass',
    });
    assert.deepEqual(await cases.records.openChild(world.viewer('colleague', null), childId), { ok: false, reason: 'break-glass' });

    const [entry] = await audited('cases.glass-broken', childId);
    assert.equal(entry?.reason, reason);
    assert.equal(entry?.actor_id, world.users.colleague.id);
    const [mail] = await mailTo(t.app, world.users.manager.email);
    assert.match(mail!.text_body, /Duty cover tonight/);
    assert.doesNotMatch(mail!.text_body, /Pip|Testwood/, 'mail leaves the system, so it carries no name');
    assert.equal((await mailTo(t.app, world.users.southManager.email)).length, 0);
  });

  it('never breaks the glass across councils or for an API token', async () => {
    assert.deepEqual(await cases.breakGlass.breakGlass(world.viewer('outsider'), childId, 'A long enough reason here', 'other'), {
      ok: false,
      reason: 'hidden',
    });
    assert.equal(await cases.breakGlass.need(world.viewer('outsider'), childId), null);
    assert.deepEqual(
      await cases.breakGlass.breakGlass(world.viewer('colleague', null), childId, 'A long enough reason here', 'break-glass'),
      {
        ok: false,
        reason: 'no-session',
      },
    );
  });

  it('shows the caseload of the worker and their team, and only counts to an analyst', async () => {
    const mine = await cases.caseload(world.viewer('worker'));
    assert.ok(mine.some((c) => c.id === childId && c.mine));
    const team = await cases.caseload(world.viewer('teammate'));
    assert.ok(team.some((c) => c.id === childId));
    assert.equal((await cases.caseload(world.viewer('colleague'))).length, 0);
    assert.equal((await cases.caseload(world.viewer('outsider'))).length, 0);
    const counts = await cases.counts(world.viewer('analyst'));
    assert.ok(counts && counts.children >= 2);
    assert.doesNotMatch(JSON.stringify(counts), /Pip|Testwood/);
  });
});
