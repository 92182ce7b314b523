import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_LEASE_SECONDS } from './platform/jobs.js';
import { ConfigError, settingsReader, type Environment } from './platform/settings.js';

/** Everything Hearth reads from the environment, read once and validated here. */
export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Public base URL, used in emails and feeds. */
  baseUrl: string;
  dataDir: string;
  /** A PostgreSQL server; when absent Hearth uses the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  /**
   * The same database reached directly, for the one connection of each web instance that listens for other instances'
   * changes: a pooler in transaction mode in DATABASE_URL would lose its LISTEN. Defaults to databaseUrl.
   */
  databaseListenUrl: string | undefined;
  /** Signs cookies and seals two-factor secrets. */
  secret: string;
  /** Earlier values of HEARTH_SECRET, still accepted for reading while `hearth reseal` moves everything to the new one. */
  previousSecrets: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Days a message is kept (its body only until it is sent) before the daily clean deletes it. */
  mailRetentionDays: number;
  modules: string[] | 'all';
  demo: boolean;
  /** Run the jobs worker inside the web process (always true on PGlite). */
  inProcessWorker: boolean;
  /** Seconds before a job claimed by a worker that stopped renewing it (killed, say) is run again elsewhere. */
  jobLeaseSeconds: number;
  logLevel: string;
  /**
   * Behind a load balancer: the addresses of the proxies whose X-Forwarded-For is believed, so that throttling and the
   * audit see the visitor's address. False believes none.
   */
  trustProxy: false | string[];
  bodyLimitBytes: number;
  /** Answer 503 when the event loop lags this long; 0 turns this check off. */
  maxEventLoopDelayMs: number;
  /** Answer 503 while this many requests are already being answered; 0 turns this check off. */
  maxRequestsInFlight: number;
  /** Answer 503 while the heap holds more than this share (per cent) of V8's heap limit; 0 turns this check off. */
  maxHeapUsedPercent: number;
  staffIdleMinutes: number;
  memberIdleMinutes: number;
  /** Minutes after which a session with nobody signed in (guided-advice answers, a half-sent form) is deleted. */
  anonymousIdleMinutes: number;
  /** Lets a Prometheus scraper read `/metrics` with `Authorization: Bearer <token>`; without it, `/metrics` is not served. */
  metricsToken: string | undefined;
  /** A private listener that serves only `/metrics`, without a token, on `metricsHost` (for a scraper inside the network). */
  metricsPort: number | undefined;
  metricsHost: string;
  /**
   * Where OpenTelemetry traces are sent (OTLP over HTTP), and the service name they carry. Undefined leaves tracing
   * off, and its packages are then never loaded.
   */
  tracing: { url: string; serviceName: string } | undefined;
  /** Where these settings came from: each module reads its own from the same place (platform/modules.ts). */
  environment: Environment;
}

export { ConfigError };

const DEVELOPMENT_SECRET = 'hearth-development-secret-not-for-production';

