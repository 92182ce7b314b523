import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createUser, FormClient, signInDirectly, testConfig } from '../../tests/support/app.js';
import { testDatabase } from '../../tests/support/database.js';
import type { DatabaseHandle } from './db/database.js';
import { startTracing } from './tracing.js';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: Record<string, unknown>;
  serviceName: unknown;
}

type KeyValue = { key: string; value: Record<string, unknown> };

function valuesOf(attributes: KeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
}

/** A collector of our own: accepts OTLP/HTTP JSON at /v1/traces, as an OpenTelemetry Collector would. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      contentTypes.push(String(request.headers['content-type']));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          resource: { attributes: KeyValue[] };
          scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes' | 'serviceName'> & { attributes: KeyValue[] })[] }[];
        }[];
      };
      for (const resourceSpans of body.resourceSpans) {
        const serviceName = valuesOf(resourceSpans.resource.attributes)['service.name'];
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, attributes: valuesOf(span.attributes), serviceName });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

describe('tracing', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.close());

  it('is off unless an OTLP endpoint is set, and then loads no OpenTelemetry code', async () => {
    const config = testConfig();
    assert.equal(config.tracing, undefined);
    assert.equal(await startTracing(config), undefined);
    const app = await buildApp(config, { database, startWorker: false });
    try {
      await app.ready();
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      // The packages are CommonJS, so whatever was loaded of them is in require's cache. No other test turns tracing
      // on before this one, in this file or in a process it shares. The API alone is loaded by prom-client, for
      // exemplars: a few objects that do nothing without an SDK.
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter(
        (file) => file.includes('/@opentelemetry/') && !file.includes('/@opentelemetry/api/'),
      );
      assert.deepEqual(loaded, [], 'no OpenTelemetry SDK or exporter is loaded');
    } finally {
      await app.close();
    }
  });

  it('reads the standard OpenTelemetry variables', () => {
    const base = { NODE_ENV: 'test', HEARTH_SECRET: 'x'.repeat(40) };
    assert.deepEqual(loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing, {
      url: 'http://collector:4318/v1/traces',
      serviceName: 'hearth',
    });
    assert.deepEqual(
      loadConfig({
        ...base,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.org/otlp',
        OTEL_SERVICE_NAME: 'hearth-north',
      }).tracing,
      { url: 'https://traces.example.org/otlp', serviceName: 'hearth-north' },
    );
    assert.equal(
      loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
      undefined,
    );
    assert.throws(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }), /OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('sends a span for each request, with its route, status and request id, and one for each of its queries', async () => {
    const receiver = await startOtlpReceiver();
    const app = await buildApp(testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }), { database, startWorker: false });
    app.get('/test/failing-query', { config: { access: 'public' } }, async () => {
      await sql`select * from no_such_table`.execute(app.services.db);
      return 'unreachable';
    });
    let closed = false;
    try {
      await app.ready();
      const staff = await createUser(app, { roles: ['practitioner'] });
      const client = new FormClient(app);
      await signInDirectly(client, staff);
      // A trace begun by a proxy in front: the request's span joins it.
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const proxySpanId = '00f067aa0ba902b7';
      const account = await client.get('/account', { traceparent: `00-${traceId}-${proxySpanId}-01` });
      assert.equal(account.statusCode, 200);
      // Over a real connection, where the body arrives in the socket's own events after the request has begun.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const visitor = new FormClient(app);
      await visitor.get('/sign-in');
      const posted = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/sign-in`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        },
        body: new URLSearchParams({ _csrf: visitor.csrf!, email: 'nobody@example.org', password: 'not the password at all' }).toString(),
      });
      assert.equal(posted.status, 400);
      assert.equal((await client.get('/no-such-page')).statusCode, 404);
      assert.equal((await client.get('/test/failing-query')).statusCode, 500);

      // Closing the app sends what the batch holds.
      await app.close();
      closed = true;
      const spans = receiver.spans;
      assert.ok(
        receiver.contentTypes.every((type) => type.startsWith('application/json')),
        'sent as OTLP JSON',
      );

      const request = spans.find((span) => span.name === 'GET /account');
      assert.ok(request, `a span for GET /account among ${spans.map((span) => span.name).join(', ')}`);
      assert.equal(request.kind, SERVER);
      assert.equal(request.serviceName, 'hearth');
      assert.equal(request.attributes['http.route'], '/account');
      assert.equal(request.attributes['http.request.method'], 'GET');
      assert.equal(Number(request.attributes['http.response.status_code']), 200);
      assert.match(String(request.attributes['hearth.request_id']), /^[0-9A-F]{10}$/);
      assert.equal(request.traceId, traceId, 'joins the trace the proxy began');
      assert.equal(request.parentSpanId, proxySpanId);

      const queries = spans.filter((span) => span.parentSpanId === request.spanId);
      assert.ok(queries.length >= 1, 'the request’s queries are its children');
      for (const query of queries) {
        assert.equal(query.kind, CLIENT);
        assert.equal(query.traceId, traceId);
        assert.equal(query.attributes['db.system.name'], 'postgresql');
        assert.match(String(query.attributes['db.query.text']), /^(select|insert|update|delete|with)\b/i);
      }
      assert.ok(
        queries.some((query) => query.name === 'SELECT sessions' && query.attributes['db.collection.name'] === 'sessions'),
        `the session is read: ${queries.map((query) => query.name).join(', ')}`,
      );

      // A form post: the queries made after its body is read still belong to it.
      const signIn = spans.find((span) => span.name === 'POST /sign-in')!;
      assert.equal(Number(signIn.attributes['http.response.status_code']), 400);
      assert.ok(
        spans.some((span) => span.parentSpanId === signIn.spanId && span.attributes['db.collection.name'] === 'users'),
        'the sign-in looks up the account within its span',
      );

      const missing = spans.find(
        (span) =>
          span.attributes['http.response.status_code'] !== undefined && Number(span.attributes['http.response.status_code']) === 404,
      )!;
      assert.equal(missing.name, 'GET', 'a request that matched no route is named by its method alone');
      assert.equal(missing.attributes['http.route'], undefined);

      const failed = spans.find((span) => span.name === 'GET /test/failing-query')!;
      assert.equal(failed.status?.code, ERROR);
      const failedQuery = spans.find(
        (span) => span.parentSpanId === failed.spanId && String(span.attributes['db.query.text']).includes('no_such_table'),
      );
      assert.ok(failedQuery, 'the failed query has a span');
      assert.equal(failedQuery.status?.code, ERROR, 'a query that threw is ended as failed');
    } finally {
      if (!closed) await app.close();
      await receiver.close();
    }
  });
});
