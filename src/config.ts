import { isIP } from 'node:net';
import path from 'node:path';

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
  /** Days a message is kept (its body only until it is sent) before the daily clean deletes it. */
  mailRetentionDays: number;
  modules: string[] | 'all';
  demo: boolean;
  /** Run the jobs worker inside the web process (always true on PGlite). */
  inProcessWorker: boolean;
  logLevel: string;
  /**
   * Behind a load balancer: the addresses of the proxies whose X-Forwarded-For is believed, so that throttling and the
   * audit see the visitor's address. False believes none.
   */
  trustProxy: false | string[];
  bodyLimitBytes: number;
  /** Answer 503 when the event loop lags this long; 0 turns load shedding off. */
  maxEventLoopDelayMs: number;
  staffIdleMinutes: number;
  memberIdleMinutes: number;
  /** Minutes after which a session with nobody signed in (guided-advice answers, a half-sent form) is deleted. */
  anonymousIdleMinutes: number;
  // --- Advice line (module helpline) ---
  /** Months a callback request's personal details are kept before the purge job empties them. */
  helplineRetentionMonths: number;
  /** Callbacks an adviser team can make in one half-hour slot. */
  helplineSlotCapacity: number;
  /** Callback requests one address may send an hour (per instance), on top of the limit per phone number. */
  helplineRequestsPerHour: number;
  // --- end advice line ---
  // --- supporters module (newsletter) ---
  /** Newsletter messages per minute across the whole list; batches are spread out to keep to it. */
  newsletterRatePerMinute: number;
  /** Recipients per newsletter job. */
  newsletterBatchSize: number;
  // --- end supporters module ---
  // --- content module ---
  /** Advice sheets and FAQs need a second editor's approval before they publish (CONTENT_SECOND_APPROVAL). */
  contentSecondApproval: boolean;
  /** Where uploaded files are kept: under dataDir, or in an S3-compatible bucket (UPLOAD_STORE). */
  uploadStore: UploadStoreSettings;
  // --- end content module ---
  // --- boards module settings (see docs/boards.md) ---
  boards: BoardsSettings;
  // --- end boards module settings ---
}

// --- content module: upload store ---
export type UploadStoreSettings = { kind: 'directory' } | ({ kind: 's3' } & S3Settings);

export interface S3Settings {
  /** The service's address, for example https://s3.eu-west-2.amazonaws.com or http://127.0.0.1:9000 for MinIO. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** Never logged, and never put in an error message. */
  secretAccessKey: string;
  /** Address the bucket as <endpoint>/<bucket>/… rather than <bucket>.<endpoint host>/…; MinIO usually needs this. */
  forcePathStyle: boolean;
  /** Put before every object's name, ending in "/" (or empty), so one bucket can hold more than Hearth's files. */
  prefix: string;
}

/** S3 and compatible services allow 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// --- end content module: upload store ---

// --- boards module settings ---
export interface BoardsSettings {
  /** Posts one member may make in any minute, and in any hour, before being asked to wait. */
  postsPerMinute: number;
  postsPerHour: number;
  /** Words and phrases that suggest someone may be in danger; null keeps Hearth's own list. */
  dangerWords: string[] | null;
  /** Names of local schools and streets that would identify a family if posted. */
  identifyingNames: string[];
}

