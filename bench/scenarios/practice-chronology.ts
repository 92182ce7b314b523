import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/platform/demo.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { personActor } from '../../src/platform/audit.js';
import { addDays, londonDay } from '../../src/platform/time.js';
import { EVENT_KINDS, type EventKind } from '../../src/modules/cases/chronology/event-kinds.js';
import { familyFlags } from '../../src/modules/cases/flags/flags.js';
import { FamilyBuilder } from '../../src/modules/cases/generator/builder.js';
import { seededRandom } from '../../src/modules/cases/generator/random.js';
import { storeFamilies } from '../../src/modules/cases/synthetic/store.js';
import { BenchFailure, CookieJar, measure, startHearth, type ScenarioResult } from '../support.js';

export const name = 'practice-chronology';

// Issue 14's targets.
const CHILD_P95_MS = 100;
const FAMILY_P95_MS = 150;
const NEW_EVENT_P95_MS = 50;
const EVENTS = 2_000;
const LOAD = { connections: 10, warmUpSeconds: 2, durationSeconds: 8 };
const PRACTITIONER = 'practitioner@example.org';

/** Signs a demo staff member in as a person would: password, then the code from their authenticator app. */
export async function signInStaff(origin: string, email: string): Promise<string> {
  const jar = new CookieJar();
  const step = async (path: string, fields: Record<string, string>) => {
    const form = await fetch(`${origin}${path}`, { headers: { cookie: jar.header }, redirect: 'manual' });
    jar.take(form);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    if (!token) throw new BenchFailure(`GET ${path} answered ${form.status} with no form.`);
    const sent = await fetch(`${origin}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
    jar.take(sent);
    if (sent.status !== 303) throw new BenchFailure(`POST ${path} answered ${sent.status}.`);
  };
  await step('/sign-in', { email, password: DEMO_PASSWORD });
  await step('/sign-in/two-factor', { code: currentTotpCode(DEMO_TOTP_SECRET) });
  return jar.header;
}

/**
 * A plainly synthetic family with `children` children and `events` events spread over eight years, every kind in
 * turn, stored with its flags and allocated to the demo practitioner.
 */
export async function busyFamily(app: FastifyInstance, seed: string, children: number, events: number) {
  const db = app.services.db;
  const worker = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'team_id'])
    .where('email', '=', PRACTITIONER)
    .executeTakeFirstOrThrow();
  const today = londonDay(new Date());
  const family = new FamilyBuilder(seededRandom(seed), today, 'Benchmarkton');
  const childIds = Array.from({ length: children }, (_, i) => family.child(`Bench child ${i + 1}`, addDays(today, -(2 + i) * 365)));
  family.adult('Bench parent', addDays(today, -35 * 365), 'parent', true);
  family.household('1 Imaginary Road, Testbury', addDays(today, -9 * 365));
  for (let i = 0; i < events; i++) {
    const kind: EventKind = EVENT_KINDS[i % EVENT_KINDS.length]!;
    const planType = kind === 'plan-start' || kind === 'plan-end' ? 'child-in-need' : undefined;
    family.event(kind, addDays(today, -Math.floor((i * 8 * 365) / events) - 1), { childIds: [childIds[i % children]!], planType });
  }
  await db.transaction().execute((trx) =>
    storeFamilies(
      trx,
      [family.family],
      {
        organisationId: worker.organisation_id!,
        teamId: worker.team_id!,
        allocatedWorkerId: worker.id,
        recordedByLabel: 'synthetic data',
      },
      familyFlags,
      today,
    ),
  );
  return { familyId: family.family.id, childId: childIds[0]!, stored: family.family.events.length };
}

/** For bench/profile-page.ts: the two busy families, in the Hearth process. */
export async function prepare(app: FastifyInstance): Promise<{ childId: string; familyId: string }> {
  const one = await busyFamily(app, 'bench-one-child', 1, EVENTS);
  const five = await busyFamily(app, 'bench-five-children', 5, EVENTS);
  return { childId: one.childId, familyId: five.familyId };
}

export async function run(): Promise<ScenarioResult> {
  // As boards-thread-read: on PGlite, queries take turns on the one thread, so load shedding is off to measure the queue.
  const hearth = await startHearth(process.env.BENCH_DATABASE_URL ? {} : { MAX_EVENT_LOOP_DELAY_MS: '0' });
  try {
    const one = await busyFamily(hearth.app, 'bench-one-child', 1, EVENTS);
    const five = await busyFamily(hearth.app, 'bench-five-children', 5, EVENTS);
    const cookie = await signInStaff(hearth.origin, PRACTITIONER);
    const childUrl = `${hearth.origin}/practice/children/${one.childId}/chronology`;
    const familyUrl = `${hearth.origin}/practice/families/${five.familyId}/chronology`;
    for (const url of [childUrl, familyUrl]) {
      const check = await fetch(url, { headers: { cookie } });
      if (check.status !== 200 || !(await check.text()).includes('Benchmarkton')) {
        throw new BenchFailure(`GET ${url} answered ${check.status}, not the chronology.`);
      }
    }
    const child = await measure({ url: childUrl, headers: { cookie }, ...LOAD });
    const family = await measure({ url: familyUrl, headers: { cookie }, ...LOAD });

    // One more event on the busy family, through the service a page or the API calls: the write, the flags of every
    // child worked out again from all the family's events, and the audit entry, in one transaction.
    const app = hearth.app;
    const worker = await app.services.db.selectFrom('users').selectAll().where('email', '=', PRACTITIONER).executeTakeFirstOrThrow();
    const viewer = {
      principal: {
        id: worker.id,
        email: worker.email,
        roles: ['practitioner' as const],
        organisationId: worker.organisation_id,
        teamId: worker.team_id,
      },
      sessionHash: 'bench',
      actor: personActor(
        { id: worker.id, email: worker.email, organisationId: worker.organisation_id, teamId: worker.team_id },
        '127.0.0.1',
      ),
    };
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const result = await app.cases.chronology.recordEvent(viewer, five.childId, {
        kind: 'missed-health-appointment',
        occurredOn: londonDay(new Date()),
        agency: 'health',
        significance: 'medium',
        planType: null,
        summary: 'A synthetic missed appointment, recorded by the bench.',
      });
      times.push(performance.now() - started);
      if (!result.ok) throw new BenchFailure(`Recording an event failed: ${result.reason}.`);
    }
    times.sort((a, b) => a - b);
    const newEventP95 = Math.round(times[Math.floor(times.length * 0.95)]! * 10) / 10;
    const met = child.latencyMs.p95 < CHILD_P95_MS && family.latencyMs.p95 < FAMILY_P95_MS && newEventP95 < NEW_EVENT_P95_MS;
    return {
      measures: `A practitioner's chronology pages with ${EVENTS.toLocaleString('en-GB')} events (one child; a family of five), ${LOAD.connections} at once, and one new event with its family's flags worked out again`,
      summary:
        `child chronology p95 ${child.latencyMs.p95} ms (${Math.round(child.requestsPerSecond)} req/s); ` +
        `5-child family chronology p95 ${family.latencyMs.p95} ms (${Math.round(family.requestsPerSecond)} req/s); ` +
        `a new event with its flags p95 ${newEventP95} ms`,
      target: `child p95 < ${CHILD_P95_MS} ms, family p95 < ${FAMILY_P95_MS} ms, new event p95 < ${NEW_EVENT_P95_MS} ms`,
      met,
      database: hearth.database,
      figures: { events: EVENTS, child, family, newEventMs: { p50: times[Math.floor(times.length / 2)], p95: newEventP95 } },
    };
  } finally {
    await hearth.close();
  }
}
