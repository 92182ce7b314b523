import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AliasNode,
  PostgresQueryCompiler,
  TableNode,
  type KyselyPlugin,
  type OperationNode,
  type QueryId,
  type RootOperationNode,
} from 'kysely';
import type { Db } from './db/database.js';
import type { Tracing } from './tracing.js';

/** What a traced request is doing: its span, and the spans of its queries still under way. */
interface RequestTrace {
  span: Span;
  openQueries: Set<Span>;
}

/**
 * Imported by `startTracing` only when tracing is on. Nothing here is registered globally (no global tracer provider,
 * context manager or patched module): the app holds its own tracer, so two apps in one process (as in the tests) keep
 * their spans apart, and the request a query belongs to is found through an AsyncLocalStorage of Hearth's own.
 */
export function openTelemetryTracing(settings: { url: string; serviceName: string }): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.url }) })],
  });
  const tracer = provider.getTracer('hearth');
  const propagator = new W3CTraceContextPropagator();
  const current = new AsyncLocalStorage<RequestTrace>();
  const traces = new WeakMap<FastifyRequest, RequestTrace>();

  function finish(request: FastifyRequest, status: number | undefined) {
    const requestTrace = traces.get(request);
    if (!requestTrace) return;
    traces.delete(request);
    // A query that threw never reached `transformResult`: it ends here, marked as failed.
    for (const query of requestTrace.openQueries) {
      query.setStatus({ code: SpanStatusCode.ERROR, message: 'the query failed' });
      query.end();
    }
    if (status === undefined) {
      requestTrace.span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away' });
    } else {
      requestTrace.span.setAttribute('http.response.status_code', status);
      if (status >= 500) requestTrace.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    requestTrace.span.end();
  }

  return {
    traceRequests(app: FastifyInstance) {
      app.addHook('onRequest', (request, _reply, done) => {
        // A trace started by a proxy or another service in front (the W3C `traceparent` header) is carried on.
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
        const route = request.routePattern;
        const span = tracer.startSpan(
          route ? `${request.method} ${route}` : request.method,
          {
            kind: SpanKind.SERVER,
            // The route's pattern, never the path: a path can hold a token or a child's id.
            attributes: {
              'http.request.method': request.method,
              ...(route ? { 'http.route': route } : {}),
              // The reference an error page shows, and every log line of this request carries.
              'hearth.request_id': request.id,
            },
          },
          parent,
        );
        const requestTrace = { span, openQueries: new Set<Span>() };
        traces.set(request, requestTrace);
        // Everything the request does from here runs inside this call, so its queries find their request's span.
        current.run(requestTrace, done);
      });
      app.addHook('onError', (request, _reply, error, done) => {
        // The error's type only: its message can hold what a person typed; the log has it, found by the request id.
        traces.get(request)?.span.setAttribute('error.type', error.code ?? error.name);
        done();
      });
      app.addHook('onResponse', (request, reply, done) => {
        finish(request, reply.statusCode);
        done();
      });
      app.addHook('onRequestAbort', (request, done) => {
        finish(request, undefined);
        done();
      });
    },

    traceQueries(db: Db): Db {
      const compiler = new PostgresQueryCompiler();
      const open = new WeakMap<QueryId, { span: Span; requestTrace: RequestTrace }>();
      const plugin: KyselyPlugin = {
        transformQuery({ node, queryId }) {
          const requestTrace = current.getStore();
          if (!requestTrace) return node;
          const text = compiler.compileQuery(node, queryId).sql;
          const operation = operationOf(node, text);
          const table = tableOf(node);
          const span = tracer.startSpan(
            table ? `${operation} ${table}` : operation,
            {
              kind: SpanKind.CLIENT,
              // The SQL as sent, with $1, $2 for the values: the values themselves are never put in a span.
              attributes: {
                'db.system.name': 'postgresql',
                'db.operation.name': operation,
                ...(table ? { 'db.collection.name': table } : {}),
                'db.query.text': text,
              },
            },
            trace.setSpan(ROOT_CONTEXT, requestTrace.span),
          );
          requestTrace.openQueries.add(span);
          open.set(queryId, { span, requestTrace });
          return node;
        },
        async transformResult({ result, queryId }) {
          const query = open.get(queryId);
          if (query) {
            open.delete(queryId);
            query.requestTrace.openQueries.delete(query.span);
            if (result.rows) query.span.setAttribute('db.response.returned_rows', result.rows.length);
            query.span.end();
          }
          return result;
        },
      };
      return db.withPlugin(plugin);
    },

    shutdown: () => provider.shutdown(),
  };
}

const OPERATIONS: Partial<Record<RootOperationNode['kind'], string>> = {
  SelectQueryNode: 'SELECT',
  InsertQueryNode: 'INSERT',
  UpdateQueryNode: 'UPDATE',
  DeleteQueryNode: 'DELETE',
  MergeQueryNode: 'MERGE',
};

function operationOf(node: RootOperationNode, text: string): string {
  return OPERATIONS[node.kind] ?? /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
}

function tableOf(node: RootOperationNode): string | undefined {
  switch (node.kind) {
    case 'SelectQueryNode':
    case 'DeleteQueryNode':
      return tableName(node.from?.froms[0]);
    case 'InsertQueryNode':
      return tableName(node.into);
    case 'UpdateQueryNode':
      return tableName(node.table);
    default:
      return undefined;
  }
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (AliasNode.is(node)) return tableName(node.node);
  return TableNode.is(node) ? node.table.identifier.name : undefined;
}
