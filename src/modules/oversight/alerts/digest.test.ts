import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import { startSmtpSink } from '../../../../tests/support/smtp.js';
import { alertsWorld } from './test-world.js';

/** A received message's text with quoted-printable soft line breaks and escapes undone. */
const decoded = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/(=[0-9A-F]{2})+/g, (codes) =>
    Buffer.from(
      codes
        .split('=')
        .slice(1)
        .map((h) => parseInt(h, 16)),
    ).toString('utf8'),
  );

describe('oversight: the daily digest of drift alerts, over SMTP', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let today: string;
  let references: Record<string, string>;
  before(async () => {
    smtp = await startSmtpSink();
    t = await testApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Hearth <no-reply@hearth.test>' });
    world = await practiceWorld(t.app);
    ({ today } = await alertsWorld(t.app, world));
    const rows = await t.app.services.db.selectFrom('oversight_alerts').select(['child_initials', 'child_reference']).execute();
    references = Object.fromEntries(rows.map((r) => [r.child_initials, r.child_reference]));
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const mailOf = (who: Someone) => smtp.received.filter((m) => m.to.includes(world.users[who].email)).map((m) => decoded(m.raw));

  it('sends each worker their children’s alerts and each manager their team’s, by initials and reference only', async () => {
    assert.equal(await t.app.oversightAlerts.digest.sendAll(today), 7);
    await t.app.worker.drain();
    const expected: [Someone, string[]][] = [
      ['worker', ['R. F.', 'A. S.']],
      ['teammate', ['S. M.']],
      ['manager', ['R. F.', 'S. M.', 'A. S.']],
      ['colleague', ['H. T.']],
      ['southManager', ['H. T.']],
      ['outsider', ['E. E.']],
      ['outsideManager', ['E. E.']],
    ];
    for (const [who, initials] of expected) {
      const mail = mailOf(who);
      assert.equal(mail.length, 1, who);
      const text = mail[0]!;
      for (const child of initials) assert.ok(text.includes(`${child} (${references[child]})`), `${who}: ${child}`);
      const others = Object.keys(references).filter((i) => !initials.includes(i));
      for (const child of others) assert.ok(!text.includes(`(${references[child]})`), `${who} is not told of ${child}`);
      for (const name of ['Rowan', 'Fictonby', 'Sorrel', 'Madeupton', 'Ash', 'Samplefield', 'Hazel', 'Testwood', 'Elm', 'Elsewhereton']) {
        assert.ok(!new RegExp(`\\b${name}\\b`).test(text), `${who}'s digest names ${name}`);
      }
      assert.match(text, /Subject: Drift alerts for/);
      assert.match(text, /http:\/\/[^\s]+\/practice\/children\/[0-9a-f-]{36}\/alerts/);
    }
    for (const who of ['analyst', 'editor'] as const) assert.equal(mailOf(who).length, 0, who);
    assert.match(mailOf('manager')[0]!, /2 missed, 1 due soon/);
  });

  it('sends nobody a second digest the same day, however often it runs', async () => {
    const before = smtp.received.length;
    assert.equal(await t.app.oversightAlerts.digest.sendAll(today), 0);
    await t.app.worker.drain();
    assert.equal(smtp.received.length, before);
    const rows = await t.app.services.db.selectFrom('oversight_alert_digests').selectAll().where('day', '=', today).execute();
    assert.equal(rows.length, 7);
  });

  it('tells a person which digests they were sent, and forgets them with the account', async () => {
    const module = t.app.modules.find((m) => m.name === 'oversight')!;
    const context = t.app.moduleContext(module);
    const exported = await module.personalData!.export(context, world.users.worker.id);
    assert.deepEqual(exported['Drift alert digests sent to you'], [{ day: today, alerts: 2 }]);
    await module.personalData!.erase(context, world.users.worker.id);
    const db = t.app.services.db;
    assert.equal(
      (await db.selectFrom('oversight_alert_digests').selectAll().where('user_id', '=', world.users.worker.id).execute()).length,
      0,
    );
    assert.equal((await db.selectFrom('oversight_alerts').selectAll().where('worker_id', '=', world.users.worker.id).execute()).length, 0);
    assert.equal((await db.selectFrom('oversight_alerts').selectAll().where('worker_id', 'is', null).execute()).length, 2);
  });
});
