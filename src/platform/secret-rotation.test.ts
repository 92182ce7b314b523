import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createUser, FormClient, signIn, testConfig } from '../../tests/support/app.js';
import { testDatabase } from '../../tests/support/database.js';
import { seal, unseal } from './crypto.js';
import type { DatabaseHandle } from './db/database.js';

const OLD = 'the-old-secret-that-was-in-use-until-today-0001';
const NEW = 'the-new-secret-that-replaces-it-from-today-0002';

describe('changing HEARTH_SECRET', () => {
  let database: DatabaseHandle;
  const apps: FastifyInstance[] = [];

  // The same deployment before and after the change: separate app instances over one database.
  async function hearth(env: Record<string, string>) {
    const app = await buildApp(testConfig(env), { database, startWorker: false });
    await app.ready();
    apps.push(app);
    return app;
  }

  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await database.close();
  });

  it('opens values sealed with an earlier secret only when that secret is still listed', () => {
    const sealed = seal(OLD, 'JBSWY3DPEHPK3PXP');
    assert.equal(unseal([NEW, OLD], sealed), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => unseal(NEW, sealed), /HEARTH_PREVIOUS_SECRETS/);
  });

  it('keeps staff signing in while the old secret is listed, and after `hearth reseal` without it', async () => {
    const before = await hearth({ HEARTH_SECRET: OLD });
    const staff = await createUser(before, { roles: ['practitioner'] });

    // A form opened before the change can still be sent after it: its CSRF cookie was signed with the old secret.
    const client = new FormClient(before);
    await client.get('/sign-in');
    const during = await hearth({ HEARTH_SECRET: NEW, HEARTH_PREVIOUS_SECRETS: OLD });
    const carriedOver = Object.assign(new FormClient(during), { cookies: client.cookies, csrf: client.csrf });
    const first = await carriedOver.post('/sign-in', { email: staff.email, password: staff.password });
    assert.equal(first.headers.location, '/sign-in/two-factor');
    assert.equal((await signIn(new FormClient(during), staff)).headers.location, '/staff');

    assert.equal(await during.services.accounts.resealSecrets(), 1);
    const afterwards = await hearth({ HEARTH_SECRET: NEW });
    const signedIn = await signIn(new FormClient(afterwards), staff);
    assert.equal(signedIn.headers.location, '/staff', 'the two-factor secret opens with the new secret alone');
    const audit = await afterwards.services.db.selectFrom('audit_log').select('action').where('action', '=', 'secrets.resealed').execute();
    assert.equal(audit.length, 1);
  });
});
