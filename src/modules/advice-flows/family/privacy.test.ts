import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly } from '../../../../tests/support/app.js';
import { sha256 } from '../../../platform/crypto.js';
import { SESSION_COOKIE } from '../../../platform/sessions.js';
import { BASE, guidedAdviceHarness, question, SLUG } from './test-support.js';

describe('guided advice pages: leaving, privacy and counts', () => {
  const h = guidedAdviceHarness();
  const { answer, familyAtCheckPage, sessionData, countOf } = h;

  it('forgets every answer on "Exit this page" and goes to a neutral site', async () => {
    const client = new FormClient(h.t.app);
    await answer(client, 'country', { answer: 'england' });
    const cookie = client.cookies.get(SESSION_COOKIE);
    assert.ok(cookie);
    const leave = await client.get('/advice/guided/leave');
    assert.equal(leave.statusCode, 303);
    assert.equal(leave.headers.location, 'https://www.bbc.co.uk/weather');
    assert.equal(client.cookies.get(SESSION_COOKIE), undefined, 'the session cookie is cleared');
    const row = await h.t.app.services.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', sha256(cookie)).executeTakeFirst();
    assert.equal(row, undefined, 'the session is gone from the database');
    assert.equal((await client.get(question('contact'))).headers.location, BASE);
  });

  it('keeps a signed-in person signed in on "Exit this page", with the answers gone', async () => {
    const member = await createUser(h.t.app, { roles: ['member'] });
    const client = new FormClient(h.t.app);
    await signInDirectly(client, member);
    await answer(client, 'country', { answer: 'wales' });
    await client.get('/advice/guided/leave');
    const data = await sessionData(client);
    assert.ok(data, 'still signed in');
    assert.ok(!Object.keys(data).some((key) => key.startsWith('guided')));
    assert.equal((await client.get('/account')).statusCode, 200);
  });

  it('never writes an answer to the audit log or the server log', async () => {
    const client = await familyAtCheckPage();
    await client.post(`${BASE}/check`);
    await client.get(`${BASE}/outcome`);
    const audit = await h.t.app.services.db.selectFrom('audit_log').selectAll().execute();
    // Exact strings only: a hash or a request id can contain "2031" by chance.
    const written = JSON.stringify(audit);
    for (const answer of ['2031-07-19', '"help"', '"children"', 'answer-year'])
      assert.ok(!written.includes(answer), `no ${answer} in the audit log`);
    assert.ok(
      !audit.some(
        (row) =>
          row.action.startsWith('advice-flow.') && row.action !== 'advice-flow.draft-saved' && row.action !== 'advice-flow.published',
      ),
    );
    assert.ok(
      h.log.some((line) => line.includes('/advice/guided/:slug/questions/:questionId')),
      'the log is captured (it names the routes visited)',
    );
    const leaked = h.log.filter((line) => /2031-07-19|answer-(day|month|year)|Talking to an adviser|"answer"|answer=/.test(line));
    assert.deepEqual(leaked, []);
  });

  it('counts starts, answers, questions reached and outcomes, with nothing about who', async () => {
    const before = {
      started: await countOf('start', 'started'),
      firstReached: await countOf('country', 'reached'),
      answered: await countOf('meeting-date', 'answered'),
      reached: await countOf('meeting-date', 'reached'),
      finished: await countOf('adviser', 'finished'),
    };
    const client = await familyAtCheckPage();
    await client.post(`${BASE}/check`);
    await client.get(`${BASE}/outcome`);
    await client.get(`${BASE}/outcome`);
    assert.equal(await countOf('start', 'started'), before.started + 1);
    assert.equal(await countOf('country', 'reached'), before.firstReached + 1);
    assert.equal(await countOf('meeting-date', 'answered'), before.answered + 1);
    assert.equal(await countOf('meeting-date', 'reached'), before.reached + 1);
    assert.equal(await countOf('adviser', 'finished'), before.finished + 1, 'a refresh of the advice is not counted again');
    const columns = Object.keys((await h.flows.counts(SLUG))[0]!).sort();
    assert.deepEqual(columns, ['count', 'event', 'slug', 'step', 'version']);
  });

  it('gives each family its own form token and its own choices on a question page many families share', async () => {
    const first = new FormClient(h.t.app);
    const second = new FormClient(h.t.app);
    await answer(first, 'country', { answer: 'england' });
    await answer(second, 'country', { answer: 'england' });
    await answer(first, 'contact', { answer: 'letter' });

    const firstPage = await first.get(question('contact'));
    const secondPage = await second.get(question('contact'));
    assert.match(firstPage.body, /value="letter" checked/, 'the first family sees the choice it made');
    assert.doesNotMatch(secondPage.body, /checked/, 'the second family sees no choice made for it');
    assert.ok(first.csrf && second.csrf);
    assert.notEqual(first.csrf, second.csrf);
    assert.ok(!secondPage.body.includes('\u0000'), 'no placeholder is left in the page');

    const borrowed = await second.post(question('contact'), { answer: 'visit', _csrf: first.csrf }, { csrf: false });
    assert.equal(borrowed.statusCode, 403, "one family's token does not work for another");
    const own = await second.post(question('contact'), { answer: 'visit' });
    assert.equal(own.statusCode, 303);
  });

  it('renders a question page afresh for someone signed in', async () => {
    const client = new FormClient(h.t.app);
    await signInDirectly(client, await createUser(h.t.app));
    const page = await client.get(question('country'));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sign out/);
  });

  it('refuses a form sent without its CSRF token', async () => {
    const client = new FormClient(h.t.app);
    await client.get(question('country'));
    const response = await client.post(question('country'), { answer: 'england' }, { csrf: false });
    assert.equal(response.statusCode, 403);
    const start = await client.post(`${BASE}/start`, {}, { csrf: false });
    assert.equal(start.statusCode, 403);
  });
});
