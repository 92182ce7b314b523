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

describe('configuration', () => {
  it('starts in development with no settings at all, on PGlite with demo data', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.demo, true);
    assert.match(config.dataDir, /data$/);
  });

  it('refuses to start in production without a secret or base URL, and never with demo accounts', () => {
    const problems = problemsWith({ NODE_ENV: 'production', HEARTH_DEMO: 'true' });
    assert.ok(problems.some((p) => p.startsWith('HEARTH_SECRET must be set in production')));
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

  it('reads a list of modules, or none', () => {
    assert.deepEqual(loadConfig({ HEARTH_MODULES: 'home, boards' }).modules, ['home', 'boards']);
    assert.deepEqual(loadConfig({ HEARTH_MODULES: 'none' }).modules, []);
    assert.equal(loadConfig({}).modules, 'all');
  });
});
