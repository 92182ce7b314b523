import { stdSerializers, type DestinationStream, type LoggerOptions } from 'pino';
import type { Config } from '../config.js';

/**
 * Names whose values are secrets wherever they appear in a logged object: at the top of a line, or one level down
 * (`body.password`, `config.databaseUrl`, `headers.cookie`). Nothing logs these today; the list is here so that a
 * later `log.info({ body })` or `log.debug({ config })` cannot leak them.
 */
const SECRET_NAMES = [
  'password',
  'newPassword',
  'currentPassword',
  'confirmPassword',
  'passwordHash',
  'password_hash',
  'totp',
  'totpCode',
  'totpSecret',
  'totp_secret',
  'recoveryCode',
  '_csrf',
  'csrf',
  'csrfToken',
  'token',
  'secret',
  'previousSecrets',
  'databaseUrl',
  'smtpUrl',
  'metricsToken',
  'authorization',
  'cookie',
  'cookies',
  'set-cookie',
  'x-csrf-token',
];

/**
 * Paths pino replaces with "[redacted]". `code` is redacted only inside a body, as elsewhere it is an error's code
 * (FST_CSRF_INVALID_TOKEN, 23505), which support needs. Errors are logged under `err`: PGlite's errors carry the
 * query's parameters (a password hash, an address), a database error's detail names the values of a row ("Key
 * (email)=(…) already exists"), and Node's URL errors carry the URL they could not read.
 */
export const REDACTED_PATHS = [
  ...SECRET_NAMES.flatMap((name) => [`["${name}"]`, `*["${name}"]`]),
  'body.code',
  'req.body.code',
  'req.headers.authorization',
  'req.headers.cookie',
  'err.params',
  'err.detail',
  'err.parameters',
  'err.queryOptions',
  'err.input',
  'err.config',
];

/** `scheme://user:password@host` with the password replaced: database and SMTP URLs turn up in error messages. */
export function withoutCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[redacted]@');
}

/** PostgreSQL quotes the value it could not read: `invalid input syntax for type integer: "…"`. */
const REJECTED_VALUE = /(for type [^:"]+: )".*"/g;

function withoutSecrets(text: string): string {
  return withoutCredentials(text).replace(REJECTED_VALUE, '$1[redacted]');
}

function serializeError(error: Error) {
  const serialized = stdSerializers.err(error);
  if (typeof serialized.message === 'string') serialized.message = withoutSecrets(serialized.message);
  if (typeof serialized.stack === 'string') serialized.stack = withoutSecrets(serialized.stack);
  return serialized;
}

/**
 * The one logger configuration, for the web app (Fastify's pino) and the worker process alike: JSON lines, errors
 * without credentials, secrets redacted. `destination` is for tests, which read what was written.
 */
export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  destination?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    formatters: {
      // Strings at the top of a line too: the jobs runner logs a failure's message as a plain string.
      log(object) {
        for (const [key, value] of Object.entries(object)) {
          if (typeof value === 'string' && value.includes('://')) object[key] = withoutCredentials(value);
        }
        return object;
      },
    },
    hooks: {
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) {
          const arg: unknown = args[i];
          if (typeof arg === 'string' && arg.includes('://')) args[i] = withoutCredentials(arg);
        }
        method.apply(this, args);
      },
    },
    ...(destination ? { stream: destination } : {}),
  };
}
