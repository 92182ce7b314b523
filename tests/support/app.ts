import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { currentTotpCode, newTotpSecret } from '../../src/platform/auth/totp.js';
import { randomToken, seal } from '../../src/platform/crypto.js';
import type { DatabaseHandle } from '../../src/platform/db/database.js';
import type { Principal } from '../../src/platform/access.js';
import type { Role } from '../../src/platform/roles.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import type { HearthModule } from '../../src/platform/modules.js';
import { testDatabase } from './database.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hearth-0123456789';

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Load shedding is off in tests: PGlite works on the main thread, and a busy CI machine must not turn into 503s.
  return loadConfig({
    NODE_ENV: 'test',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    HEARTH_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    HEARTH_DEMO: 'false',
    BASE_URL: 'http://hearth.test',
    ...overrides,
  });
}

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * One app and one database for a test file. The worker does not run by itself: call `app.worker.drain()`.
 * `embedded`: always on PGlite, for tests of what only the embedded database does (reads kept until a table changes).
 */
export async function testApp(
  env: Record<string, string> = {},
  options: { modules?: readonly HearthModule[]; embedded?: boolean } = {},
): Promise<TestContext> {
  const database = await testDatabase({ embedded: options.embedded });
  // A test's own list of modules (the module template, say) may have tables the run's template database lacks, from a
  // migration dated before those of modules written since.
  if (options.modules) await migrateToLatest(database.db, options.modules, { allowUnordered: true });
  const app = await buildApp(testConfig(env), { database, startWorker: false, modules: options.modules });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

/** Someone looking at a staff queue that counts the same work for everyone, whoever they are. */
export const ANY_VIEWER: Principal = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'viewer@example.org',
  roles: ['admin'],
  organisationId: null,
  teamId: null,
};

let counter = 0;
/** A unique, plainly fictional address for each user a test makes. */
export function uniqueEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}@example.org`;
}

// Hashing is deliberately slow, and tests make hundreds of people: they share one password, hashed once per file.
const TEST_PASSWORD = `correct horse ${randomToken(6)}`;
let testPasswordHash: Promise<string> | undefined;

export async function createUser(
  app: FastifyInstance,
  options: {
    roles?: Role[];
    status?: 'active' | 'pending' | 'disabled' | 'invited';
    twoFactor?: boolean;
    email?: string;
    organisationId?: string;
    teamId?: string;
  } = {},
): Promise<TestUser> {
  const roles = options.roles ?? ['member'];
  const staff = roles.some((r) => r !== 'member');
  const twoFactor = options.twoFactor ?? staff;
  const email = options.email ?? uniqueEmail(roles[0]);
  const password = TEST_PASSWORD;
  const totpSecret = twoFactor ? newTotpSecret() : null;
  const db = app.services.db;
  const user = await db
    .insertInto('users')
    .values({
      email,
      display_name: 'Test Person',
      password_hash: await (testPasswordHash ??= hashPassword(TEST_PASSWORD)),
      status: options.status ?? 'active',
      email_confirmed_at: new Date(),
      totp_secret: totpSecret ? seal(app.config.secret, totpSecret) : null,
      totp_enabled_at: totpSecret ? new Date() : null,
      organisation_id: options.organisationId ?? null,
      team_id: options.teamId ?? null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length > 0)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: user.id, role })))
      .execute();
  return { id: user.id, email, password, totpSecret };
}

type Fields = Record<string, string | string[]>;

function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
  return params.toString();
}

/**
 * Drives the app through `inject` the way a browser without JavaScript would: it keeps cookies, and puts the CSRF
 * token from the last page it read into every form it posts.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1];
    return response;
  }

  /** Carries a cookie from now on, as a browser would after a response set it. */
  useCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  async post(url: string, fields: Fields = {}, options: { csrf?: boolean } = {}) {
    const body = options.csrf === false ? fields : { _csrf: this.csrf ?? '', ...fields };
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm(body),
      }),
    );
  }

  /** Opens the page first (for its CSRF token), then sends the form. */
  async submit(url: string, fields: Fields, action = url) {
    await this.get(url);
    return this.post(action, fields);
  }
}

/** Signs in through the real pages, answering the two-factor step when there is one. */
export async function signIn(client: FormClient, user: TestUser): Promise<LightMyRequestResponse> {
  const first = await client.submit('/sign-in', { email: user.email, password: user.password });
  if (first.headers.location !== '/sign-in/two-factor') return first;
  await client.get('/sign-in/two-factor');
  const code = currentTotpCode(user.totpSecret!);
  const second = await client.post('/sign-in/two-factor', { code });
  if (second.statusCode !== 400) return second;
  // The code for this 30 seconds was used by an earlier sign-in of the same person; the next one is accepted too.
  return client.post('/sign-in/two-factor', { code: currentTotpCode(user.totpSecret!, Date.now() + 30_000) });
}

/**
 * Signs a person in by putting their session straight into the store: no password hash to check and no two-factor
 * step, which together cost about half a second a person. For tests of what signed-in people do; the tests of signing
 * in itself go through the pages with `signIn`.
 */
export async function signInDirectly(client: FormClient, user: Pick<TestUser, 'id'>): Promise<void> {
  client.useCookie(SESSION_COOKIE, await newSessionToken(client.app, user));
}

/** The cookie value of a new session for a person, as signing in would make it. */
export async function newSessionToken(app: FastifyInstance, user: Pick<TestUser, 'id'>): Promise<string> {
  const { accounts, sessions } = app.services;
  return sessions.create({}, user.id, await accounts.rolesOf(user.id));
}

/** The messages Hearth has written for an address, newest first (the outbox, since tests run without SMTP). */
export async function mailTo(app: FastifyInstance, to: string) {
  return app.services.db.selectFrom('mail_messages').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').execute();
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, (c) => `\\${c}`)}[^\\s]*`).exec(text);
  if (!match) throw new Error(`No link to ${path} in: ${text}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}
