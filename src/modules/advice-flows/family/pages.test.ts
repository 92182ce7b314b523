import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser, FormClient } from '../../../../tests/support/app.js';
import { BASE, fixture, guidedAdviceHarness, MEETING_DAY, question, SLUG } from './test-support.js';
import { personActor } from '../../../platform/audit.js';

describe('guided advice pages: a family answering', () => {
  const h = guidedAdviceHarness();
  const { answer, familyAtCheckPage, sessionData, countOf } = h;

  it('lists the published flows and opens a start page that links to the first question', async () => {
    const list = await h.t.app.inject('/advice/guided');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="${BASE}">Help before a meeting</a>`));
    assert.match(list.body, /A flow written for these tests\./);

    const start = await h.t.app.inject(BASE);
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /<h1 class="govuk-heading-l">Help before a meeting<\/h1>/);
    assert.match(start.body, /This flow is for the tests of guided advice\./);
    assert.match(start.body, new RegExp(`href="${question('country')}"[^>]*govuk-button--start`));
    assert.match(start.body, /href="\/advice\/guided\/leave"/, 'Exit this page');
  });

  it('sets no cookie on the list and start pages for an anonymous visitor', async () => {
    for (const url of ['/advice/guided', BASE, '/advice/guided', BASE]) {
      const response = await h.t.app.inject(url);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['set-cookie'], undefined, url);
    }
  });

  it('answers 404 for a flow that does not exist', async () => {
    assert.equal((await h.t.app.inject('/advice/guided/no-such-flow')).statusCode, 404);
    assert.equal((await h.t.app.inject('/advice/guided/no-such-flow/questions/country')).statusCode, 404);
    const client = new FormClient(h.t.app);
    await client.get(question('country'));
    assert.equal((await client.post('/advice/guided/no-such-flow/start')).statusCode, 404);
  });

  it('asks one question per page with the question as the heading', async () => {
    const client = new FormClient(h.t.app);
    const radios = await client.get(question('country'));
    assert.match(
      radios.body,
      /<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">\s*<h1 class="govuk-fieldset__heading">\s*Where do you live\?/,
    );
    assert.match(radios.body, /<input class="govuk-radios__input" id="answer" name="answer" type="radio" value="england">/);
    assert.match(radios.body, new RegExp(`<a href="${BASE}" class="govuk-back-link">`), 'the first question goes back to the start page');
    assert.match(radios.body, new RegExp(`<form method="post" action="${question('country')}"`));
    assert.match(radios.body, /name="_csrf" value="[^"]+"/);

    await client.post(question('country'), { answer: 'wales' });
    await answer(client, 'contact', { answer: 'meeting' });
    const date = await client.get(question('meeting-date'));
    assert.match(date.body, /<h1 class="govuk-fieldset__heading">\s*When is the meeting\?/);
    assert.match(date.body, /name="answer-day"/);
    assert.match(date.body, /name="answer-month"/);
    assert.match(date.body, /name="answer-year"/);
    assert.match(date.body, new RegExp(`<a href="${question('contact')}" class="govuk-back-link">`));

    await client.post(question('meeting-date'), MEETING_DAY);
    const number = await client.get(question('children'));
    assert.match(
      number.body,
      /<h1 class="govuk-label-wrapper">\s*<label class="govuk-label govuk-label--l" for="answer">\s*How many children live with you\?/,
    );
    assert.match(number.body, /<div class="govuk-input__suffix" aria-hidden="true">children<\/div>/);

    await client.post(question('children'), { answer: '3' });
    const checkboxes = await client.get(question('help'));
    assert.match(checkboxes.body, /<input class="govuk-checkboxes__input" id="answer" name="answer" type="checkbox" value="money">/);
  });

  it('walks to "check your answers", lets an earlier answer change, and shows only the answers on the path', async () => {
    const client = await familyAtCheckPage();
    const check = await client.get(`${BASE}/check`);
    assert.equal(check.statusCode, 200);
    for (const text of [
      'England',
      'An invitation to a meeting',
      '19 July 2031',
      '2 children',
      'Help with money',
      'Talking to an adviser',
    ]) {
      assert.ok(check.body.includes(text), `check your answers shows ${text}`);
    }
    assert.ok(check.body.includes(`href="${question('contact', true)}"`));

    const changing = await client.get(question('contact', true));
    assert.match(changing.body, new RegExp(`<a href="${BASE}/check" class="govuk-back-link">`));
    assert.match(changing.body, /value="meeting" checked/);
    const changed = await client.post(question('contact', true), { answer: 'letter' });
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, `${BASE}/check`, 'nothing new to ask, so back to the check page');

    const again = await client.get(`${BASE}/check`);
    assert.ok(again.body.includes('A letter'));
    assert.ok(!again.body.includes('When is the meeting?'), 'the meeting date is no longer on the path');
    assert.ok(!again.body.includes('19 July 2031'));

    const see = await client.post(`${BASE}/check`);
    assert.equal(see.headers.location, `${BASE}/outcome`);
    const outcome = await client.get(`${BASE}/outcome`);
    assert.equal(outcome.statusCode, 200);
    assert.match(outcome.body, /<main class="govuk-main-wrapper" id="main-content" data-outcome="adviser">/);
    assert.match(outcome.body, /Talk to an adviser before the meeting/);
    assert.match(outcome.body, /Advisers can talk you through what happens next\./);
    assert.ok(!outcome.body.includes('In Wales, Welsh law'), 'a block for Wales is not shown to a family in England');
    assert.match(outcome.body, /<a class="govuk-link" href="https:\/\/www.legislation.gov.uk\/ukpga\/1989\/41">Children Act 1989<\/a>/);
    assert.ok(!outcome.body.includes('target="_blank"'));
    assert.match(outcome.body, /not legal advice/);
    assert.match(outcome.body, /Save as PDF/);
    assert.match(outcome.body, new RegExp(`action="${BASE}/start"`), 'Start again');
  });

  it('asks a question a change has made new, then returns to "check your answers"', async () => {
    const client = await familyAtCheckPage('letter');
    const changed = await answer(client, 'contact', { answer: 'meeting' }, true);
    assert.equal(changed.headers.location, question('meeting-date', true), 'the new question, still in "change" mode');
    const date = await client.get(question('meeting-date', true));
    assert.match(date.body, new RegExp(`<a href="${BASE}/check" class="govuk-back-link">`));
    const back = await client.post(question('meeting-date', true), MEETING_DAY);
    assert.equal(back.headers.location, `${BASE}/check`);
    assert.ok((await client.get(`${BASE}/check`)).body.includes('19 July 2031'));

    const fresh = await familyAtCheckPage();
    await answer(fresh, 'contact', { answer: 'visit' }, true);
    const wales = await answer(fresh, 'country', { answer: 'wales' }, true);
    assert.equal(wales.headers.location, `${BASE}/check`);
    await fresh.post(`${BASE}/check`);
    const outcome = await fresh.get(`${BASE}/outcome`);
    assert.ok(outcome.body.includes('In Wales, Welsh law'), 'the block chosen by the changed answer is shown');
  });

  it('goes forward through answered questions after going back, rather than jumping ahead', async () => {
    const client = await familyAtCheckPage();
    const first = await answer(client, 'country', { answer: 'england' });
    assert.equal(first.headers.location, question('contact'));
    const contact = await client.get(question('contact'));
    assert.match(contact.body, /value="meeting" checked/, 'the earlier answer is filled in');
  });

  it('forgets the answers once the advice is shown, but the advice page still works on refresh', async () => {
    const client = await familyAtCheckPage();
    await client.post(`${BASE}/check`);
    const shown = await client.get(`${BASE}/outcome`);
    assert.equal(shown.statusCode, 200);

    const data = await sessionData(client);
    assert.ok(data);
    assert.equal(data[`guided:${SLUG}`], undefined, 'the answers are gone');
    const finished = data[`guided-finished:${SLUG}`] as Record<string, unknown>;
    assert.equal(finished.outcomeId, 'adviser');
    // Only which of the outcome's blocks were shown (the printable snapshot), never an answer.
    assert.deepEqual(Object.keys(finished).sort(), ['blocks', 'outcomeId', 'sources', 'version']);
    assert.deepEqual(finished.blocks, [0, 2], 'England: the block for Wales was not shown');
    const stored = JSON.stringify(data);
    for (const answer of ['england', '"meeting"', '2031', 'money', '"children"', 'answers']) {
      assert.ok(!stored.includes(answer), `the session holds no answer (${answer})`);
    }

    const later = await client.get(question('children'));
    assert.equal(later.statusCode, 303);
    assert.equal(later.headers.location, BASE);
    assert.equal((await client.get(`${BASE}/check`)).headers.location, BASE);
    const refreshed = await client.get(`${BASE}/outcome`);
    assert.equal(refreshed.statusCode, 200);
    assert.match(refreshed.body, /data-outcome="adviser"/);
    const content = (body: string) => /<main[\s\S]*<\/main>/.exec(body)![0].replace(/name="_csrf" value="[^"]*"/g, '');
    assert.equal(content(refreshed.body), content(shown.body), 'the same advice, to print or read again');

    const restarted = await client.post(`${BASE}/start`);
    assert.equal(restarted.headers.location, question('country'));
    const afterRestart = await sessionData(client);
    assert.equal(afterRestart?.[`guided-finished:${SLUG}`], undefined, 'Start again removes the advice kept for a refresh');
    assert.deepEqual(afterRestart?.[`guided:${SLUG}`], { version: (await h.flows.published(SLUG))!.version, answers: {} });
    assert.equal((await client.get(`${BASE}/outcome`)).headers.location, question('country'));
  });

  it('shows urgent help, the day the facts were checked, and only the sources that apply to this family', async () => {
    const client = await familyAtCheckPage();
    await client.post(`${BASE}/check`);
    const page = await client.get(`${BASE}/outcome`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="urgent-help"/);
    for (const tel of ['tel:999', 'tel:116123', 'tel:08082000247', 'tel:08088010800', 'tel:08088005000'])
      assert.ok(page.body.includes(`href="${tel}"`), tel);
    assert.match(page.body, /emergency duty team/);
    assert.match(page.body, /We last checked the facts in this advice on <time datetime="2026-11-30">30 November 2026<\/time>/);
    assert.match(page.body, /<a class="govuk-link" href="https:\/\/www.legislation.gov.uk\/ukpga\/1989\/41">Children Act 1989<\/a>/);
    assert.doesNotMatch(page.body, /Social Services and Well-being \(Wales\) Act 2014/, 'a family in England is not sent to Welsh law');
    assert.match(
      (await h.t.app.inject(BASE)).body,
      /We last checked the facts in it on <time datetime="2026-11-30">30 November 2026<\/time>/,
    );
  });

  it('keeps a family on the version they started after a newer one is published', async () => {
    const family = new FormClient(h.t.app);
    await answer(family, 'country', { answer: 'england' });

    const editor = await createUser(h.t.app, { roles: ['editor'] });
    const actor = personActor(editor, '127.0.0.1');
    const saved = await h.flows.saveDraft(fixture('Version two: who contacted you?'), actor);
    assert.deepEqual(saved, { ok: true });
    const published = await h.flows.publish(SLUG, actor);
    assert.ok(published.ok);
    const newVersion = published.version;

    const startedBefore = await family.get(question('contact'));
    assert.ok(startedBefore.body.includes('How did children’s services first contact you?'));
    assert.ok(!startedBefore.body.includes('Version two'));

    const newcomer = new FormClient(h.t.app);
    await answer(newcomer, 'country', { answer: 'england' });
    assert.ok((await newcomer.get(question('contact'))).body.includes('Version two: who contacted you?'));
    assert.equal(((await sessionData(newcomer))?.[`guided:${SLUG}`] as { version: number }).version, newVersion);

    const finishedBefore = await countOf('general', 'finished', 1);
    await family.post(question('contact'), { answer: 'letter' });
    await answer(family, 'children', { answer: '1' });
    await answer(family, 'help', { answer: 'money' });
    await family.post(`${BASE}/check`);
    const outcome = await family.get(`${BASE}/outcome`);
    assert.match(outcome.body, /data-outcome="general"/);
    assert.equal(await countOf('general', 'finished', 1), finishedBefore + 1, 'counted against the version they used');
  });

  it('shows the error summary when no answer is chosen, and keeps what was typed', async () => {
    const client = new FormClient(h.t.app);
    await client.get(question('country'));
    const none = await client.post(question('country'), {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /<title>Error: Where do you live\?/);
    assert.match(none.body, /There is a problem/);
    assert.match(none.body, /<a href="#answer">Select an answer<\/a>/);
    assert.equal(await sessionData(client), undefined, 'a refused first answer starts nothing');

    await client.post(question('country'), { answer: 'england' });
    await answer(client, 'contact', { answer: 'meeting' });
    await client.get(question('meeting-date'));
    const halfDate = await client.post(question('meeting-date'), { 'answer-day': '31', 'answer-month': '2', 'answer-year': '2031' });
    assert.equal(halfDate.statusCode, 400);
    assert.match(halfDate.body, /<a href="#answer-day">The date must be a real date<\/a>/);
    assert.match(halfDate.body, /name="answer-day" type="text" value="31"/);
    assert.match(halfDate.body, /name="answer-year" type="text" value="2031"/);
    // A box left empty is named, and only that box is marked, as on every other GOV.UK date input.
    const noMonth = await client.post(question('meeting-date'), { 'answer-day': '3', 'answer-month': '', 'answer-year': '2031' });
    assert.equal(noMonth.statusCode, 400);
    assert.match(noMonth.body, /<a href="#answer-month">The date must include a month<\/a>/);
    assert.match(noMonth.body, /govuk-input--error" id="answer-month"/);
    assert.doesNotMatch(noMonth.body, /govuk-input--error" id="answer-day"/);
  });

  it('refuses an answer the question does not offer, and escapes hostile input', async () => {
    const client = new FormClient(h.t.app);
    await answer(client, 'country', { answer: 'england' });
    await client.get(question('contact'));
    const bogus = await client.post(question('contact'), { answer: 'bogus' });
    assert.equal(bogus.statusCode, 400);
    assert.match(bogus.body, /Select from the answers shown/);
    assert.ok(!bogus.body.includes('bogus'));

    await answer(client, 'contact', { answer: 'letter' });
    await client.get(question('children'));
    const hostile = await client.post(question('children'), { answer: '<script>alert(1)</script>' });
    assert.equal(hostile.statusCode, 400);
    assert.match(hostile.body, /Enter a number, like 3/);
    assert.ok(!hostile.body.includes('<script>alert(1)</script>'));
    assert.ok(hostile.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'));
    const tooMany = await client.post(question('children'), { answer: '25' });
    assert.match(tooMany.body, /Enter a number of 20 or less/);

    const stored = (await sessionData(client))?.[`guided:${SLUG}`] as { answers: Record<string, unknown> };
    assert.deepEqual(Object.keys(stored.answers).sort(), ['contact', 'country'], 'nothing refused was stored');

    await answer(client, 'children', { answer: '2' });
    await client.get(question('help'));
    const mixed = await client.post(question('help'), { answer: ['money', 'bogus'] });
    assert.equal(mixed.statusCode, 400);
  });

  it('sends a typed address for a question out of order to the question that comes next', async () => {
    const client = new FormClient(h.t.app);
    assert.equal((await client.get(question('contact'))).headers.location, BASE, 'no journey yet: the start page');
    await answer(client, 'country', { answer: 'england' });
    for (const id of ['help', 'meeting-date', 'no-such-question']) {
      const response = await client.get(question(id));
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, question('contact'));
    }
    const posted = await client.post(question('help'), { answer: 'money' });
    assert.equal(posted.headers.location, question('contact'));
    const stored = (await sessionData(client))?.[`guided:${SLUG}`] as { answers: Record<string, unknown> };
    assert.equal(stored.answers.help, undefined);
    assert.equal((await client.get(`${BASE}/outcome`)).headers.location, question('contact'));
    assert.equal((await client.get(`${BASE}/check`)).headers.location, question('contact'));
  });
});