function listSetting(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
// --- end boards module settings ---

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Hearth cannot start because of its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const DEVELOPMENT_SECRET = 'hearth-development-secret-not-for-production';

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production, not "${nodeEnv}".`);
  }
  const production = nodeEnv === 'production';

  function get(name: string, fallback: string | undefined, options: { requireInProduction?: boolean } = {}) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (production && options.requireInProduction) {
      problems.push(`${name} must be set in production.`);
    }
    return fallback;
  }

  function integer(name: string, fallback: number, min: number, max: number) {
    const raw = get(name, String(fallback)) as string;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
      return fallback;
    }
    return value;
  }

  function url(name: string, value: string | undefined, protocols: string[]) {
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${parsed.protocol}//".`);
      }
    } catch {
      problems.push(`${name} is not a valid URL.`);
    }
    return value;
  }

  const port = integer('PORT', 3000, 0, 65535);
  const host = get('HOST', '127.0.0.1') as string;
  const databaseUrl = url('DATABASE_URL', get('DATABASE_URL', undefined), ['postgres:', 'postgresql:']);
  const smtpUrl = url('SMTP_URL', get('SMTP_URL', undefined), ['smtp:', 'smtps:']);
  const baseUrl = url('BASE_URL', get('BASE_URL', `http://localhost:${port}`, { requireInProduction: true }), ['http:', 'https:']) ?? '';
  // Demo mode is always asked for (`npm start` asks for it), never assumed because NODE_ENV was left unset: a server
  // started without settings must not have accounts with a published password, or a secret anyone can read here.
  const demo = (get('HEARTH_DEMO', 'false') as string) === 'true';
  if (production && demo) {
    problems.push(
      'HEARTH_DEMO cannot be true in production: demo accounts share a published password. (`npm start` is the demo; start production with `npx hearth start`.)',
    );
  }
  const secret = get('HEARTH_SECRET', demo && !production ? DEVELOPMENT_SECRET : undefined) ?? '';
  if (secret === '') {
    problems.push('HEARTH_SECRET must be set, to 32 characters or more, unless HEARTH_DEMO is true.');
  } else if (secret.length < 32) {
    problems.push('HEARTH_SECRET must be at least 32 characters long.');
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
      problems.push(
        `TRUST_PROXY=${raw} is not accepted, because it would let a visitor choose the address that throttling and the audit log see. Set it to the addresses of the proxies in front of Hearth, for example 10.0.0.0/8 or 192.0.2.10,192.0.2.11.`,
      );
      return false;
    }
    const addresses = listSetting(raw);
    const proxyAddress = (item: string) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
      const [address, bits, ...rest] = item.split('/');
      if (rest.length > 0 || !isIP(address ?? '')) return false;
      const max = isIP(address!) === 4 ? 32 : 128;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    };
    if (addresses.length === 0 || !addresses.every(proxyAddress)) {
      problems.push(
        `TRUST_PROXY must be false or a comma-separated list of proxy addresses (IP addresses, ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal), not "${raw}".`,
      );
      return false;
    }
    return addresses;
  }

  const logLevel = get('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info') as string;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent, not "${logLevel}".`);
  }

  // --- content module: upload store ---
  function uploadStoreSettings(): UploadStoreSettings {
    const kind = get('UPLOAD_STORE', 'directory') as string;
    if (kind === 'directory') return { kind };
    if (kind !== 's3') {
      problems.push(`UPLOAD_STORE must be directory or s3, not "${kind}".`);
      return { kind: 'directory' };
    }
    const required = (name: string) => {
      const value = get(name, undefined);
      if (value === undefined) problems.push(`${name} must be set when UPLOAD_STORE is s3.`);
      return value ?? '';
    };
    const region = required('S3_REGION');
    const bucket = required('S3_BUCKET');
    const accessKeyId = required('S3_ACCESS_KEY_ID');
    const secretAccessKey = required('S3_SECRET_ACCESS_KEY');
    if (bucket && !BUCKET_NAME.test(bucket)) {
      problems.push(`S3_BUCKET must be 3 to 63 lowercase letters, digits, dots or hyphens, not "${bucket}".`);
    }
    // Amazon's own address for the region when no other service is named.
    const endpoint =
      url('S3_ENDPOINT', get('S3_ENDPOINT', region ? `https://s3.${region}.amazonaws.com` : undefined), ['http:', 'https:']) ?? '';
    const prefix = (get('S3_PREFIX', '') as string).replace(/^\/+|\/+$/g, '');
    // Never "." or "..", which some services and tools read as a step up.
    const badPart = (part: string) => !/^[A-Za-z0-9._-]+$/.test(part) || part === '.' || part === '..';
    if (prefix !== '' && prefix.split('/').some(badPart)) {
      problems.push(`S3_PREFIX must be names of letters, digits, ".", "_" or "-", separated by "/", not "${prefix}".`);
    }
    return {
      kind,
      endpoint: endpoint.replace(/\/+$/, ''),
      region,
      bucket,
      accessKeyId,
      secretAccessKey,
      forcePathStyle: (get('S3_FORCE_PATH_STYLE', 'false') as string) === 'true',
      prefix: prefix ? `${prefix}/` : '',
    };
  }
  // --- end content module: upload store ---

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
    mailRetentionDays: integer('MAIL_RETENTION_DAYS', 30, 1, 365),
    modules,
    demo,
    inProcessWorker: (get('HEARTH_IN_PROCESS_WORKER', 'true') as string) === 'true' || !databaseUrl,
    logLevel,
    trustProxy: trustProxySetting(),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxEventLoopDelayMs: integer('MAX_EVENT_LOOP_DELAY_MS', 2000, 0, 60_000),
    staffIdleMinutes: integer('STAFF_IDLE_MINUTES', 30, 1, 720),
    memberIdleMinutes: integer('MEMBER_IDLE_MINUTES', 1440, 5, 43_200),
    anonymousIdleMinutes: integer('ANONYMOUS_IDLE_MINUTES', 60, 5, 1440),
    // --- Advice line (module helpline) ---
    helplineRetentionMonths: integer('HELPLINE_RETENTION_MONTHS', 12, 1, 120),
    helplineSlotCapacity: integer('HELPLINE_SLOT_CAPACITY', 2, 1, 100),
    helplineRequestsPerHour: integer('HELPLINE_REQUESTS_PER_HOUR', 20, 1, 10_000),
    // --- end advice line ---
    // --- supporters module (newsletter) ---
    newsletterRatePerMinute: integer('NEWSLETTER_RATE_PER_MINUTE', 600, 1, 10_000_000),
    newsletterBatchSize: integer('NEWSLETTER_BATCH_SIZE', 100, 1, 5000),
    // --- end supporters module ---
    // --- content module ---
    contentSecondApproval: (get('CONTENT_SECOND_APPROVAL', 'true') as string) !== 'false',
    uploadStore: uploadStoreSettings(),
    // --- end content module ---
    // --- boards module settings ---
    boards: {
      postsPerMinute: integer('BOARDS_POSTS_PER_MINUTE', 4, 1, 10_000),
      postsPerHour: integer('BOARDS_POSTS_PER_HOUR', 30, 1, 100_000),
      dangerWords: env.BOARDS_DANGER_WORDS ? listSetting(env.BOARDS_DANGER_WORDS) : null,
      identifyingNames: listSetting(env.BOARDS_IDENTIFYING_NAMES),
    },
    // --- end boards module settings ---
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
