import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../../src/platform/access.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { newSessionToken } from '../support/app.js';
import { OWNERS, REQUESTERS, type AccessWorld, type Ownership, type Requester } from './access-world.js';

/**
 * The matrix runs in four parts, each a test file of its own with its own world, so that the test runner can spread
 * them over its processes. A route's part follows from its method and address alone, so it never moves.
 */
export const PARTS = ['pages', 'records', 'forms', 'practice-forms'] as const;
export type Part = (typeof PARTS)[number];

export function partOf(route: Pick<RegisteredRoute, 'method' | 'url'>): Part {
  if (route.method === 'GET') return ownershipsOf(route.url)[0] === '-' ? 'pages' : 'records';
  return /^\/(api\/v1\/)?practice\//.test(route.url) ? 'practice-forms' : 'forms';
}

/** The checked-in answers of one part: the spec the test compares every request with. */
export const expectedFile = (part: Part) => path.join(import.meta.dirname, `access-matrix-${part}.expected.txt`);

/**
 * What a response means for access:
 * - ok: let in (2xx, or a redirect other than to sign in or to break the glass);
 * - invalid: let in, then the request's input refused (400, 409, 422): the access decision came first;
 * - sign-in: sent to sign in (a redirect to /sign-in, or 401 from the API);
 * - forbidden: 403;
 * - glass: asked to break the glass first (a redirect to the child's break-glass page, or the API's 403 saying so);
 * - not-found: 404, which is also how another organisation's child is answered;
 * - throttled: 429; csrf: 403 "form expired" (a fault of the test, never expected); error: 5xx, never allowed.
 */
export type Outcome = 'ok' | 'invalid' | 'sign-in' | 'forbidden' | 'glass' | 'not-found' | 'throttled' | 'csrf' | 'error' | 'other';

export function outcomeOf(response: LightMyRequestResponse): Outcome {
  const status = response.statusCode;
  if (status >= 500) return 'error';
  if (status === 429) return 'throttled';
  if (status === 401) return 'sign-in';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 409 || status === 422) return 'invalid';
  if (status === 403) {
    if (/This form has expired/.test(response.body)) return 'csrf';
    if (/break-glass-needed/.test(response.body)) return 'glass';
    return 'forbidden';
  }
  if (status >= 300 && status < 400) {
    const location = String(response.headers.location ?? '');
    if (location.startsWith('/sign-in')) return 'sign-in';
    if (location.endsWith('/break-glass')) return 'glass';
    return 'ok';
  }
  if (status >= 200 && status < 300) return 'ok';
  return 'other';
}

/** The routes the matrix covers: every registered one, HEAD aside (Fastify adds it beside each GET). */
export function matrixRoutes(routes: RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((route) => route.method !== 'HEAD');
}

const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);

type Owned = 'practice' | 'token' | 'person' | 'organisation' | 'post' | 'pledge';

/** Which kind of owned record a route's ids name, if any. */
function ownedKind(url: string): Owned | undefined {
  if (/^\/(api\/v1\/)?practice\/(children|families)\/:id/.test(url)) return 'practice';
  if (url.startsWith('/account/tokens/:id')) return 'token';
  if (/^\/admin\/(people|users)\/:id/.test(url) || url.includes(':userId')) return 'person';
  if (url.startsWith('/admin/organisations/:id')) return 'organisation';
  if (/^\/(boards\/:slug\/t\/:id|api\/v1\/boards\/:slug\/threads\/:id|(api\/v1\/boards\/)?moderation\/(posts|threads)\/:id)/.test(url))
    return 'post';
  if (/^\/support\/pledges\/:(reference|id)/.test(url)) return 'pledge';
  return undefined;
}

/** The record columns a route has: one per ownership for owned records, `any` for other ids, `-` for none. */
export function ownershipsOf(url: string): Ownership[] {
  const kind = ownedKind(url);
  if (kind === 'post' || kind === 'pledge') return ['own', 'other'];
  if (kind) return ['own', 'other', 'other-org'];
  return paramsOf(url).length > 0 || url.includes('*') ? ['any'] : ['-'];
}

/**
 * The concrete address for a route and a column, with real ids from the world; ids the world has no rule for are
 * looked for in the links of the pages already fetched (`links`). Undefined when neither finds one.
 */
