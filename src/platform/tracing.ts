import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from './db/database.js';

/** OpenTelemetry tracing, when it is switched on: a span for each request, and one for each query a request makes. */
export interface Tracing {
  /** Adds the hooks that open and close a request's span. After `setUpRequestKind`, which finds the route. */
  traceRequests(app: FastifyInstance): void;
  /** The same database, with a span for each query made while a request is traced. */
  traceQueries(db: Db): Db;
  /** Sends the spans not yet sent, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Tracing as the config asks: undefined when no OTLP endpoint is set. The OpenTelemetry packages are imported only
 * then, so that a Hearth without tracing neither loads them nor adds a hook to any request.
 */
export async function startTracing(config: Pick<Config, 'tracing'>): Promise<Tracing | undefined> {
  if (!config.tracing) return undefined;
  const { openTelemetryTracing } = await import('./tracing-otel.js');
  return openTelemetryTracing(config.tracing);
}
