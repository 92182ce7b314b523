import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { optionsOf, type FlowDefinition, type Question } from '../../src/modules/advice-flows/engine/flow-types.js';
import { BUILT_IN_FLOWS } from '../../src/modules/advice-flows/flows/index.js';
import { browserSession, checkPage, heading, press, visit } from './support.js';

const session = browserSession();
const visitor = (t: TestContext, options: { javaScriptEnabled?: boolean } = {}) => session.visitor(t, options);

/** A date a week ago, typed the way a person would: no leading zeros. */
function aWeekAgo(): { day: string; month: string; year: string } {
  const date = new Date(Date.now() - 7 * 86_400_000);
  return { day: String(date.getDate()), month: String(date.getMonth() + 1), year: String(date.getFullYear()) };
}

/**
 * Answers the question on the page as a person would: clicks the label of a choice, or types into the boxes.
 * `variant` 0 gives the first answer; 1 a different one, for changing an answer from "check your answers".
 */
async function answer(page: Page, question: Question, variant = 0): Promise<void> {
  switch (question.kind) {
    case 'date': {
      const date = aWeekAgo();
      if (variant > 0) date.year = String(Number(date.year) - 1);
      await page.getByLabel('Day').fill(date.day);
      await page.getByLabel('Month').fill(date.month);
      await page.getByLabel('Year').fill(date.year);
      break;
    }
    case 'number': {
      const low = question.min ?? 0;
      const high = question.max ?? low + 10;
      await page.locator('#answer').fill(String(variant > 0 ? high : Math.min(low + 1, high)));
      break;
    }
    default: {
      const options = optionsOf(question);
      const index = Math.min(variant, options.length - 1);
      // govuk-frontend numbers the inputs answer, answer-2, answer-3…
      const id = index === 0 ? 'answer' : `answer-${index + 1}`;
      const label = page.locator(`label[for="${id}"]`);
      assert.equal(((await label.textContent()) ?? '').trim(), options[index]!.label);
      // A checkbox already ticked (coming back to a question) would be unticked by a click.
      if (!(await page.locator(`#${id}`).isChecked())) await label.click();
      assert.ok(await page.locator(`#${id}`).isChecked(), `clicking "${options[index]!.label}" chose it`);
    }
  }
}

const questionIdIn = (url: string) => /\/questions\/([^/?]+)/.exec(new URL(url).pathname)?.[1];

/**
 * Answers question after question until "check your answers", checking each page with axe at both widths where
 * `check(id)` says so: a question checked on an earlier pass is the same page again, and each check costs seconds.
 */
async function answerUntilCheckPage(
  page: Page,
  flow: FlowDefinition,
  variantFor: (id: string) => number = () => 0,
  check: (id: string) => boolean = () => true,
): Promise<string[]> {
  const asked: string[] = [];
  for (let step = 0; step <= Object.keys(flow.questions).length; step++) {
    if (new URL(page.url()).pathname.endsWith('/check')) return asked;
    const id = questionIdIn(page.url());
    assert.ok(id, `expected a question or "check your answers", got ${page.url()}`);
    const question = flow.questions[id];
    assert.ok(question, `${flow.slug} has a question "${id}"`);
    if (check(id)) await checkPage(page);
    assert.equal(await heading(page), question.text);
    await answer(page, question, variantFor(id));
    await press(page, 'Continue');
    asked.push(id);
  }
  assert.fail(`${flow.slug}: more pages than questions, ending at ${page.url()}`);
}

/** From "check your answers" to the advice, which must be one of the flow's outcomes. */
async function seeAdvice(page: Page, flow: FlowDefinition): Promise<string> {
  await checkPage(page);
  assert.equal(await heading(page), 'Check your answers');
  await press(page, 'See your advice');
  await checkPage(page);
  const outcomeId = await page.locator('main').getAttribute('data-outcome');
  assert.ok(outcomeId && flow.outcomes[outcomeId], `${page.url()} shows one of ${flow.slug}'s outcomes, not ${outcomeId}`);
  assert.equal(await heading(page), flow.outcomes[outcomeId].title);
  // Every outcome: urgent help, from the platform's one list, and the day the facts were last checked.
  const urgent = page.locator('#urgent-help');
  assert.ok(await urgent.isVisible(), 'urgent help is on the page');
  for (const number of ['999', '116 123', '0808 800 5000']) assert.ok(await urgent.getByRole('link', { name: number }).isVisible(), number);
  assert.match((await page.locator('[data-checked]').textContent()) ?? '', /We last checked the facts in this advice on \d{1,2} \w+ \d{4}/);
  return outcomeId;
}

/** From the list of guided advice, through the start page, to the first question. */
async function startFromTheList(page: Page, flow: FlowDefinition): Promise<void> {
  await visit(page, '/advice/guided');
  await press(page, flow.title, 'link');
  await checkPage(page);
  assert.equal(await heading(page), flow.title);
  await press(page, 'Start now');
  assert.equal(questionIdIn(page.url()), flow.firstQuestion);
}

