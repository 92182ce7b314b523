import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Principal } from './access.js';
import { randomToken, sha256 } from './crypto.js';
import type { Db } from './db/database.js';
import type { WriteWatch } from './db/write-watch.js';
import { isRole, isStaff, type Role } from './roles.js';

export const SESSION_COOKIE = 'hearth_session';
const TOUCH_EVERY_MS = 60_000;
const ANONYMOUS_LIFETIME_MS = 24 * 60 * 60 * 1000;
const STAFF_LIFETIME_MS = 12 * 60 * 60 * 1000;
const MEMBER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

type SessionData = Record<string, unknown>;

/**
 * A session lives in the database, so that any instance can serve any request. Nobody gets one just by reading:
 * the cookie is only set once something is stored (signing in, a flash message, a guided-advice answer).
 */
export class Session {
  dirty = false;
  constructor(
    public idHash: string | null,
    public data: SessionData,
    public readonly lastSeenAt: Date | null,
  ) {}

  get<T>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.data[key] = value;
    this.dirty = true;
  }

  delete(key: string): void {
    if (key in this.data) {
      delete this.data[key];
      this.dirty = true;
    }
  }

  /** Reads and removes a value in one step, for flash messages. */
  take<T>(key: string): T | undefined {
    const value = this.get<T>(key);
    this.delete(key);
    return value;
  }
}

export interface TimedOutSession {
  userId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
    principal: Principal | null;
    /** Set when this request arrived just after the person's session ended for lack of activity. */
    timedOut: TimedOutSession | null;
  }
}

export function principalFrom(row: {
  user_id: string;
  email: string;
  roles: string[];
  organisation_id: string | null;
  team_id: string | null;
}): Principal {
  return {
    id: row.user_id,
    email: row.email,
    roles: row.roles.filter(isRole) as Role[],
    organisationId: row.organisation_id,
    teamId: row.team_id,
  };
}

interface StoredSession {
  id_hash: string;
  user_id: string | null;
  data: SessionData;
  last_seen_at: Date;
  expires_at: Date;
  email: string | null;
  organisation_id: string | null;
  team_id: string | null;
  roles: string[];
  /** Whether the person has two-factor sign-in set up; a staff role without it is refused. */
  two_factor: boolean;
}

const KEPT_IN_MEMORY_AT_MOST = 10_000;

