import assert from 'node:assert/strict';
import { after, before, type TestContext } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, default as AxeCore } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { linkIn, mailTo, newSessionToken, testConfig, type TestUser } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { freePort } from '../support/free-port.js';

/**
 * The base of every browser test: a real Hearth listening on a port, Debian's Chromium, and a page object whose
 * checks (axe, reflow at 320 px, the strict CSP) run on every page a test lands on, so that no test forgets them.
 */

export const DESKTOP = { width: 1280, height: 900 } as const;
/** WCAG 2.2 reflow (1.4.10): content must fit 320 CSS pixels without scrolling sideways. */
export const NARROW = { width: 320, height: 640 } as const;

export interface TestServer {
  app: FastifyInstance;
  /** Where the server listens, and the BASE_URL it puts in emails, so that emailed links open in the browser. */
  baseUrl: string;
  close(): Promise<void>;
}

/** One server and one database for a test file. The jobs worker does not run: mail is read from the outbox table. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await testDatabase();
  // BASE_URL must be known when the app is built, so the port is chosen first. Another process could take it in
  // between, so try again with a new one if that happens.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const app = await buildApp(testConfig({ BASE_URL: baseUrl, ...env }), { database, startWorker: false });
    try {
      await app.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      await database.close();
      throw error;
    }
    return {
      app,
      baseUrl,
      async close() {
        await app.close();
        await database.close();
      },
    };
  }
}

/** Debian's Chromium, never a downloaded one. No bypassCSP anywhere: the app's strict policy is under test too. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Pages opened with JavaScript turned off. */
const scriptless = new WeakSet<Page>();

/** What went wrong in the browser while a page was open: script errors, CSP refusals, and assets that failed. */
const problemsOf = new WeakMap<Page, string[]>();

/**
 * A fresh visitor: a new context (so no cookies from another test) at desktop size, with its problems recorded for
 * `checkPage`. Close it with `page.context().close()`.
 */