async function clickFirstChangeLink(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page
    .getByRole('link', { name: /^Change/ })
    .first()
    .click();
  await navigated;
  await page.waitForLoadState('load');
}

/** The whole of a flow: to an outcome, then again with the first answer changed on "check your answers". */
async function walkThrough(page: Page, flow: FlowDefinition): Promise<void> {
  await startFromTheList(page, flow);
  const checked = new Set(await answerUntilCheckPage(page, flow));
  await seeAdvice(page, flow);

  // The answers are gone once the advice is shown: "Start again" and answer the same way. These pages were checked
  // on the first pass; a question reached only by the changed answer is checked when it first appears.
  await press(page, 'Start again');
  await answerUntilCheckPage(
    page,
    flow,
    () => 0,
    () => false,
  );
  await clickFirstChangeLink(page);
  assert.equal(questionIdIn(page.url()), flow.firstQuestion);
  assert.match(page.url(), /\?change=1$/);
  await answerUntilCheckPage(
    page,
    flow,
    (id) => (id === flow.firstQuestion ? 1 : 0),
    (id) => !checked.has(id),
  );
  await seeAdvice(page, flow);
}

/**
 * "Exit this page" goes to /advice/guided/leave, which forgets the answers and redirects to a neutral outside site.
 * The browser must not go out to the internet, and redirects are beyond `page.route`, so the leave request itself is
 * sent to the server here, its redirect noted, and a small page shown in its place.
 */
async function catchLeaving(page: Page): Promise<() => string | undefined> {
  let redirectedTo: string | undefined;
  await page.route('**/advice/guided/leave', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    assert.equal(response.status(), 303);
    redirectedTo = response.headers()['location'];
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'You left.' });
  });
  await page.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ contentType: 'text/plain', body: 'ok' }));
  return () => redirectedTo;
}

describe('guided advice in a browser', () => {
  it('has built-in flows to walk', () => {
    assert.ok(BUILT_IN_FLOWS.length > 0, 'the built-in flows are installed on start');
  });

  for (const flow of BUILT_IN_FLOWS) {
    it(`walks "${flow.title}" to its advice and back through "check your answers"`, async (t) => {
      await walkThrough(await visitor(t), flow);
    });
  }

  it('gives a family in Wales the Welsh law: an assessment under the 2014 Act, with its own timescale', async (t) => {
    const flow = BUILT_IN_FLOWS.find((f) => f.slug === 'children-services-contact');
    assert.ok(flow);
    const page = await visitor(t);
    await startFromTheList(page, flow);
    // Wales is the second answer to the country question; an assessment the third to "what has happened".
    await answerUntilCheckPage(page, flow, (id) => (id === 'country' ? 1 : id === 'what-happened' ? 2 : 0));
    assert.equal(await seeAdvice(page, flow), 'assessment');
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /within 42 working days of the referral/);
    assert.doesNotMatch(text, /section 17|child in need/i);
  });

  it('walks a flow with JavaScript turned off', async (t) => {
    const flow = BUILT_IN_FLOWS[0];
    assert.ok(flow);
    await walkThrough(await visitor(t, { javaScriptEnabled: false }), flow);
  });

  it('shows the GOV.UK error summary when no answer is chosen, and moves focus to it', async (t) => {
    const flow = BUILT_IN_FLOWS[0];
    assert.ok(flow);
    const page = await visitor(t);
    await startFromTheList(page, flow);
    await press(page, 'Continue');
    await checkPage(page);
    assert.match(await page.title(), /^Error: /);
    assert.ok(await page.locator('.govuk-error-summary').isVisible());
    await page.locator('.govuk-error-summary a').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'answer');
  });

  it('leaves for a neutral site by "Exit this page", and the answers are gone', async (t) => {
    const flow = BUILT_IN_FLOWS[0];
    assert.ok(flow);
    const page = await visitor(t);
    const redirectedTo = await catchLeaving(page);
    await startFromTheList(page, flow);
    await answer(page, flow.questions[flow.firstQuestion]!);
    await press(page, 'Continue');
    const secondQuestion = page.url();

    const left = page.waitForURL('**/advice/guided/leave');
    await page.getByRole('button', { name: 'Emergency Exit this page' }).click();
    await left;
    assert.equal(redirectedTo(), 'https://www.bbc.co.uk/weather');

    const back = await page.goto(secondQuestion);
    assert.equal(new URL(back!.url()).pathname, `/advice/guided/${flow.slug}`, 'with no answers kept, a question goes to the start page');
  });

  it('leaves by pressing Shift three times when JavaScript runs', async (t) => {
    const flow = BUILT_IN_FLOWS[0];
    assert.ok(flow);
    const page = await visitor(t);
    const redirectedTo = await catchLeaving(page);
    await visit(page, `/advice/guided/${flow.slug}/questions/${flow.firstQuestion}`);
    const left = page.waitForURL('**/advice/guided/leave');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await left;
    assert.equal(redirectedTo(), 'https://www.bbc.co.uk/weather');
  });
});
