import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { SESSION_COOKIE } from '../sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** False for routes that send bytes already compressed, or compressed once beforehand (the static assets). */
    compress?: boolean;
  }
}

export type Encoding = 'br' | 'gzip';

/** A body in each coding a browser may take, made once and kept (the page cache, the static assets). */
export interface EncodedCopies {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Below about one packet, compressing saves nothing a person would notice and costs a trip through zlib.
export const MIN_COMPRESSED_BYTES = 1024;
// For a page compressed on every request: brotli at 4 is about as quick as gzip at 6 and still smaller.
const ON_THE_FLY_BROTLI_QUALITY = 4;

const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|xml|atom\+xml|rss\+xml|javascript|ld\+json)|image\/svg\+xml)/i;

export function compressible(contentType: unknown): boolean {
  return typeof contentType === 'string' && COMPRESSIBLE.test(contentType);
}

/**
 * The coding to send, from Accept-Encoding: brotli before gzip when both are acceptable, whatever the client's order,
 * because it is smaller. A coding with q=0 is refused; `*` stands for any coding not named.
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of String(acceptEncoding).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    weights.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const accepts = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** Both codings at their best, for something compressed once and sent many times. */
export async function encodeOnce(body: string | Buffer): Promise<EncodedCopies> {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (identity.length < MIN_COMPRESSED_BYTES) return { identity };
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip(identity, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  return { identity, br, gzip: gz };
}

/** An ETag for each coding: a strong tag must not stand for two different sets of bytes. */
export interface EncodedTags {
  identity: string;
  br: string;
  gzip: string;
}

export function tagsFor(identity: string | Buffer): EncodedTags {
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return { identity: `"${tag}"`, br: `"${tag}-br"`, gzip: `"${tag}-gz"` };
}

/** If-None-Match names any coding's tag: the client's copy, in whichever coding it came, is still the current one. */
export function stillFresh(ifNoneMatch: string | undefined, tags: EncodedTags): boolean {
  if (!ifNoneMatch) return false;
  const known = new Set<string>([tags.identity, tags.br, tags.gzip]);
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || known.has(tag);
  });
}

/**
 * Answers from copies made beforehand: the copy in the coding this request takes, with Content-Encoding, Vary and the
 * ETag to match, or 304 when the client's copy is current.
 */
export function sendEncoded(request: FastifyRequest, reply: FastifyReply, copies: EncodedCopies, tags: EncodedTags, contentType: string) {
  const body = sendableCopy(request, reply, copies);
  const encoding = reply.getHeader('content-encoding') as Encoding | undefined;
  reply.header('etag', tags[encoding ?? 'identity']);
  if (stillFresh(request.headers['if-none-match'], tags)) {
    reply.removeHeader('content-encoding');
    return reply.code(304).send();
  }
  return reply.type(contentType).send(body);
}

/** Adds Accept-Encoding to Vary, keeping whatever Vary already named. */
export function varyOnEncoding(reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  const names =
    vary === undefined
      ? []
      : String(vary)
          .split(',')
          .map((v) => v.trim());
  if (!names.some((n) => n.toLowerCase() === 'accept-encoding' || n === '*')) {
    reply.header('vary', [...names.filter(Boolean), 'Accept-Encoding'].join(', '));
  }
}

/**
 * Picks the copy for this request, and sets Content-Encoding and Vary to match. With no compressed copy (a tiny body),
 * the body goes as it is and nothing varies.
 */
export function sendableCopy(request: FastifyRequest, reply: FastifyReply, copies: EncodedCopies): Buffer {
  if (!copies.br && !copies.gzip) return copies.identity;
  varyOnEncoding(reply);
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const encoded = encoding ? copies[encoding] : undefined;
  if (!encoding || !encoded) return copies.identity;
  reply.header('content-encoding', encoding);
  return encoded;
}

/**
 * BREACH: a page that holds a secret and also echoes what a request put in it (a search term) can give the secret away
 * through its compressed length, to someone who can make the victim's browser send requests and can watch their size
 * on the network. Anything seen by someone with a session (signed in, or part-way through a guided-advice flow or a
 * form) may hold their personal data, so it is never compressed; nor is a response that starts a session. Pages for
 * visitors without one hold no secret but the CSRF token, which is new for every response (a fresh random salt), so
 * its length reveals nothing. The API knows people only by a bearer token that no browser adds by itself, so no other
 * site can send requests as them. See docs/security.md.
 */
export function mayHoldPersonalData(request: FastifyRequest): boolean {
  if (request.api) return false;
  // Null when a request was turned away before the session was loaded (an overloaded server's 503).
  const session = request.session as typeof request.session | null;
  return Boolean(request.principal || request.cookies?.[SESSION_COOKIE] !== undefined || session?.idHash || session?.dirty);
}

const compressOnTheFly: onSendHookHandler = async (request, reply, payload) => {
  if (request.routeOptions.config.compress === false || reply.hasHeader('content-encoding')) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const status = reply.statusCode;
  if (status === 204 || status === 206 || status === 304 || !compressible(reply.getHeader('content-type'))) return payload;
  // The cheap question first: measuring a long page's text in bytes costs milliseconds.
  if (mayHoldPersonalData(request) || Buffer.byteLength(payload) < MIN_COMPRESSED_BYTES) return payload;
  varyOnEncoding(reply);
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (!encoding) return payload;
  const body =
    encoding === 'br'
      ? await brotli(payload, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: ON_THE_FLY_BROTLI_QUALITY } })
      : await gzip(payload, { level: zlib.constants.Z_DEFAULT_COMPRESSION });
  reply.header('content-encoding', encoding).removeHeader('content-length');
  return body;
};

/**
 * Compresses responses that were not compressed beforehand. Added to each route as the route's own last onSend hook,
 * because route hooks run after every instance hook: a plugin's own onSend (the boards keep a thread's page) still
 * sees the page as text. Call it before any route is registered.
 */
export function setUpCompression(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const own = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = [...own, compressOnTheFly];
  });
}