export async function newPage(browser: Browser, server: TestServer, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { ...DESKTOP }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  if (options.javaScriptEnabled === false) scriptless.add(page);
  const problems: string[] = [];
  problemsOf.set(page, problems);
  page.on('pageerror', (error) => problems.push(`Script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`${request.resourceType()} ${response.url()} answered ${response.status()}`);
    }
  });
  return page;
}

/** Opens a path, checks the status, then checks the page. */
export async function visit(page: Page, path: string, expectedStatus = 200): Promise<Response> {
  const response = await page.goto(path);
  assert.ok(response, `No response for ${path}`);
  assert.equal(response.status(), expectedStatus, `${path} answered ${response.status()}, expected ${expectedStatus}`);
  await checkPage(page);
  return response;
}

/**
 * Clicks a button (or a link) that leads to a new page, and waits until that page has loaded. Pages that re-render a
 * form at the same address (a failed submit) have no new URL to wait for, so this waits for the next document.
 */
export async function press(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button'): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole(role, { name, exact: typeof name === 'string' }).click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Every page a test lands on: no axe violations at desktop size and at 320 px, no sideways scroll, no browser errors. */
export async function checkPage(page: Page): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  // A page without JavaScript is checked on one scripted copy of its DOM, at both sizes, as the page itself is.
  const checked = scriptless.has(page) ? await scriptedCopyOf(page) : page;
  await expectNoAxeViolations(checked, page.url(), `${original.width}×${original.height}`);
  await page.setViewportSize(NARROW);
  if (checked !== page) await checked.setViewportSize(NARROW);
  try {
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(checked, page.url(), `${NARROW.width}×${NARROW.height}`);
  } finally {
    await page.setViewportSize(original);
  }
  expectNoBrowserProblems(page);
}

async function expectNoAxeViolations(page: Page, url: string, size: string): Promise<void> {
  const { violations } = await axe(page);
  if (violations.length === 0) return;
  const report = violations
    .map((violation) => {
      const targets = violation.nodes.map(
        (node) => `    on ${node.target.join(' ')}\n       ${node.failureSummary?.replace(/\n/g, '\n       ') ?? ''}`,
      );
      return `  - ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n    ${violation.helpUrl}\n${targets.join('\n')}`;
    })
    .join('\n');
  assert.fail(`axe found ${violations.length} kind(s) of violation on ${url} at ${size}:\n${report}`);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every axe rule that runs by default (WCAG 2.0 to 2.2 A and AA, and best practice), run in the page itself. axe is
 * put into a document once and serves both sizes, and only violations are gathered in full: together about three
 * times faster than `@axe-core/playwright`, with the same violations, since Hearth has no iframes.
 */
async function axe(page: Page): Promise<AxeResults> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(AXE_SOURCE);
  return page.evaluate(() => (window as unknown as { axe: typeof AxeCore }).axe.run(document, { resultTypes: ['violations'] }));
}

/**
 * axe needs timers, which never fire in a page with JavaScript turned off. So the page as it stands is copied into a
 * page that can run axe but loads no script of Hearth's own: the DOM is exactly the one a visitor without JavaScript
 * has, with the same stylesheet. One copying page per browser, because a new context costs a second each time.
 */
const copiers = new WeakMap<Browser, Promise<{ page: Page; html: string }>>();

function copierFor(browser: Browser) {
  let copier = copiers.get(browser);
  if (!copier) {
    copier = (async () => {
      const page = await (await browser.newContext()).newPage();
      const state = { page, html: '' };
      await page.route('**/*', (route) => {
        const request = route.request();
        if (request.resourceType() === 'script') return route.abort();
        if (request.isNavigationRequest()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: state.html });
        return route.continue();
      });
      return state;
    })();
    copiers.set(browser, copier);
  }
  return copier;
}

async function scriptedCopyOf(page: Page): Promise<Page> {
  const browser = page.context().browser();
  assert.ok(browser, 'the page belongs to a launched browser');
  const copier = await copierFor(browser);
  copier.html = await page.content();
  await copier.page.setViewportSize(page.viewportSize() ?? DESKTOP);
  await copier.page.goto(page.url());
  return copier.page;
}

/**
 * The root scroller must not scroll sideways. `clientWidth` is the viewport less any vertical scroll bar, so this is a
 * little stricter than comparing with `innerWidth`: content hidden under the scroll bar counts as overflow too.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width) return { scrollWidth: root.scrollWidth, width, culprits: [] };
    // To make a failure quick to fix, name the elements to blame: the outermost ones whose box sticks out past the
    // right edge, and the innermost ones whose content (a long word, say) spills out of their box. (No named helper
    // functions in here: tsx would wrap them in a `__name` call that does not exist in the page.)
    const all = [...document.body.querySelectorAll('*')];
    const outside = new Set(all.filter((element) => element.getBoundingClientRect().right > width + 0.5));
    const outermost = [...outside].filter((element) => !(element.parentElement && outside.has(element.parentElement)));
    const spilling = all.filter(
      (element) =>
        element.scrollWidth > element.clientWidth + 1 &&
        element.getBoundingClientRect().left + element.scrollWidth > width + 0.5 &&
        getComputedStyle(element).overflowX === 'visible',
    );
    const innermost = spilling.filter((element) => !spilling.some((other) => other !== element && element.contains(other)));
    const culprits = [...new Set([...outermost, ...innermost])].slice(0, 8).map((element) => {
      const name =
        element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') + [...element.classList].map((c) => `.${c}`).join('');
      return `${name} (right edge ${Math.round(element.getBoundingClientRect().right)} px, scroll width ${element.scrollWidth} px)`;
    });
    return { scrollWidth: root.scrollWidth, width, culprits };
  });
  assert.ok(
    layout.scrollWidth <= layout.width,
    `${page.url()} scrolls sideways at ${layout.width} px: it is ${layout.scrollWidth} px wide. To blame:\n  ${layout.culprits.join('\n  ')}`,
  );
}

export function expectNoBrowserProblems(page: Page): void {
  const problems = problemsOf.get(page) ?? [];
  const found = problems.splice(0);
  assert.deepEqual(found, [], `The browser reported problems on ${page.url()}:\n  ${found.join('\n  ')}`);
}

/** The <h1> of the page, to check where a flow has landed. */
export async function heading(page: Page): Promise<string> {
  return ((await page.locator('h1').first().textContent()) ?? '').trim();
}

/** The newest email Hearth wrote to an address (tests run without SMTP, so it stays in the outbox table). */
export async function latestEmailTo(server: TestServer, to: string) {
  const [latest] = await mailTo(server.app, to);
  assert.ok(latest, `No email was sent to ${to}`);
  return latest;
}

/** The link to `path` in the newest email to an address, as the full URL the person would open. */
export async function linkInLatestEmail(server: TestServer, to: string, path: string): Promise<string> {
  const { text_body: text } = await latestEmailTo(server, to);
  const url = `${server.baseUrl}${linkIn(text, path)}`;
  assert.ok(text.includes(url), `The emailed link should point at this server (${server.baseUrl}):\n${text}`);
  return url;
}

/**
 * Signs in through the pages, answering the two-factor step when there is one, and checks every page on the way.
 * A code works once per 30-second step for a person, so `totpAt` lets a second sign-in use the next step's code.
 */
export async function signIn(page: Page, user: Pick<TestUser, 'email' | 'password' | 'totpSecret'>, totpAt = Date.now()) {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await press(page, 'Sign in');
  if (new URL(page.url()).pathname === '/sign-in/two-factor') {
    assert.ok(user.totpSecret, `${user.email} was asked for a security code but has no authenticator set up`);
    await checkPage(page);
    await page.getByLabel('Security code').fill(currentTotpCode(user.totpSecret, totpAt));
    await press(page, 'Continue');
  }
  await checkPage(page);
}

/**
 * Starts a journey already signed in, with a session made directly in the store: the sign-in pages themselves are
 * walked, with axe, in accounts.test.ts and staff-workspace.test.ts.
 */
export async function startSignedIn(page: Page, server: TestServer, user: Pick<TestUser, 'id'>) {
  const value = await newSessionToken(server.app, user);
  await page.context().addCookies([{ name: SESSION_COOKIE, value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/** Whether the header shows someone signed in. */
export async function signedIn(page: Page): Promise<boolean> {
  return page
    .locator('.hearth-header__account')
    .getByRole('link', { name: /^Your account/ })
    .isVisible();
}

export interface BrowserSession {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh visitor (a new browser context) for one test, closed when that test ends. */
  visitor(t: TestContext, options?: BrowserContextOptions): Promise<Page>;
}

/** One Hearth and one Chromium for a test file: started before its tests, closed after them. */
export function browserSession(env: Record<string, string> = {}): BrowserSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    // Both are kept even when the other fails (Chromium missing, say), so that `after` closes what did start and the
    // file fails at once instead of hanging on a server left listening.
    const [started, launched] = await Promise.allSettled([startServer(env), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const result of [started, launched]) if (result.status === 'rejected') throw result.reason;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      assert.ok(server, 'the server starts before the tests');
      return server;
    },
    get browser() {
      assert.ok(browser, 'the browser starts before the tests');
      return browser;
    },
    async visitor(t, options = {}) {
      const page = await newPage(this.browser, this.server, options);
      t.after(() => page.context().close());
      return page;
    },
  };
}
