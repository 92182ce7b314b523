/**
 * Whether an error means the database cannot be reached now (stopped, restarting, failing over, out of connections),
 * as opposed to a fault in Hearth. Such a request is answered 503 with Retry-After, so that people and load balancers
 * wait and try again rather than being shown a fault to report; the pool reconnects by itself once the server is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE class 08 is "connection exception"; the others are a server shutting down, starting, or full.
    if (/^08[0-9A-Z]{3}$/.test(code) || SERVER_GONE.has(code)) return true;
  }
  return typeof message === 'string' && POOL_MESSAGES.some((pattern) => pattern.test(message));
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
// What node-postgres says when a connection ends under a query, or none comes within connectionTimeoutMillis.
const POOL_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client has encountered a connection error/];

/**
 * Whether the database could not write because the disk under it is full (SQLSTATE 53100, disk_full: "could not extend
 * file … No space left on device"). PostgreSQL and PGlite both refuse the one statement and keep running: what was
 * written before is intact, reads go on working, and writes succeed again once space is freed, with no restart.
 */
export function isStorageFull(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '53100' || (typeof message === 'string' && /No space left on device/.test(message));
}