export function createSessionStore(
  db: Db,
  config: Pick<Config, 'staffIdleMinutes' | 'memberIdleMinutes' | 'anonymousIdleMinutes' | 'env'>,
  options: { writes?: WriteWatch | null } = {},
) {
  const idleLimitMs = (roles: readonly string[]) => (isStaff(roles) ? config.staffIdleMinutes : config.memberIdleMinutes) * 60_000;
  const anonymousIdleMs = config.anonymousIdleMinutes * 60_000;

  /**
   * The session and the person signed in to it, in one query. Measured on PGlite: the session alone cost about
   * 0.65 ms of CPU and the person with their roles about 1.3 ms more, against about 1 ms for both joined. A visitor's
   * session finds no person, and on the embedded database is kept in memory after its first read anyway.
   */
  async function load(cookieValue: string): Promise<StoredSession | undefined> {
    const idHash = sha256(cookieValue);
    const kept = inMemory?.get(idHash);
    // A copy, so that a request that changes the data but fails before saving leaves the kept one as stored.
    if (kept && stillTrue(kept)) return { ...kept.session, data: structuredClone(kept.session.data) };
    // Taken before the read, so that a write landing while it runs makes what it read stale, never the other way.
    const generation = signedInGeneration();
    const row = await db
      .selectFrom('sessions as s')
      // A person who is no longer active is not found, which ends their session.
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 's.user_id').on('u.status', '=', 'active'))
      .select([
        's.id_hash',
        's.user_id',
        's.data',
        's.last_seen_at',
        's.expires_at',
        'u.email',
        'u.organisation_id',
        'u.team_id',
        sql<boolean>`u.totp_enabled_at is not null`.as('two_factor'),
        sql<string[]>`array(select r.role from user_roles r where r.user_id = u.id order by r.role)`.as('roles'),
      ])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const session: StoredSession = {
      ...row,
      email: row.email ?? null,
      organisation_id: row.organisation_id ?? null,
      team_id: row.team_id ?? null,
      roles: row.email ? row.roles : [],
      two_factor: row.two_factor === true,
    };
    keep(session, session.user_id === null ? null : generation);
    return session;
  }

  /**
   * On the embedded database this process is the only one that can open it, so sessions are kept in memory as well:
   * a family moving through guided advice, or a member reading, then costs no database read per page. Every change to
   * the session of someone not signed in goes through this store, so theirs stay as kept. A signed-in session also
   * depends on the person and their roles, which others change directly (disabling an account, a new role, signing out
   * everywhere), so it is kept only while the write watch has seen no write that could touch it. On PostgreSQL, where
   * other instances share the tables, nothing is kept.
   */
  const writes = options.writes ?? null;
  const inMemory = writes ? new Map<string, { session: StoredSession; generation: number | null }>() : null;
  const signedInGeneration = () => writes?.generation({ anyWrite: ['users', 'user_roles'], existingRows: ['sessions'] }) ?? 0;
  const stillTrue = (kept: { generation: number | null }) => kept.generation === null || kept.generation === signedInGeneration();

  /** `generation`: null for a visitor's session, else the signed-in generation it was read at. */
  function keep(session: StoredSession, generation: number | null) {
    if (!inMemory) return;
    if (inMemory.size >= KEPT_IN_MEMORY_AT_MOST) inMemory.delete(inMemory.keys().next().value!);
    inMemory.set(session.id_hash, { session: { ...session, data: structuredClone(session.data) }, generation });
  }

  /** Stores changed data, or that the session was used just now, or both. */
  async function save(idHash: string, changes: { data?: SessionData; lastSeenAt?: Date }) {
    const kept = inMemory?.get(idHash);
    const before = signedInGeneration();
    await db
      .updateTable('sessions')
      .set({
        ...(changes.data ? { data: JSON.stringify(changes.data) } : {}),
        ...(changes.lastSeenAt ? { last_seen_at: changes.lastSeenAt } : {}),
      })
      .where('id_hash', '=', idHash)
      .execute();
    if (!kept) return;
    const session = {
      ...kept.session,
      data: changes.data ?? kept.session.data,
      last_seen_at: changes.lastSeenAt ?? kept.session.last_seen_at,
    };
    if (kept.generation === null) keep(session, null);
    // Still true only if this update was the one write since it was read.
    else if (kept.generation === before && signedInGeneration() === before + 1) keep(session, before + 1);
    else inMemory?.delete(idHash);
  }

  async function remove(idHash: string) {
    inMemory?.delete(idHash);
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async function create(data: SessionData, userId: string | null, roles: readonly string[]) {
    const token = randomToken();
    const now = new Date();
    const lifetime = userId === null ? ANONYMOUS_LIFETIME_MS : isStaff(roles) ? STAFF_LIFETIME_MS : MEMBER_LIFETIME_MS;
    await db
      .insertInto('sessions')
      .values({
        id_hash: sha256(token),
        user_id: userId,
        data: JSON.stringify(data),
        last_seen_at: now,
        expires_at: new Date(now.getTime() + lifetime),
      })
      .execute();
    return token;
  }

  /**
   * The hourly job `sessions.clean`: sessions past their lifetime, and sessions that have idled out (staff, members
   * and visitors each by their own idle time). A visitor's session can hold guided-advice answers, which must not wait
   * in the database for the whole day an idle session would otherwise last.
   */
  async function clean(now = Date.now()): Promise<number> {
    const before = (ms: number) => new Date(now - ms);
    const result = await sql`
      delete from sessions s
      where s.expires_at < ${new Date(now)}
         or s.last_seen_at < case
              when s.user_id is null then ${before(anonymousIdleMs)}
              when exists (select 1 from user_roles r where r.user_id = s.user_id and r.role <> 'member')
                then ${before(config.staffIdleMinutes * 60_000)}
              else ${before(config.memberIdleMinutes * 60_000)}
            end::timestamptz`.execute(db);
    if (inMemory) {
      for (const [idHash, { session }] of inMemory) {
        const idleLimit = session.user_id === null ? anonymousIdleMs : idleLimitMs(session.roles);
        if (session.expires_at.getTime() <= now || now - session.last_seen_at.getTime() > idleLimit) inMemory.delete(idHash);
      }
    }
    return Number(result.numAffectedRows ?? 0);
  }

  return { load, save, remove, create, clean, idleLimitMs, anonymousIdleMs };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function cookieOptions(config: Pick<Config, 'env'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.env === 'production' };
}

