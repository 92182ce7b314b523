import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { openDatabase, type DatabaseSource } from '../../src/platform/db/database.js';
import { testConfig } from '../support/app.js';
import { freePort } from '../support/free-port.js';
import { nothingAcknowledged, problemsIn, seedPeople, signIn, writers, type Acknowledged } from './crash-writes.js';
import { hearthEnvironment, HttpFormClient, runHearth, seededRandom, startHearth, type HearthProcess } from './hearth-process.js';

/**
 * The SIGKILL test's rounds, run on PGlite and on PostgreSQL by two files (sigkill-writes-*.test.ts), so that the two
 * run side by side. Hearth killed with SIGKILL at random moments while people post on the boards, editors save pages and visitors ask
 * for callbacks, then started again, many times. Afterwards every write Hearth acknowledged is there, nothing is
 * half-written, and `hearth audit verify` passes. The moments come from a seed, printed so that a failure can be
 * repeated: CRASH_SEED=<seed> npm run test:resilience. CRASH_ROUNDS sets the number of kills on each database.
 */
const SEED = Number(process.env.CRASH_SEED || Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.CRASH_ROUNDS || 3);
/** The longest wait between the last counted write and the kill: a few writes' time on a busy machine. */
const LONGEST_WAIT_MS = 1500;

export async function crashRounds(t: TestContext, kind: 'pglite' | 'postgres', env: Record<string, string>, source: DatabaseSource) {
  const random = seededRandom(SEED + (kind === 'pglite' ? 0 : 1));
  t.diagnostic(`seed ${SEED}: repeat with CRASH_SEED=${SEED}`);
  const config = testConfig({ HEARTH_DATA_DIR: env.HEARTH_DATA_DIR!, ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}) });
  const setUp = await openDatabase(source);
  const people = await seedPeople(setUp.db, config);
  await setUp.close();

  const acked: Acknowledged = nothingAcknowledged();
  let clients: { member: HttpFormClient; editor: HttpFormClient; visitor: HttpFormClient } | undefined;
  let attempted = 0;
  let hearth: HearthProcess | undefined;
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const life = await startHearth(env);
      hearth = life;
      if (!clients) {
        clients = {
          member: new HttpFormClient(life.url),
          editor: new HttpFormClient(life.url),
          visitor: new HttpFormClient(life.url),
        };
        await signIn(clients.member, people.member.email);
        await signIn(clients.editor, people.editor.email, people.editor.totpSecret);
      } else {
        // The same people after the restart: their sessions were in the database.
        clients = {
          member: clients.member.withBaseUrl(life.url),
          editor: clients.editor.withBaseUrl(life.url),
          visitor: clients.visitor.withBaseUrl(life.url),
        };
      }
      const write = writers(clients, acked, random);
      const before = acked.posts.length + acked.contentSaves.length + acked.callbacks.length;
      let killed = false;
      let failed = false;
      const loop = async (one: () => Promise<void>) => {
        while (!killed) {
          attempted += 1;
          try {
            await one();
          } catch (error) {
            // Once the process is gone, a write fails in transit; before that, every write must be acknowledged.
            if (!killed) {
              failed = true;
              throw new Error(`${String(error)}\n${life.output()}`, { cause: error });
            }
          }
        }
      };
      const running = Promise.allSettled([loop(write.post), loop(write.saveContent), loop(write.requestCallback)]);
      // The kill comes a random time after a random number of acknowledged writes, rather than after a fixed time: so
      // every round has writes in it however busy the machine is, and the kill still falls anywhere in the next ones.
      const afterWrites = 2 + Math.floor(random() * 8);
      const delay = Math.floor(random() * LONGEST_WAIT_MS);
      const acknowledged = () => acked.posts.length + acked.contentSaves.length + acked.callbacks.length - before;
      while (acknowledged() < afterWrites && !failed) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, delay));
      killed = true;
      await life.kill();
      for (const outcome of await running) if (outcome.status === 'rejected') throw outcome.reason;
      t.diagnostic(`${kind} round ${round}: killed ${delay} ms after write ${afterWrites}; ${acknowledged()} writes acknowledged`);
    }

    // A last start proves the database opens after the last kill, then a clean stop lets the checks in.
    hearth = await startHearth(env);
    assert.equal((await fetch(`${hearth.url}/readyz`)).status, 200);
    assert.equal(await hearth.stop(), 0, hearth.output());
  } finally {
    // A failed round must not leave its process running, or the test file never ends.
    await hearth?.kill();
  }
  const check = await openDatabase(source);
  try {
    const problems = await problemsIn(check.db, acked);
    assert.deepEqual(problems, [], `seed ${SEED}`);
  } finally {
    await check.close();
  }
  const verify = runHearth(['audit', 'verify'], env);
  assert.equal(verify.status, 0, `seed ${SEED}: ${verify.stdout}${verify.stderr}`);
  assert.match(verify.stdout, /Audit log intact/);
  const total = acked.posts.length + acked.contentSaves.length + acked.callbacks.length;
  t.diagnostic(`${kind}: ${ROUNDS} kills, ${attempted} writes attempted, ${total} acknowledged and all found`);
  assert.ok(acked.posts.length > 0 && acked.contentSaves.length > 0 && acked.callbacks.length > 0, 'every kind of write was acknowledged');
}

// SMTP to a closed port: each confirmation email is kept with a `mail.send` job, which fails and waits to retry.
export async function environment(dataDir: string, databaseUrl?: string) {
  return hearthEnvironment({
    dataDir,
    databaseUrl,
    extra: {
      LOG_LEVEL: 'error',
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      BOARDS_POSTS_PER_MINUTE: '10000',
      BOARDS_POSTS_PER_HOUR: '10000',
      HELPLINE_REQUESTS_PER_HOUR: '10000',
      HELPLINE_SLOT_CAPACITY: '100',
    },
  });
}
