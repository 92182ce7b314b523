import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decideAccess, type AccessRule } from './access.js';
import { staticAssets } from './http/static-files.js';
import { isStaff } from './roles.js';
import { sideNavigationFor, type StaffNavigationSection } from './staff/navigation.js';
import { formatDate, formatDateTime } from './time.js';
import { URGENT_HELP, telHref } from './urgent-help.js';
import { dateInputItems, errorFor, errorSummaryList, type FormValues } from './validation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PLATFORM_VIEWS = path.join(here, 'views');
const GOVUK_VIEWS = path.resolve(here, '../../node_modules/govuk-frontend/dist');

export interface NavigationItem {
  text: string;
  href: string;
  access: AccessRule;
}

export interface Flash {
  kind: 'success' | 'important';
  heading: string;
  text?: string;
}

/**
 * `assetUrl` turns an asset's old path under /assets/ into its content-hashed URL (see http/static-files.ts). It is
 * asked only while rendering, so an environment that renders no layout needs no built assets.
 */
export function createViewEnvironment(moduleViewDirs: string[], assetUrl = (name: string) => staticAssets().url(name)) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([PLATFORM_VIEWS, ...moduleViewDirs, GOVUK_VIEWS]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('date', (value: Date | string | null) => (value ? formatDate(new Date(value)) : ''));
  env.addFilter('dateTime', (value: Date | string | null) => (value ? formatDateTime(new Date(value)) : ''));
  env.addGlobal('errorFor', errorFor);
  env.addGlobal('dateInputItems', dateInputItems);
  env.addGlobal('assetUrl', assetUrl);
  // Read by partials/urgent-help.njk, so that every module shows the one list.
  env.addGlobal('urgentHelpContacts', URGENT_HELP);
  env.addGlobal('telHref', telHref);
  env.addGlobal('errorSummaryList', errorSummaryList);
  env.addGlobal('navigationItems', (items: NavigationItem[], currentPath: string) =>
    items.map((item) => ({
      text: item.text,
      href: item.href,
      active: currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    })),
  );
  return env;
}

export interface PageOptions {
  /** The public service navigation; staff pages are linked from the workspace's side navigation instead. */
  navigation: NavigationItem[];
  staffNavigation: StaffNavigationSection[];
  /** The meta description of a page whose template sets no `pageDescription`. */
  defaultDescription: (template: string) => string;
  demo: boolean;
  staffIdleMinutes: number;
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders a page inside the layout with what every page needs (who is signed in, the CSRF token, messages). The
     * context may be a function, called only when the page is drawn: a kept rendering (`sharedAs`) then costs no read.
     */
    page(template: string, context?: PageContext, options?: PageRenderOptions): Promise<FastifyReply>;
    /**
     * After a change that worked: keeps a message for the next page in the session and redirects there with 303 See
     * Other, so that refreshing the next page never sends the form again (post, redirect, get).
     */
    flashAndRedirect(flash: Flash, url: string): FastifyReply;
  }
  interface FastifyRequest {
    /** Values to put back into a form: kept from before a timeout, or set by the route after a failed submit. */
    restoredValues: FormValues | null;
  }
}

export type PageContext = Record<string, unknown> | (() => Promise<Record<string, unknown>>);

export interface PageRenderOptions {
  /**
   * Names everything the context holds, for a page that many visitors see alike (a guided-advice question, say) or
   * that one signed-in person opens again and again (their account). With no message or restored form to show, the
   * rendering is then kept and reused with a fresh CSRF token: the page costs a string replacement instead of a
   * template run. A signed-in person's renderings are kept under who they are, so no one is ever sent another's. The
   * key must change whenever the context would, so a version number belongs in it.
   */
  sharedAs?: string;
  /**
   * Values the page must never repeat (a form's submission key, say), made anew for every response: a kept rendering
   * holds a stand-in for each, replaced as it is sent, as the CSRF token is.
   */
  fresh?: Record<string, () => string>;
}

/** Stands in for the CSRF token in a kept rendering; a visitor can never type it, as it holds a NUL. */
const CSRF_MARK = '\u0000csrf\u0000';
const SHARED_RENDERINGS_KEPT = 500;
// A long chronology's page is a few hundred kilobytes: the count alone would not bound the memory.
const SHARED_RENDERINGS_BYTES = 64 * 1024 * 1024;
// eslint-disable-next-line no-control-regex -- the stand-ins hold NUL on purpose: no one can type one.
const MARK = /\u0000(csrf|fresh:[^\u0000]*)\u0000/;

/**
 * A kept rendering, already encoded, cut where the CSRF token and the fresh values go (`holes[i]` lies between
 * `pieces[i]` and `pieces[i + 1]`). Sending bytes spares the encoding, and the measuring of a long string, that a
 * string would cost on every response: for a chronology page of 300 KB that was most of the work.
 */
interface KeptRendering {
  pieces: Buffer[];
  holes: string[];
  bytes: number;
}

function cut(html: string): KeptRendering {
  const parts = html.split(MARK);
  const pieces = parts.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text));
  return { pieces, holes: parts.filter((_, i) => i % 2 === 1), bytes: pieces.reduce((sum, piece) => sum + piece.length, 0) };
}
const freshMark = (name: string) => `\u0000fresh:${name}\u0000`;