/** Loads the session and the signed-in person before anything else runs, and saves what changed after. */
export function setUpSessions(app: FastifyInstance, store: SessionStore, db: Db, config: Config) {
  app.decorateRequest('session', null as unknown as Session);
  app.decorateRequest('principal', null);
  app.decorateRequest('timedOut', null);

  app.addHook('onRequest', async (request, reply) => {
    request.session = new Session(null, {}, null);
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie || request.api) return;
    const row = await store.load(cookie);
    const now = Date.now();
    if (!row || row.expires_at.getTime() <= now) {
      if (row) await store.remove(row.id_hash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    // A staff role given to someone who has not set up two-factor sign-in (a script, a database console) is refused:
    // the session ends, and signing in again takes them through the set-up.
    if (row.user_id && row.email && !(isStaff(row.roles) && !row.two_factor)) {
      const idle = now - row.last_seen_at.getTime();
      if (idle > store.idleLimitMs(row.roles)) {
        await store.remove(row.id_hash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        request.timedOut = { userId: row.user_id };
        return;
      }
      request.principal = principalFrom({ ...row, user_id: row.user_id, email: row.email });
    } else if (row.user_id || now - row.last_seen_at.getTime() > store.anonymousIdleMs) {
      // The account was disabled while signed in, or holds a staff role without two-factor; or a visitor's session has
      // idled out, and goes with whatever it held: the session ends now.
      await store.remove(row.id_hash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.session = new Session(row.id_hash, row.data, row.last_seen_at);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const session = request.session;
    if (!session) return payload;
    if (session.idHash === null) {
      if (session.dirty) {
        const token = await store.create(session.data, null, []);
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(config));
      }
      return payload;
    }
    const stale = !session.lastSeenAt || Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS;
    // Background polling must not count as activity, or an unattended screen would never time out.
    const counts = !request.routePattern?.startsWith('/assets/');
    if (session.dirty || (stale && counts)) {
      await store.save(session.idHash, { data: session.dirty ? session.data : undefined, lastSeenAt: counts ? new Date() : undefined });
    }
    return payload;
  });
}

/**
 * Signing in replaces the session with a new one (a new cookie value), so that a value planted before sign-in is
 * worthless after it. Keys named in `keep` survive the change.
 */
export async function startSignedInSession(
  request: FastifyRequest,
  reply: FastifyReply,
  store: SessionStore,
  config: Config,
  user: { id: string; roles: readonly string[] },
  keep: string[] = [],
) {
  const carried = Object.fromEntries(keep.filter((k) => k in request.session.data).map((k) => [k, request.session.data[k]]));
  if (request.session.idHash) await store.remove(request.session.idHash);
  const token = await store.create(carried, user.id, user.roles);
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(config));
  request.session = new Session(sha256(token), carried, new Date());
}

export async function endSession(request: FastifyRequest, reply: FastifyReply, store: SessionStore) {
  if (request.session.idHash) await store.remove(request.session.idHash);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  request.session = new Session(null, {}, null);
  request.principal = null;
}
