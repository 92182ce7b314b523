import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

function badEncoding(): HttpError {
  return new HttpError(
    400,
    'We could not read the form',
    'The form contained characters we could not read. Check what you typed and try again.',
    'bad-encoding',
  );
}

/** Parses a form strictly: a malformed %-escape is an error rather than silently mangled text. */
function parseForm(body: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = Object.create(null);
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const [rawKey = '', rawValue = ''] = pair.split(/=(.*)/s);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw badEncoding();
    }
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

/** PostgreSQL text cannot hold U+0000, and no person types it: refuse it here rather than fail at the database. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

export async function setUpBodyParsing(app: FastifyInstance) {
  await app.register(formbody, { parser: parseForm });
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.query) || containsNul(request.params) || containsNul(request.body)) throw badEncoding();
    // A replacement character in the raw body means its bytes were not valid UTF-8.
    if (typeof request.body === 'object' && JSON.stringify(request.body).includes('\uFFFD')) throw badEncoding();
  });
}