export function loadConfig(env: Environment = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const reader = settingsReader(env, production);
  const { get, integer, url } = reader;
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    reader.problem(`NODE_ENV must be development, test or production, not "${nodeEnv}".`);
  }

  const port = integer('PORT', 3000, 0, 65535);
  const host = get('HOST', '127.0.0.1') as string;
  const databaseUrl = url('DATABASE_URL', get('DATABASE_URL', undefined), ['postgres:', 'postgresql:']);
  const databaseListenUrl = url('DATABASE_LISTEN_URL', get('DATABASE_LISTEN_URL', undefined), ['postgres:', 'postgresql:']) ?? databaseUrl;
  const smtpUrl = url('SMTP_URL', get('SMTP_URL', undefined), ['smtp:', 'smtps:']);
  const baseUrl = url('BASE_URL', get('BASE_URL', `http://localhost:${port}`, { requireInProduction: true }), ['http:', 'https:']) ?? '';
  // Demo mode is always asked for (`npm start` asks for it), never assumed because NODE_ENV was left unset: a server
  // started without settings must not have accounts with a published password, or a secret anyone can read here.
  const demo = (get('HEARTH_DEMO', 'false') as string) === 'true';
  if (production && demo) {
    reader.problem(
      'HEARTH_DEMO cannot be true in production: demo accounts share a published password. (`npm start` is the demo; start production with `npx hearth start`.)',
    );
  }
  const secret = get('HEARTH_SECRET', demo && !production ? DEVELOPMENT_SECRET : undefined) ?? '';
  if (secret === '') {
    reader.problem('HEARTH_SECRET must be set, to 32 characters or more, unless HEARTH_DEMO is true.');
  } else if (secret.length < 32) {
    reader.problem('HEARTH_SECRET must be at least 32 characters long.');
  }
  const modulesRaw = (get('HEARTH_MODULES', 'all') as string).trim();
  // "none" runs the platform alone (accounts, admin, API) with no module switched on.
  const modules =
    modulesRaw === 'all'
      ? 'all'
      : modulesRaw === 'none'
        ? []
        : modulesRaw
            .split(',')
            .map((m) => m.trim())
            .filter(Boolean);
  /**
   * `true` once meant "believe X-Forwarded-For", which takes its left-most address: whatever the client wrote there.
   * A hop count is refused too (Fastify itself no longer honours one): it cannot tell the proxy from a client that
   * reaches Hearth directly and writes the header itself. Only the proxies' own addresses can.
   */
  function trustProxySetting(): Config['trustProxy'] {
    const raw = (get('TRUST_PROXY', 'false') as string).trim();
    if (raw === 'false') return false;
    if (raw === 'true' || /^\d+$/.test(raw)) {
      reader.problem(
        `TRUST_PROXY=${raw} is not accepted, because it would let a visitor choose the address that throttling and the audit log see. Set it to the addresses of the proxies in front of Hearth, for example 10.0.0.0/8 or 192.0.2.10,192.0.2.11.`,
      );
      return false;
    }
    const addresses = reader.list('TRUST_PROXY');
    const proxyAddress = (item: string) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
      const [address, bits, ...rest] = item.split('/');
      if (rest.length > 0 || !isIP(address ?? '')) return false;
      const max = isIP(address!) === 4 ? 32 : 128;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    };
    if (addresses.length === 0 || !addresses.every(proxyAddress)) {
      reader.problem(
        `TRUST_PROXY must be false or a comma-separated list of proxy addresses (IP addresses, ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal), not "${raw}".`,
      );
      return false;
    }
    return addresses;
  }

  const logLevel = get('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info') as string;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    reader.problem(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent, not "${logLevel}".`);
  }

  // The standard OpenTelemetry variables, so that a collector's usual settings work as they are.
  function tracingSetting(): Config['tracing'] {
    if (get('OTEL_SDK_DISABLED', 'false') === 'true') return undefined;
    const tracesUrl = url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', get('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined), ['http:', 'https:']);
    const baseUrl = url('OTEL_EXPORTER_OTLP_ENDPOINT', get('OTEL_EXPORTER_OTLP_ENDPOINT', undefined), ['http:', 'https:']);
    const target = tracesUrl ?? (baseUrl === undefined ? undefined : `${baseUrl.replace(/\/$/, '')}/v1/traces`);
    if (target === undefined) return undefined;
    return { url: target, serviceName: get('OTEL_SERVICE_NAME', 'hearth') as string };
  }

  const metricsToken = get('METRICS_TOKEN', undefined);
  if (metricsToken !== undefined && metricsToken.length < 32) reader.problem('METRICS_TOKEN must be at least 32 characters long.');
  const metricsPort = get('METRICS_PORT', undefined) === undefined ? undefined : integer('METRICS_PORT', 9464, 0, 65535);

  const config: Config = {
    env: nodeEnv as Config['env'],
    host,
    port,
    baseUrl: baseUrl.replace(/\/$/, ''),
    dataDir: path.resolve(get('HEARTH_DATA_DIR', './data') as string),
    databaseUrl,
    databaseListenUrl,
    secret,
    previousSecrets: (get('HEARTH_PREVIOUS_SECRETS', '') as string)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    smtpUrl,
    mailFrom: get('MAIL_FROM', 'Hearth <no-reply@hearth.example>') as string,
    mailRetentionDays: integer('MAIL_RETENTION_DAYS', 30, 1, 365),
    modules,
    demo,
    inProcessWorker: (get('HEARTH_IN_PROCESS_WORKER', 'true') as string) === 'true' || !databaseUrl,
    jobLeaseSeconds: integer('JOB_LEASE_SECONDS', DEFAULT_LEASE_SECONDS, 2, 3600),
    logLevel,
    trustProxy: trustProxySetting(),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxEventLoopDelayMs: integer('MAX_EVENT_LOOP_DELAY_MS', 2000, 0, 60_000),
    maxRequestsInFlight: integer('MAX_REQUESTS_IN_FLIGHT', 128, 0, 100_000),
    maxHeapUsedPercent: integer('MAX_HEAP_USED_PERCENT', 90, 0, 99),
    staffIdleMinutes: integer('STAFF_IDLE_MINUTES', 30, 1, 720),
    memberIdleMinutes: integer('MEMBER_IDLE_MINUTES', 1440, 5, 43_200),
    anonymousIdleMinutes: integer('ANONYMOUS_IDLE_MINUTES', 60, 5, 1440),
    metricsToken,
    metricsPort,
    metricsHost: get('METRICS_HOST', '127.0.0.1') as string,
    tracing: tracingSetting(),
    environment: env,
  };
  if (reader.problems.length > 0) throw new ConfigError([...reader.problems]);
  return config;
}
