import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { HttpError } from './errors.js';
import type { Role } from './roles.js';

/**
 * Who may use a route. Every route declares one in `config.access`; a route without one is refused to everyone.
 * - 'public': anyone, signed in or not;
 * - 'signed-in': any signed-in person;
 * - a list of roles: a signed-in person holding at least one of them.
 * Decisions about particular records (a child's case, a member's post) are the module's own: its service checks the
 * record's owner and team after this rule has let the person in.
 */
export type AccessRule = 'public' | 'signed-in' | readonly Role[];

export interface Principal {
  id: string;
  email: string;
  roles: readonly Role[];
  organisationId: string | null;
  teamId: string | null;
}

export type AccessDecision = 'allow' | 'sign-in' | 'forbidden';

export function decideAccess(principal: Principal | null, rule: AccessRule | undefined): AccessDecision {
  if (rule === undefined) return 'forbidden';
  if (rule === 'public') return 'allow';
  if (!principal) return 'sign-in';
  if (rule === 'signed-in') return 'allow';
  return rule.some((role) => principal.roles.includes(role)) ? 'allow' : 'forbidden';
}

/**
 * The signed-in person in a route whose rule already requires one: it only narrows the type, and refuses if a route
 * was ever given the wrong rule.
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'Sign in', 'Sign in to do this.', 'unauthorized');
  return request.principal;
}

export function hasRole(principal: Pick<Principal, 'roles'> | null, ...roles: Role[]): boolean {
  return !!principal && roles.some((role) => principal.roles.includes(role));
}

/**
 * The access rules that recur, by name, so that a route says who it is for ("editors") and the list of roles behind
 * that name lives in one place. Administrators can do what each staff role can, except take calls on the advice line
 * (advisers alone) and manage its closures (managers, and administrators).
 */
export const RULES = {
  anyone: { access: 'public' },
  signedIn: { access: 'signed-in' },
  members: { access: ['member'] },
  admins: { access: ['admin'] },
  editors: { access: ['editor', 'admin'] },
  moderators: { access: ['moderator', 'admin'] },
  advisers: { access: ['adviser'] },
  lineManagers: { access: ['manager', 'admin'] },
} as const satisfies Record<string, { access: AccessRule }>;

/** Keeps the boards safe: moderators, and administrators. Every board is open to them, whatever its rules say. */
export function canModerate(principal: Pick<Principal, 'roles'> | null): boolean {
  return hasRole(principal, 'moderator', 'admin');
}

/** Writes and publishes content, flows and newsletters: editors, and administrators. */
export function canEdit(principal: Pick<Principal, 'roles'> | null): boolean {
  return hasRole(principal, 'editor', 'admin');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule | undefined;
}

/**
 * Records every route as it is registered. Plugins that register their own routes (static files) set their rule from
 * a scoped onRoute hook that runs after this one, so the check waits until the app is ready, when all rules are set.
 */
export function trackRouteAccess(app: FastifyInstance): () => RegisteredRoute[] {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  const list = () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({ method: String(method), url: route.url, access: route.config?.access })),
    );
  app.addHook('onReady', async () => {
    const missing = list().filter((route) => route.access === undefined);
    if (missing.length > 0) {
      throw new Error(`These routes declare no access rule: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  return list;
}