export function addressFor(url: string, ownership: Ownership, world: AccessWorld, links: readonly string[]): string | undefined {
  const owner = ownership === 'any' || ownership === '-' ? 'own' : ownership;
  const practice = world.practice[owner];
  const post = world.posts[owner === 'other-org' ? 'other' : owner];
  const pledge = world.pledges[owner === 'other-org' ? 'other' : owner];
  const kind = ownedKind(url);
  const value = (param: string): string | undefined => {
    if (kind === 'practice') {
      if (param === 'id') return url.includes('/families/') ? practice.family : practice.child;
      if (param === 'eventId') return practice.event;
      if (param === 'assessmentId') return practice.assessment;
      if (param === 'planId') return practice.plan;
      if (param === 'item') return url.includes('/decisions/') ? practice.decision : practice.challenge;
    }
    if (kind === 'token') return world.tokens[owner];
    if (kind === 'person') return world.people[owner];
    if (kind === 'organisation') return world.organisations[owner];
    if (kind === 'post') {
      if (param === 'slug') return post.slug;
      if (param === 'postId' || url.includes('/posts/:id')) return post.post;
      if (param === 'id') return post.thread;
    }
    if (kind === 'pledge') return param === 'reference' ? pledge.reference : pledge.id;
    if (param === 'number') return '1';
    if (param === 'token') return 'not-a-real-token';
    if (param === 'date') return '2026-12-25';
    if (/^\/(admin\/content|api\/v1\/content)\/:id/.test(url)) return world.any.content;
    if (url.startsWith('/admin/content/uploads/:id')) return world.any.upload;
    if (url.startsWith('/admin/outbox/:id')) return world.any.mail;
    if (/^\/(admin\/flows|advice\/guided|api\/v1\/flows)\/:slug/.test(url) && param === 'slug') return world.any.flow;
    if (/boards\/:slug|boards\/join\/:slug|admin\/boards\/:slug/.test(url) && param === 'slug') return world.any.board;
    if (url.includes('/reports/:id')) return world.any.report;
    if (url.includes('/join-requests/:id')) return world.any.joinRequest;
    if (/^\/advisers\/(queue|callbacks)\/:id/.test(url)) return world.any.callback;
    if (url.startsWith('/admin/newsletter/:id')) return world.any.issue;
    if (url.startsWith('/admin/events/:id')) return world.any.event;
    if (url.startsWith('/events/:slug')) return world.any.eventSlug;
    // The demo has no pages and no uploads: these answer as a missing one does.
    if (url === '/pages/:slug' || url === '/uploads/:file') return 'none';
    return undefined;
  };
  let missing = false;
  const filled = url
    .replace(/:([A-Za-z]+)/g, (_, param: string) => {
      const v = value(param);
      if (v === undefined) missing = true;
      return v === undefined ? `:${param}` : encodeURIComponent(v);
    })
    .replace('*', () => {
      missing = true;
      return '*';
    });
  if (!missing) return filled;
  // Public slugs (an advice sheet, an event, a feed file): the first link on the site that fits the pattern.
  const pattern = new RegExp(
    `^${filled
      .split(/(:[A-Za-z]+|\*)/)
      .map((part) => (part === '*' ? '[^?#"]+' : part.startsWith(':') ? '[^/?#"]+' : part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')))
      .join('')}$`,
  );
  return links.find((link) => pattern.test(link));
}

