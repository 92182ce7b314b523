import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { FormClient, testApp, type TestContext } from '../../../../tests/support/app.js';
import { sha256 } from '../../../platform/crypto.js';
import { SESSION_COOKIE } from '../../../platform/sessions.js';
import type { FlowDefinition } from '../engine/flow-types.js';
import type { AdviceFlows } from '../service.js';

// What the tests of the family's pages share: a small flow of their own, an app with it installed, and a family
// answering through the real forms.

export const SLUG = 'test-meeting-help';
export const BASE = `/advice/guided/${SLUG}`;
export const question = (id: string, change = false) => `${BASE}/questions/${id}${change ? '?change=1' : ''}`;
/** A date nobody would type by accident, so that finding it anywhere means an answer leaked. */
export const MEETING_DAY = { 'answer-day': '19', 'answer-month': '7', 'answer-year': '2031' };

/** A small flow that uses every kind of question, a route that skips one, and an outcome block chosen by an answer. */
export function fixture(contactText = 'How did children’s services first contact you?'): FlowDefinition {
  return {
    slug: SLUG,
    title: 'Help before a meeting',
    summary: 'A flow written for these tests.',
    intro: ['This flow is for the tests of guided advice.'],
    checked: '2026-11-30',
    firstQuestion: 'country',
    questions: {
      country: { kind: 'country', text: 'Where do you live?', next: [{ goTo: { question: 'contact' } }] },
      contact: {
        kind: 'single',
        text: contactText,
        hint: 'Choose the one that happened first.',
        options: [
          { value: 'letter', label: 'A letter' },
          { value: 'visit', label: 'A home visit' },
          { value: 'meeting', label: 'An invitation to a meeting' },
        ],
        next: [
          { when: { question: 'contact', equals: 'meeting' }, goTo: { question: 'meeting-date' } },
          { goTo: { question: 'children' } },
        ],
      },
      'meeting-date': { kind: 'date', text: 'When is the meeting?', next: [{ goTo: { question: 'children' } }] },
      children: {
        kind: 'number',
        text: 'How many children live with you?',
        min: 1,
        max: 20,
        suffix: 'children',
        next: [{ goTo: { question: 'help' } }],
      },
      help: {
        kind: 'multiple',
        text: 'What would help?',
        options: [
          { value: 'money', label: 'Help with money' },
          { value: 'housing', label: 'Help with housing' },
          { value: 'adviser', label: 'Talking to an adviser' },
        ],
        next: [{ when: { question: 'help', includes: 'adviser' }, goTo: { outcome: 'adviser' } }, { goTo: { outcome: 'general' } }],
      },
    },
    outcomes: {
      adviser: {
        title: 'Talk to an adviser before the meeting',
        summary: 'An adviser can explain what the meeting is for.',
        blocks: [
          { heading: 'Call the advice line', paragraphs: ['Advisers can talk you through what happens next.'] },
          {
            when: { question: 'country', equals: 'wales' },
            style: 'inset',
            paragraphs: ['In Wales, Welsh law on social services applies.'],
          },
          {
            style: 'warning',
            paragraphs: ['Go to the meeting if you can.'],
            links: [
              { text: 'All guided advice', path: '/advice/guided' },
              { text: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' },
            ],
          },
        ],
        sources: [
          { title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' },
          {
            title: 'Social Services and Well-being (Wales) Act 2014',
            url: 'https://www.legislation.gov.uk/anaw/2014/4',
            when: { question: 'country', equals: 'wales' },
          },
        ],
      },
      general: {
        title: 'Where to find help',
        summary: 'Local services can help with money and housing.',
        blocks: [{ bullets: ['Your council', 'Citizens Advice'] }],
        sources: [{ title: 'Children Act 1989, section 17', url: 'https://www.legislation.gov.uk/ukpga/1989/41/section/17' }],
      },
    },
  };
}

/** Every line the app logs, at the most talkative level, so that a test can look for answers in it. */
export function captureLog(app: FastifyInstance): string[] {
  const lines: string[] = [];
  const stream = Object.getOwnPropertySymbols(app.log).find((s) => s.description === 'pino.stream');
  assert.ok(stream, 'the logger is pino');
  (app.log as unknown as Record<symbol, unknown>)[stream] = { write: (line: string) => lines.push(line) };
  return lines;
}

/**
 * An app with the test flow installed, logging everything, started before a file's tests and closed after them.
 * Its helpers read the app lazily, since it exists only once `before` has run.
 */
export function guidedAdviceHarness() {
  let t: TestContext;
  let log: string[];
  before(async () => {
    t = await testApp({ LOG_LEVEL: 'trace' });
    log = captureLog(t.app);
    await t.app.adviceFlows.installBuiltIn([fixture()]);
  });
  after(() => t.close());

  const harness = {
    get t() {
      return t;
    },
    get log() {
      return log;
    },
    get flows(): AdviceFlows {
      return t.app.adviceFlows;
    },

    async answer(client: FormClient, id: string, fields: Record<string, string | string[]>, change = false) {
      const page = await client.get(question(id, change));
      assert.equal(page.statusCode, 200, `${id} should open, not ${page.statusCode} ${page.headers.location ?? ''}`);
      return client.post(question(id, change), fields);
    },

    /** A family who has answered up to "check your answers", by default by way of the meeting date. */
    async familyAtCheckPage(contact: 'meeting' | 'letter' = 'meeting') {
      const client = new FormClient(t.app);
      await harness.answer(client, 'country', { answer: 'england' });
      await harness.answer(client, 'contact', { answer: contact });
      if (contact === 'meeting') await harness.answer(client, 'meeting-date', MEETING_DAY);
      await harness.answer(client, 'children', { answer: '2' });
      const last = await harness.answer(client, 'help', { answer: ['money', 'adviser'] });
      assert.equal(last.headers.location, `${BASE}/check`);
      return client;
    },

    async sessionData(client: FormClient): Promise<Record<string, unknown> | undefined> {
      const cookie = client.cookies.get(SESSION_COOKIE);
      if (!cookie) return undefined;
      const row = await t.app.services.db.selectFrom('sessions').select('data').where('id_hash', '=', sha256(cookie)).executeTakeFirst();
      return row?.data as Record<string, unknown> | undefined;
    },

    /** Counts are kept per version; by default, of the version families start now. */
    async countOf(step: string, event: string, version?: number): Promise<number> {
      version ??= (await t.app.adviceFlows.published(SLUG))!.version;
      const rows = await t.app.adviceFlows.counts(SLUG);
      return rows.find((r) => r.step === step && r.event === event && r.version === version)?.count ?? 0;
    },
  };
  return harness;
}
