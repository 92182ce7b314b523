import path from 'node:path';
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
  /** Signs cookies and seals two-factor secrets. */
  secret: string;
  /** Earlier values of HEARTH_SECRET, still accepted for reading while `hearth reseal` moves everything to the new one. */
  previousSecrets: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  modules: string[] | 'all';
  demo: boolean;
  /** Run the jobs worker inside the web process (always true on PGlite). */
  inProcessWorker: boolean;
  logLevel: string;
  /** Behind a load balancer, trust its X-Forwarded-For so that throttling sees the real address. */
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** Answer 503 when the event loop lags this long; 0 turns load shedding off. */
  maxEventLoopDelayMs: number;
  staffIdleMinutes: number;
  memberIdleMinutes: number;
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
  const smtpUrl = url('SMTP_URL', get('SMTP_URL', undefined), ['smtp:', 'smtps:']);
  const secret = get('HEARTH_SECRET', production ? undefined : DEVELOPMENT_SECRET, { requireInProduction: true }) ?? '';
  if (production && secret.length > 0 && secret.length < 32) {
    reader.problem('HEARTH_SECRET must be at least 32 characters long.');
  }
  const baseUrl = url('BASE_URL', get('BASE_URL', `http://localhost:${port}`, { requireInProduction: true }), ['http:', 'https:']) ?? '';
  const demo = (get('HEARTH_DEMO', production ? 'false' : 'true') as string) === 'true';
  if (production && demo) {
    reader.problem('HEARTH_DEMO cannot be true in production: demo accounts share a published password.');
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
  const logLevel = get('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info') as string;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    reader.problem(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent, not "${logLevel}".`);
  }

  const config: Config = {
    env: nodeEnv as Config['env'],
    host,
    port,
    baseUrl: baseUrl.replace(/\/$/, ''),
    dataDir: path.resolve(get('HEARTH_DATA_DIR', './data') as string),
    databaseUrl,
    secret,
    previousSecrets: (get('HEARTH_PREVIOUS_SECRETS', '') as string)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    smtpUrl,
    mailFrom: get('MAIL_FROM', 'Hearth <no-reply@hearth.example>') as string,
    modules,
    demo,
    inProcessWorker: (get('HEARTH_IN_PROCESS_WORKER', 'true') as string) === 'true' || !databaseUrl,
    logLevel,
    trustProxy: (get('TRUST_PROXY', 'false') as string) === 'true',
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxEventLoopDelayMs: integer('MAX_EVENT_LOOP_DELAY_MS', 2000, 0, 60_000),
    staffIdleMinutes: integer('STAFF_IDLE_MINUTES', 30, 1, 720),
    memberIdleMinutes: integer('MEMBER_IDLE_MINUTES', 1440, 5, 43_200),
    environment: env,
  };
  if (reader.problems.length > 0) throw new ConfigError([...reader.problems]);
  return config;
}