/** Every same-site link and asset address in a page, without query or fragment. */
export function linksIn(body: string): string[] {
  return [...body.matchAll(/(?:href|src)="(\/[^"#?]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

export interface Cell {
  method: string;
  url: string;
  ownership: Ownership;
  answers: Record<Requester, Outcome>;
}

const key = (method: string, url: string, ownership: string) => `${method} ${url} ${ownership}`;

/** The expected table as a readable, aligned text file: one line per route and record, one column per requester. */
export function formatTable(part: Part, cells: Cell[]): string {
  const widths = {
    method: Math.max(...cells.map((c) => c.method.length)),
    url: Math.max(...cells.map((c) => c.url.length)),
    ownership: 9,
  };
  const cellWidth = 10;
  const header = [
    `# The access matrix, part "${part}": every route, every requester, every kind of record.`,
    `# tests/security/access-matrix-${part}.test.ts makes each request in a seeded world (access-world.ts beside it) and`,
    '# compares what happens with this table. Regenerate with UPDATE_ACCESS_MATRIX=1 node scripts/run-tests.mjs',
    '# tests/security/access-matrix, then read the difference line by line before committing it: this table is the',
    '# specification. See docs/security.md.',
    '#',
    '# Answers: ok (let in), invalid (let in, then the empty form refused), sign-in, forbidden (403), glass (asked to',
    '# break the glass), not-found (404; another organisation’s child is answered as a missing one).',
    '# Records: - (no id in the path), any (ids of records nobody owns), own / other / other-org:',
    ...Object.entries(OWNERS).map(([kind, owners]) => `#   ${kind}: ${owners}`),
    '#   outsider: a practitioner of another council (not in the demo).',
    '',
    [
      'METHOD'.padEnd(widths.method),
      'ROUTE'.padEnd(widths.url),
      'RECORD'.padEnd(widths.ownership),
      ...REQUESTERS.map((r) => r.padEnd(cellWidth)),
    ]
      .join(' ')
      .trimEnd(),
  ];
  const lines = cells.map((c) =>
    [
      c.method.padEnd(widths.method),
      c.url.padEnd(widths.url),
      c.ownership.padEnd(widths.ownership),
      ...REQUESTERS.map((r) => c.answers[r].padEnd(cellWidth)),
    ]
      .join(' ')
      .trimEnd(),
  );
  return [...header, ...lines, ''].join('\n');
}

export function parseTable(text: string): Map<string, Record<Requester, Outcome>> {
  const rows = new Map<string, Record<Requester, Outcome>>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('METHOD')) continue;
    const [method, url, ownership, ...answers] = line.trim().split(/\s+/);
    rows.set(
      key(method!, url!, ownership!),
      Object.fromEntries(REQUESTERS.map((r, i) => [r, answers[i] as Outcome])) as Record<Requester, Outcome>,
    );
  }
  return rows;
}

export function readExpected(part: Part): Map<string, Record<Requester, Outcome>> {
  const file = expectedFile(part);
  return fs.existsSync(file) ? parseTable(fs.readFileSync(file, 'utf8')) : new Map();
}

export { key as cellKey };

/**
 * Knocks on the app as one requester: a session cookie for pages, a bearer token for the API, a CSRF token for forms,
 * and a new address for every request so that no rate limit or sign-in throttle answers instead of the access check.
 */
export class Knocker {
  private session: string | undefined;
  private csrfCookie = '';
  private csrfToken = '';
  private static address = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly user: { id: string; apiToken: string } | undefined,
  ) {}

  async start() {
    if (this.user) this.session = await newSessionToken(this.app, this.user);
    const page = await this.app.inject({ method: 'GET', url: '/newsletter', headers: { cookie: this.cookie() } });
    const cookie = page.cookies.find((c) => c.name === 'hearth_csrf');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!cookie || !token) throw new Error('No CSRF token on /newsletter');
    this.csrfCookie = cookie.value;
    this.csrfToken = token[1]!;
  }

  private cookie() {
    return [this.session ? `${SESSION_COOKIE}=${this.session}` : '', this.csrfCookie ? `hearth_csrf=${this.csrfCookie}` : '']
      .filter(Boolean)
      .join('; ');
  }

  private nextAddress() {
    Knocker.address += 1;
    const n = Knocker.address;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  async knock(method: string, url: string): Promise<LightMyRequestResponse> {
    const api = url.startsWith('/api/');
    const headers: Record<string, string> = {};
    if (api) {
      if (this.user) headers.authorization = `Bearer ${this.user.apiToken}`;
    } else {
      // A state-changing form may end the session (signing out, deleting the account): each gets a new one.
      if (method !== 'GET' && this.user) this.session = await newSessionToken(this.app, this.user);
      headers.cookie = this.cookie();
    }
    let payload: string | undefined;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      if (api) {
        headers['content-type'] = 'application/json';
        payload = '{}';
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = `_csrf=${encodeURIComponent(this.csrfToken)}`;
      }
    } else if (method === 'DELETE' && !api) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    return this.app.inject({
      method: method as 'GET',
      url,
      headers,
      payload,
      remoteAddress: this.nextAddress(),
    });
  }
}
