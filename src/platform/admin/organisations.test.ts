import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';

describe('administration: organisations and teams', () => {
  let t: TestContext;
  let client: FormClient;
  before(async () => {
    t = await testApp();
    const admin = await createUser(t.app, { roles: ['admin'] });
    client = new FormClient(t.app);
    await signInDirectly(client, admin);
  });
  after(() => t.close());

  const organisationNamed = (name: string) =>
    t.app.services.db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();

  it('adds an organisation and a team, and lists them together', async () => {
    const name = `Riverford Council ${randomUUID().slice(0, 6)}`;
    const created = await client.submit('/admin/organisations', { name, kind: 'local-authority' });
    assert.equal(created.statusCode, 303, created.body);
    const organisation = await organisationNamed(name);
    assert.equal(organisation?.kind, 'local-authority');

    await client.get('/admin/organisations');
    const team = await client.post(`/admin/organisations/${organisation!.id}/teams`, { name: 'Family support <west>' });
    assert.equal(team.statusCode, 303, team.body);

    const page = await client.get('/admin/organisations');
    assert.match(page.body, /Family support &lt;west&gt; added to Riverford Council/);
    const section = new RegExp(`id="org-${organisation!.id}"[\\s\\S]*?</section>`).exec(page.body)?.[0] ?? '';
    assert.match(section, /Local authority/);
    assert.match(section, /<li>Family support &lt;west&gt;<\/li>/);

    const audited = await t.app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', 'in', [organisation!.id])
      .execute();
    assert.deepEqual(
      audited.map((a) => a.action),
      ['organisation.created'],
    );
  });

  it('explains a missing name, an unknown kind and a name already taken', async () => {
    const empty = await client.submit('/admin/organisations', { name: '', kind: 'empire' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the organisation’s name/);
    assert.match(empty.body, /Select what kind of organisation it is/);

    const name = `Hillcrest Trust ${randomUUID().slice(0, 6)}`;
    assert.equal((await client.submit('/admin/organisations', { name, kind: 'charity' })).statusCode, 303);
    const again = await client.submit('/admin/organisations', { name, kind: 'partner-agency' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /There is already an organisation called Hillcrest Trust/);
    assert.match(again.body, new RegExp(`value="${name}"`));
  });

  it('points a team error at the right organisation’s form', async () => {
    const name = `Moorside Agency ${randomUUID().slice(0, 6)}`;
    await client.submit('/admin/organisations', { name, kind: 'partner-agency' });
    const organisation = await organisationNamed(name);
    const action = `/admin/organisations/${organisation!.id}/teams`;

    await client.get('/admin/organisations');
    assert.equal((await client.post(action, { name: 'Outreach' })).statusCode, 303);
    await client.get('/admin/organisations');
    const duplicate = await client.post(action, { name: 'Outreach' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, new RegExp(`href="#team-${organisation!.id}"`));
    assert.match(duplicate.body, /already has a team called Outreach/);
    assert.match(duplicate.body, new RegExp(`id="team-${organisation!.id}" name="name" type="text" value="Outreach"`));

    const blank = await client.post(action, { name: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the team’s name/);
  });

  it('gives 404 for a team added to an organisation that does not exist', async () => {
    await client.get('/admin/organisations');
    for (const id of ['not-a-uuid', randomUUID(), "1'or'1"]) {
      const response = await client.post(`/admin/organisations/${encodeURIComponent(id)}/teams`, { name: 'Ghost team' });
      assert.equal(response.statusCode, 404, id);
    }
  });
});
