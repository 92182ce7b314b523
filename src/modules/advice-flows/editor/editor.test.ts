import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signIn, testApp, type TestContext } from '../../../../tests/support/app.js';
import type { Role } from '../../../platform/roles.js';
import type { FlowDefinition } from '../engine/flow-types.js';
import type { AdviceFlows } from '../service.js';

let counter = 0;

/** A small flow with its own slug: are you in England or Wales, then how many children; three outcomes. */
function fixtureFlow(overrides: Partial<FlowDefinition> = {}): FlowDefinition {
  counter += 1;
  return {
    slug: `fixture-${counter}-${process.pid}`,
    title: `Fixture flow ${counter}`,
    summary: 'A flow for tests.',
    intro: ['Only for tests.'],
    checked: '2026-11-30',
    firstQuestion: 'where',
    questions: {
      where: {
        kind: 'country',
        text: 'Where does the child live?',
        next: [{ when: { question: 'where', equals: 'wales' }, goTo: { outcome: 'wales' } }, { goTo: { question: 'children' } }],
      },
      children: {
        kind: 'number',
        text: 'How many children live with you?',
        min: 1,
        max: 12,
        next: [{ when: { question: 'children', atLeast: 3 }, goTo: { outcome: 'large-family' } }, { goTo: { outcome: 'small-family' } }],
      },
    },
    outcomes: {
      wales: {
        title: 'Advice for Wales',
        summary: 'Welsh law applies.',
        blocks: [{ paragraphs: ['Ask your council for a needs assessment.'] }],
        sources: [{ title: 'Social Services and Well-being (Wales) Act 2014', url: 'https://www.legislation.gov.uk/anaw/2014/4' }],
      },
      'large-family': {
        title: 'Advice for a large family',
        summary: 'Three or more children.',
        blocks: [
          { paragraphs: ['Shown to every large family.'] },
          { when: { question: 'children', atLeast: 6 }, paragraphs: ['Only for six or more children.'] },
        ],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
      'small-family': {
        title: 'Advice for a small family',
        summary: 'One or two children.',
        blocks: [{ paragraphs: ['Shown to small families.'] }],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
    },
    ...overrides,
  };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
/** How Nunjucks writes text into the page. */
const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('guided advice: editors’ pages', () => {
  let t: TestContext;
  let flows: AdviceFlows;
  before(async () => {
    t = await testApp();
    flows = t.app.adviceFlows;
  });
  after(() => t.close());

  async function signedIn(roles: Role[]) {
    const user = await createUser(t.app, { roles });
    const client = new FormClient(t.app);
    const response = await signIn(client, user);
    assert.equal(response.statusCode, 303, 'signed in');
    return { user, client };
  }

  /** A published flow (version 1), put in place the way built-in flows are, so that nothing is audited yet. */
  async function publishedFixture(overrides: Partial<FlowDefinition> = {}) {
    const flow = fixtureFlow(overrides);
    assert.deepEqual(await flows.installBuiltIn([flow]), [flow.slug]);
    return flow;
  }

  async function auditFor(action: string, slug: string) {
    return t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('subject_id', '=', slug)
      .orderBy('id')
      .execute();
  }

  it('gives every flow editing route the editor and admin access rule', () => {
    const routes = t.app.registeredRoutes().filter((r) => r.url.startsWith('/admin/flows') && r.method !== 'HEAD');
    assert.ok(routes.length >= 7, `found ${routes.length} routes`);
    for (const route of routes) assert.deepEqual(route.access, ['editor', 'admin'], `${route.method} ${route.url}`);
  });

  it('lets editors and admins in, refuses members and practitioners, and sends visitors to sign in', async () => {
    const flow = await publishedFixture();
    const pages = [
      '/admin/flows',
      '/admin/flows/new',
      `/admin/flows/${flow.slug}`,
      `/admin/flows/${flow.slug}/preview`,
      `/admin/flows/${flow.slug}/stats`,
    ];
    for (const role of ['editor', 'admin'] as const) {
      const { client } = await signedIn([role]);
      for (const page of pages) assert.equal((await client.get(page)).statusCode, 200, `${role} on ${page}`);
      const list = await client.get('/admin/flows');
      assert.match(list.body, new RegExp(flow.title));
      assert.match(list.body, new RegExp(`href="/admin/flows/${flow.slug}/preview"`));
      assert.match(list.body, new RegExp(`href="/admin/flows/${flow.slug}/stats"`));
      assert.match(list.body, /href="\/admin\/flows\/new"/);
    }
    for (const role of ['member', 'practitioner'] as const) {
      const { client } = await signedIn([role]);
      for (const page of pages) assert.equal((await client.get(page)).statusCode, 403, `${role} on ${page}`);
      await client.get('/account');
      const save = await client.post(`/admin/flows/${flow.slug}`, { definition: json(flow) });
      assert.equal(save.statusCode, 403, `${role} saving`);
      assert.equal((await client.post(`/admin/flows/${flow.slug}/publish`)).statusCode, 403, `${role} publishing`);
    }
    for (const page of pages) {
      const response = await t.app.inject(page);
      assert.equal(response.statusCode, 303, page);
      assert.match(String(response.headers.location), /^\/sign-in/, page);
    }
    assert.equal((await flows.forEditing(flow.slug))?.draft, null, 'nobody refused changed anything');
  });

  it('shows where the JSON is broken, and keeps what was typed', async () => {
    const flow = await publishedFixture();
    const { client } = await signedIn(['editor']);
    const page = await client.get(`/admin/flows/${flow.slug}`);
    assert.match(page.body, /spellcheck="false"/);
    assert.ok(page.body.includes(escaped(json(flow))), 'the published flow, pretty-printed, is in the editor');

    const typed = `{\n  "slug": "${flow.slug}",\n  "title": "Half written <b>draft</b>",\n}`;
    const response = await client.post(`/admin/flows/${flow.slug}`, { definition: typed });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /The JSON is not valid at line 4, column 1: there is a comma before }/);
    assert.match(response.body, /href="#definition"/);
    assert.ok(response.body.includes(escaped(typed)), 'the typed text is back in the textarea');

    const missingComma = await client.post(`/admin/flows/${flow.slug}`, { definition: '{\n  "slug": "x"\n  "title": "y"\n}' });
    assert.match(missingComma.body, /line 3, column 3: expected a comma or }/);
    const empty = await client.post(`/admin/flows/${flow.slug}`, { definition: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the flow as JSON/);
    assert.equal((await flows.forEditing(flow.slug))?.draft, null);
  });

  it('shows every shape problem and every checker problem with its place, and stores nothing', async () => {
    const flow = await publishedFixture();
    const { client } = await signedIn(['editor']);
    await client.get(`/admin/flows/${flow.slug}`);

    const misshapen = JSON.parse(json(flow)) as Record<string, unknown> & FlowDefinition;
    (misshapen.questions.where as unknown as Record<string, unknown>).kind = 'dropdown';
    delete (misshapen.outcomes.wales as Partial<FlowDefinition['outcomes'][string]>).sources;
    const shape = await client.post(`/admin/flows/${flow.slug}`, { definition: json(misshapen) });
    assert.equal(shape.statusCode, 400);
    assert.match(shape.body, /Question &quot;where&quot;: &quot;kind&quot; must be one of/);
    assert.match(shape.body, /Outcome &quot;wales&quot;: The outcome needs &quot;sources&quot;/);

    const broken = fixtureFlow({ slug: flow.slug });
    broken.questions.children!.next = [{ when: { question: 'children', atLeast: 3 }, goTo: { outcome: 'large-family' } }];
    broken.outcomes['large-family']!.sources = [];
    broken.outcomes['large-family']!.blocks.push({ links: [{ text: 'Old law', url: 'http://www.legislation.gov.uk/ukpga/1989/41' }] });
    const typed = json(broken);
    const response = await client.post(`/admin/flows/${flow.slug}`, { definition: typed });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Question &quot;children&quot;: Dead end: some answers match no route/);
    assert.match(response.body, /Outcome &quot;small-family&quot;: Unreachable/);
    assert.match(response.body, /Outcome &quot;large-family&quot;: The outcome names no sources/);
    assert.match(response.body, /Outcome &quot;large-family&quot;: Block 3 links to http:\/\/www.legislation.gov.uk\/ukpga\/1989\/41/);
    assert.match(response.body, /There are 4 problems/);
    assert.ok(response.body.includes(escaped(typed)), 'the typed text is kept');

    const renamed = await client.post(`/admin/flows/${flow.slug}`, { definition: json({ ...flow, slug: 'another-name' }) });
    assert.equal(renamed.statusCode, 400);
    assert.match(renamed.body, /the slug is &quot;another-name&quot;, but this is the flow/);

    assert.equal((await flows.forEditing(flow.slug))?.draft, null, 'no draft was stored');
    assert.equal(await flows.forEditing('another-name'), null);
    assert.equal((await auditFor('advice-flow.draft-saved', flow.slug)).length, 0);
  });

  it('saves a draft, publishes it as version 2, and audits both', async () => {
    const flow = await publishedFixture();
    // A visitor's start page is cached now; publishing must replace it.
    const startPage = await t.app.inject(`/advice/guided/${flow.slug}`);
    assert.equal(startPage.statusCode, 200);
    assert.equal((await t.app.inject(`/advice/guided/${flow.slug}`)).headers.etag, startPage.headers.etag);
    const { user, client } = await signedIn(['editor']);
    await client.get(`/admin/flows/${flow.slug}`);
    const changed = { ...flow, title: 'A clearer title' };
    const saved = await client.post(`/admin/flows/${flow.slug}`, { definition: json(changed) });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, `/admin/flows/${flow.slug}`);
    const page = await client.get(`/admin/flows/${flow.slug}`);
    assert.match(page.body, /Draft saved/);
    assert.match(page.body, /A clearer title/);
    assert.match(page.body, /Publish version 2/);
    assert.equal((await flows.published(flow.slug))?.definition.title, flow.title, 'families still see version 1');

    const published = await client.post(`/admin/flows/${flow.slug}/publish`);
    assert.equal(published.statusCode, 303, published.body);
    const after = await client.get(`/admin/flows/${flow.slug}`);
    assert.match(after.body, /Version 2 published/);
    const live = await flows.published(flow.slug);
    assert.equal(live?.version, 2);
    const visitorSees = await t.app.inject(`/advice/guided/${flow.slug}`);
    assert.match(visitorSees.body, /A clearer title/, 'the cached start page was dropped on publish');
    assert.equal(live?.definition.title, 'A clearer title');
    assert.equal((await flows.version(flow.slug, 1))?.definition.title, flow.title, 'version 1 is kept');

    const [draftSaved] = await auditFor('advice-flow.draft-saved', flow.slug);
    assert.equal(draftSaved?.actor_label, user.email);
    const [publishedEntry] = await auditFor('advice-flow.published', flow.slug);
    assert.equal(publishedEntry?.actor_label, user.email);
    assert.deepEqual(publishedEntry?.details, { version: 2 });

    const nothingToPublish = await client.post(`/admin/flows/${flow.slug}/publish`);
    assert.equal(nothingToPublish.statusCode, 400);
    assert.match(nothingToPublish.body, /There are no changes to publish/);
    assert.equal((await flows.published(flow.slug))?.version, 2);
  });

  it('starts a new flow from the template', async () => {
    const { client } = await signedIn(['admin']);
    const page = await client.get('/admin/flows/new');
    assert.equal(page.statusCode, 200);
    const template = /<textarea[^>]*name="definition"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)?.[1];
    assert.ok(template, 'the page has the template');
    const definition = JSON.parse(
      template
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ) as FlowDefinition;
    const slug = `new-flow-${process.pid}`;
    const created = await client.post('/admin/flows/new', { definition: json({ ...definition, slug }) });
    assert.equal(created.statusCode, 303, created.body);
    assert.equal(created.headers.location, `/admin/flows/${slug}`);
    const stored = await flows.forEditing(slug);
    assert.equal(stored?.publishedVersion, null);
    assert.equal(stored?.draft?.slug, slug);
    const list = await client.get('/admin/flows');
    assert.match(list.body, new RegExp(`${slug}</td>\\s*<td class="govuk-table__cell">Not published`));

    await client.get('/admin/flows/new');
    const again = await client.post('/admin/flows/new', { definition: json({ ...definition, slug }) });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, new RegExp(`there is already a flow with the slug &quot;${slug}&quot;`));
    const reserved = await client.post('/admin/flows/new', { definition: json({ ...definition, slug: 'new' }) });
    assert.equal(reserved.statusCode, 400);
  });

  it('previews any path without counting or storing anything', async () => {
    const flow = await publishedFixture();
    const { client } = await signedIn(['editor']);
    const base = `/admin/flows/${flow.slug}/preview`;

    const first = await client.get(base);
    assert.match(first.body, /Where does the child live\?/);
    assert.match(first.body, /name="answers\[where\]"/);

    const notChosen = await client.get(`${base}?asked=where`);
    assert.equal(notChosen.statusCode, 400);
    assert.match(notChosen.body, /Select an answer/);

    const second = await client.get(`${base}?answers[where]=england`);
    assert.match(second.body, /How many children live with you\?/);
    assert.match(second.body, /name="answers\[where\]" value="england"/, 'earlier answers travel with the form');

    const large = await client.get(`${base}?${new URLSearchParams({ 'answers[where]': 'england', 'answers[children]': '4' })}`);
    assert.equal(large.statusCode, 200);
    assert.match(large.body, /Advice for a large family/);
    assert.match(large.body, /Shown to every large family\./);
    assert.doesNotMatch(large.body, /Only for six or more children/);
    assert.match(large.body, /1 block is hidden for these answers/);

    const larger = await client.get(`${base}?answers[where]=england&answers[children]=7`);
    assert.match(larger.body, /Only for six or more children/);

    const wales = await client.get(`${base}?answers[where]=wales&answers[children]=7`);
    assert.match(wales.body, /Advice for Wales/, 'answers off the path are ignored');

    const invalid = await client.get(`${base}?answers[where]=england&answers[children]=40`);
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Enter a number of 12 or less/);
    assert.match(invalid.body, /value="40"/, 'the wrong answer is shown again to correct');

    assert.deepEqual(await flows.counts(flow.slug), [], 'the preview counted nothing');
  });

  it('shows how many families reached, answered and left each question, per version', async () => {
    const flow = await publishedFixture();
    const { client } = await signedIn(['editor']);
    const empty = await client.get(`/admin/flows/${flow.slug}/stats`);
    assert.match(empty.body, /0 families started/);

    const service = flows;
    for (let i = 0; i < 5; i += 1) await service.count(flow.slug, 1, 'start', 'started');
    for (let i = 0; i < 5; i += 1) await service.count(flow.slug, 1, 'where', 'reached');
    for (let i = 0; i < 4; i += 1) await service.count(flow.slug, 1, 'where', 'answered');
    for (let i = 0; i < 3; i += 1) await service.count(flow.slug, 1, 'children', 'reached');
    await service.count(flow.slug, 1, 'children', 'answered');
    await service.count(flow.slug, 1, 'wales', 'finished');
    await service.count(flow.slug, 1, 'small-family', 'finished');

    const page = await client.get(`/admin/flows/${flow.slug}/stats`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /5 families started, and 2 reached an outcome/);
    assert.match(page.body, /<caption[^>]*>Questions in version 1<\/caption>/);
    const row = (label: string) => {
      const match = new RegExp(`${label}[\\s\\S]*?</th>([\\s\\S]*?)</tr>`).exec(page.body);
      return [...(match?.[1] ?? '').matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    };
    assert.deepEqual(row('Where does the child live\\?'), [5, 4, 1]);
    assert.deepEqual(row('How many children live with you\\?'), [3, 1, 2]);
    assert.deepEqual(row('Advice for Wales'), [1]);
    assert.deepEqual(row('Advice for a large family'), [0]);
  });

  it('escapes hostile text from a flow', async () => {
    const flow = await publishedFixture({ title: '<script>alert("flow")</script>' });
    const { client } = await signedIn(['editor']);
    for (const page of [
      '/admin/flows',
      `/admin/flows/${flow.slug}`,
      `/admin/flows/${flow.slug}/preview`,
      `/admin/flows/${flow.slug}/stats`,
    ]) {
      const response = await client.get(page);
      assert.equal(response.statusCode, 200, page);
      assert.doesNotMatch(response.body, /<script>alert/, page);
      assert.match(response.body, /&lt;script&gt;alert/, page);
    }
    const preview = await client.get(`/admin/flows/${flow.slug}/preview?answers[%3Cscript%3E]=%3Cimg%20src=x%3E`);
    assert.equal(preview.statusCode, 400);
    assert.doesNotMatch(preview.body, /<img src=x>|<script>/);
  });

  it('gives 404 for flows that do not exist', async () => {
    const { client } = await signedIn(['editor']);
    for (const page of [
      '/admin/flows/no-such-flow',
      '/admin/flows/no-such-flow/preview',
      '/admin/flows/no-such-flow/stats',
      '/admin/flows/Bad%20Slug',
    ]) {
      assert.equal((await client.get(page)).statusCode, 404, page);
    }
    await client.get('/admin/flows');
    assert.equal((await client.post('/admin/flows/no-such-flow', { definition: '{}' })).statusCode, 404);
    assert.equal((await client.post('/admin/flows/no-such-flow/publish')).statusCode, 404);
  });
});