export function setUpViews(app: FastifyInstance, env: nunjucks.Environment, options: PageOptions) {
  app.decorateRequest('restoredValues', null);
  const shared = new Map<string, KeptRendering>();
  let sharedBytes = 0;

  /** Keeps a rendering, forgetting the least recently used ones beyond the count or the bytes allowed. */
  function keep(key: string, rendering: KeptRendering) {
    if (rendering.bytes > SHARED_RENDERINGS_BYTES / 4) return;
    forget(key);
    while (shared.size > 0 && (shared.size >= SHARED_RENDERINGS_KEPT || sharedBytes + rendering.bytes > SHARED_RENDERINGS_BYTES)) {
      forget(shared.keys().next().value!);
    }
    shared.set(key, rendering);
    sharedBytes += rendering.bytes;
  }
  function forget(key: string) {
    const rendering = shared.get(key);
    if (rendering === undefined) return;
    shared.delete(key);
    sharedBytes -= rendering.bytes;
  }
  function kept(key: string): KeptRendering | undefined {
    const rendering = shared.get(key);
    if (rendering === undefined) return undefined;
    // Used again, so last to be forgotten.
    shared.delete(key);
    shared.set(key, rendering);
    return rendering;
  }

  /** A page whose rule names only staff roles (not 'public', 'signed-in' or member) belongs to the staff workspace. */
  function isStaffPage(request: FastifyRequest): boolean {
    const access = request.routeOptions.config?.access;
    return Array.isArray(access) && access.length > 0 && !access.includes('member');
  }

  function commonContext(request: FastifyRequest, reply: FastifyReply) {
    const principal = request.principal;
    let csrf: string | undefined;
    const csrfToken = () => (csrf ??= reply.generateCsrf());
    const staff = principal ? isStaff(principal.roles) : false;
    // A request turned away before the session loads (the server is overloaded, say) still gets a proper error page.
    const session = request.session as typeof request.session | null;
    const currentPath = request.url.split('?')[0]!;
    return {
      principal,
      currentPath,
      csrfToken,
      flash: session?.get<Flash>('flash') ? session.take<Flash>('flash') : undefined,
      navigation: options.navigation.filter((item) => decideAccess(principal, item.access) === 'allow'),
      staffMember: staff,
      sideNavigation:
        principal && staff && isStaffPage(request) ? sideNavigationFor(options.staffNavigation, principal, currentPath) : null,
      demo: options.demo,
      sessionTimeoutSeconds: staff ? options.staffIdleMinutes * 60 : undefined,
    };
  }

  app.decorateReply('flashAndRedirect', function flashAndRedirect(this: FastifyReply, flash: Flash, url: string) {
    this.request.session.set('flash', flash);
    return this.redirect(url, 303);
  });

  app.decorateReply(
    'page',
    async function page(this: FastifyReply, template: string, contextOrRead: PageContext = {}, render: PageRenderOptions = {}) {
      const contextOf = async () => (typeof contextOrRead === 'function' ? await contextOrRead() : contextOrRead);
      const base = { ...commonContext(this.request, this), defaultDescription: options.defaultDescription(template) };
      const restored = this.request.restoredValues;
      const fresh = render.fresh ?? {};
      this.type('text/html; charset=utf-8');
      if (render.sharedAs !== undefined && !base.flash && !restored) {
        const viewer = base.principal ? JSON.stringify(base.principal) : '';
        const key = `${template}\u0000${base.currentPath}\u0000${viewer}\u0000${render.sharedAs}`;
        let rendering = kept(key);
        if (rendering === undefined) {
          const context = await contextOf();
          const marks = Object.fromEntries(Object.keys(fresh).map((name) => [name, freshMark(name)]));
          rendering = cut(
            env.render(template, { ...base, ...context, ...marks, csrfToken: () => CSRF_MARK, values: context.values ?? {} }),
          );
          keep(key, rendering);
        }
        // Each fresh value made once for the response, and the token only for a page with a form, as a rendering would.
        const filled = new Map<string, Buffer>();
        const fill = (hole: string) => {
          let value = filled.get(hole);
          if (value === undefined) {
            value = Buffer.from(hole === 'csrf' ? base.csrfToken() : (fresh[hole.slice('fresh:'.length)]?.() ?? ''));
            filled.set(hole, value);
          }
          return value;
        };
        const { pieces, holes } = rendering;
        const bytes = Buffer.concat(pieces.flatMap((piece, i) => (i < holes.length ? [piece, fill(holes[i]!)] : [piece])));
        // Visitors' pages may go on to the page cache, which keeps text.
        return this.send(base.principal ? bytes : bytes.toString());
      }
      const context = await contextOf();
      const values = restored ? { ...(context.values as FormValues | undefined), ...restored } : context.values;
      const made = Object.fromEntries(Object.entries(fresh).map(([name, make]) => [name, make()]));
      return this.send(env.render(template, { ...base, ...context, ...made, values: values ?? {} }));
    },
  );
}
