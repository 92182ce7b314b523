import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, testConfig, type TestContext } from '../../../tests/support/app.js';
import { postgresUrl } from '../../../tests/support/database.js';
import { ConfigError } from '../../config.js';
import { startMetricsListener } from './metrics.js';

const TOKEN = 'a-metrics-token-for-tests-0123456789abcdef';

describe('metrics for Prometheus', () => {
  let withToken: TestContext;
  let withListener: TestContext;
  let plain: TestContext;

  before(async () => {
    [withToken, withListener, plain] = await Promise.all([testApp({ METRICS_TOKEN: TOKEN }), testApp({ METRICS_PORT: '0' }), testApp()]);
  });
  after(async () => {
    await Promise.all([withToken.close(), withListener.close(), plain.close()]);
  });

  const scrape = (t: TestContext, authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('are not served at all unless a token or a private port is set', async () => {
    assert.equal((await scrape(plain)).statusCode, 404);
    assert.equal((await scrape(plain, `Bearer ${TOKEN}`)).statusCode, 404);
  });

  it('ask for the token, and refuse a wrong one', async () => {
    const none = await scrape(withToken);
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    assert.equal((await scrape(withToken, `Bearer ${TOKEN.slice(0, -1)}x`)).statusCode, 401);
    assert.equal((await scrape(withToken, TOKEN)).statusCode, 401);
  });

  it('time each route by its pattern, never the words in its address', async () => {
    const { app } = withToken;
    await app.inject('/healthz');
    await app.inject('/boards/a-secret-board-word');
    await app.inject('/no-such-page-private-words');
    const text = (await scrape(withToken, `Bearer ${TOKEN}`)).body;
    assert.match(text, /hearth_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/);
    assert.match(text, /route="\/boards\/:slug",status="404"/);
    assert.match(text, /route="unmatched",status="404"/);
    assert.doesNotMatch(text, /secret-board-word|private-words/);
    assert.match(text, /nodejs_eventloop_lag_seconds/);
  });

  it('count the jobs waiting, the oldest one’s wait, and the mail not yet sent', async () => {
    const { app } = withToken;
    const hourAgo = new Date(Date.now() - 3_600_000);
    await app.services.jobs.enqueue('metrics-test', {}, { runAt: hourAgo });
    await app.services.jobs.enqueue('metrics-test', {});
    await app.services.db
      .insertInto('mail_messages')
      .values({
        to_address: 'someone@example.org',
        subject: 'Waiting',
        text_body: 'A fictional message.',
        html_body: null,
        headers: '{}',
        status: 'queued',
        last_error: null,
        sent_at: null,
      })
      .execute();
    const text = (await scrape(withToken, `Bearer ${TOKEN}`)).body;
    assert.match(text, /hearth_jobs_waiting\{kind="metrics-test"\} 2/);
    const oldest = Number(/hearth_jobs_oldest_waiting_seconds\{kind="metrics-test"\} ([\d.]+)/.exec(text)?.[1]);
    assert.ok(oldest >= 3590, `the oldest job has waited an hour, not ${oldest} s`);
    assert.match(text, /hearth_mail_outbox\{state="queued"\} 1/);
    assert.match(text, /hearth_jobs\{state="failed"\} 0/);
    // Only PostgreSQL has a pool; the embedded database is one connection by construction.
    if (postgresUrl()) assert.match(text, /hearth_db_pool_connections\{state="open"\} [1-9]/);
    else assert.doesNotMatch(text, /hearth_db_pool_connections/);
  });

  it('serve a private listener with /metrics alone', async () => {
    const { app } = withListener;
    await startMetricsListener(app, testConfig({ METRICS_PORT: '0' }));
    const address = app.metricsServer!.address();
    assert.ok(address && typeof address === 'object');
    const base = `http://127.0.0.1:${address.port}`;
    const metrics = await fetch(`${base}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /hearth_http_request_duration_seconds/);
    assert.equal((await fetch(`${base}/`)).status, 404);
    assert.equal((await withListener.app.inject('/metrics')).statusCode, 404, 'the public listener does not serve them');
  });

  it('refuses a short token at start', () => {
    assert.throws(
      () => testConfig({ METRICS_TOKEN: 'short' }),
      (error: unknown) => error instanceof ConfigError && /METRICS_TOKEN/.test(String(error.message ?? error)),
    );
  });
});
