import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

/** The one setting every start needs outside demo mode. */
const SECRET = { HEARTH_SECRET: 's'.repeat(40) };

describe('configuration', () => {
  it('starts in demo mode with nothing else set, on PGlite with the development secret', () => {
    const config = loadConfig({ HEARTH_DEMO: 'true' });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.demo, true);
    assert.ok(config.secret.length >= 32);
    assert.match(config.dataDir, /data$/);
  });

  it('has demo accounts and the development secret only in demo mode, never because NODE_ENV is unset', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }] as Record<string, string>[]) {
      const problems = problemsWith(env);
      assert.ok(
        problems.some((p) => p.startsWith('HEARTH_SECRET must be set')),
        `${JSON.stringify(env)} refuses to start without a secret: ${problems.join(' ')}`,
      );
      assert.equal(loadConfig({ ...env, ...SECRET }).demo, false, `${JSON.stringify(env)} is not demo mode`);
    }
    assert.deepEqual(problemsWith({ HEARTH_SECRET: 'too-short' }), ['HEARTH_SECRET must be at least 32 characters long.']);
    const demo = loadConfig({ HEARTH_DEMO: 'true' });
    const own = loadConfig({ HEARTH_DEMO: 'true', ...SECRET });
    assert.notEqual(demo.secret, own.secret, 'a secret that is set is used, in demo mode too');
  });

  it('takes the proxies’ addresses for TRUST_PROXY, and refuses "true" or a hop count', () => {
    assert.equal(loadConfig(SECRET).trustProxy, false);
    assert.deepEqual(loadConfig({ ...SECRET, TRUST_PROXY: '10.0.0.0/8, 192.0.2.10,loopback,2001:db8::/32' }).trustProxy, [
      '10.0.0.0/8',
      '192.0.2.10',
      'loopback',
      '2001:db8::/32',
    ]);
    for (const value of ['true', '1']) {
      const refused = problemsWith({ ...SECRET, TRUST_PROXY: value });
      assert.equal(refused.length, 1);
      assert.match(refused[0]!, new RegExp(`TRUST_PROXY=${value} is not accepted`));
      assert.match(refused[0]!, /Set it to the addresses of the proxies in front of Hearth, for example 10\.0\.0\.0\/8/);
    }
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/9', ',']) {
      assert.match(problemsWith({ ...SECRET, TRUST_PROXY: bad }).join(' '), /TRUST_PROXY must be false or a comma-separated list/, bad);
    }
  });

  it('refuses to start in production without a secret or base URL, and never with demo accounts', () => {
    const problems = problemsWith({ NODE_ENV: 'production', HEARTH_DEMO: 'true' });
    assert.ok(problems.some((p) => p.startsWith('HEARTH_SECRET must be set')));
    assert.ok(problems.some((p) => p.startsWith('BASE_URL must be set in production')));
    assert.ok(problems.some((p) => p.startsWith('HEARTH_DEMO cannot be true in production')));
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HEARTH_SECRET: 's'.repeat(40),
      BASE_URL: 'https://hearth.example',
      DATABASE_URL: 'postgres://db/hearth',
    });
    assert.equal(config.demo, false);
    assert.equal(config.env, 'production');
  });

  it('listens for other instances’ changes on DATABASE_URL unless DATABASE_LISTEN_URL names a direct connection', () => {
    const base = { HEARTH_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://pgbouncer:6432/hearth' };
    assert.equal(loadConfig(base).databaseListenUrl, 'postgres://pgbouncer:6432/hearth');
    assert.equal(loadConfig({ ...base, DATABASE_LISTEN_URL: 'postgres://db:5432/hearth' }).databaseListenUrl, 'postgres://db:5432/hearth');
    assert.ok(
      problemsWith({ DATABASE_LISTEN_URL: 'mysql://x' }).some((p) => p.startsWith('DATABASE_LISTEN_URL must start with postgres://')),
    );
  });

  it('names each bad value and says what is allowed', () => {
    const problems = problemsWith({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'not a url',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
    });
    assert.ok(problems.includes('PORT must be a whole number from 0 to 65535, not "eighty".'));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL must start with postgres:// or postgresql://')));
    assert.ok(problems.includes('SMTP_URL is not a valid URL.'));
    assert.ok(problems.some((p) => p.startsWith('LOG_LEVEL must be one of')));
    assert.ok(problems.some((p) => p.startsWith('NODE_ENV must be development, test or production')));
  });

  it('reads how long mail and a visitor’s idle session are kept, within bounds', () => {
    assert.equal(loadConfig(SECRET).mailRetentionDays, 30);
    assert.equal(loadConfig(SECRET).anonymousIdleMinutes, 60);
    assert.equal(loadConfig({ ...SECRET, MAIL_RETENTION_DAYS: '7', ANONYMOUS_IDLE_MINUTES: '20' }).mailRetentionDays, 7);
    assert.deepEqual(problemsWith({ ...SECRET, MAIL_RETENTION_DAYS: '0', ANONYMOUS_IDLE_MINUTES: 'forever' }), [
      'MAIL_RETENTION_DAYS must be a whole number from 1 to 365, not "0".',
      'ANONYMOUS_IDLE_MINUTES must be a whole number from 5 to 1440, not "forever".',
    ]);
  });

  it('reads a list of modules, or none', () => {
    assert.deepEqual(loadConfig({ ...SECRET, HEARTH_MODULES: 'home, boards' }).modules, ['home', 'boards']);
    assert.deepEqual(loadConfig({ ...SECRET, HEARTH_MODULES: 'none' }).modules, []);
    assert.equal(loadConfig(SECRET).modules, 'all');
  });
});
