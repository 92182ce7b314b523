import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isStorageFull } from './db/unavailable.js';
import type { FieldError } from './validation.js';

/** Set from the matched route by `setUpRequestKind`, never from the raw URL. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.api;
}

export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** A short name, turned into the problem's type URI. */
  kind: string;
  errors?: FieldError[];
}

/** RFC 9457 problem details: the one shape of every API error. */
export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `urn:hearth:problem:${problem.kind}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: reply.request.id,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
}

/** An error a route throws on purpose: shown to the person as it is, with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly title: string,
    readonly detail: string,
    readonly kind = 'error',
  ) {
    super(detail);
  }
}

const CLIENT_ERRORS: Record<number, { title: string; detail: string; kind: string }> = {
  400: {
    title: 'There is a problem with the request',
    detail: 'We could not read what was sent. Go back and try again.',
    kind: 'bad-request',
  },
  403: { title: 'You cannot do that', detail: 'You do not have permission to do that.', kind: 'forbidden' },
  404: { title: 'Page not found', detail: 'If you typed the web address, check it is correct.', kind: 'not-found' },
  405: { title: 'Not allowed', detail: 'That method is not allowed here.', kind: 'method-not-allowed' },
  413: { title: 'What you sent is too large', detail: 'Make it smaller and try again.', kind: 'too-large' },
  415: { title: 'Unsupported format', detail: 'Send the data as a form or as JSON.', kind: 'unsupported-media-type' },
  429: {
    title: 'Too many requests',
    detail: 'You have tried too many times. Wait a few minutes, then try again.',
    kind: 'too-many-requests',
  },
};

/** Seconds a person or load balancer is asked to wait when the database cannot be reached (as when shedding load). */
export const UNAVAILABLE_RETRY_SECONDS = 10;

function describe(error: FastifyError & Partial<HttpError>): Problem {
  if (isStorageFull(error)) {
    return {
      status: 503,
      title: 'Sorry, nothing can be saved at the moment',
      detail: 'The service has run out of storage space, so what you sent was not saved. You can still read pages. Try again later.',
      kind: 'storage-full',
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      title: 'Sorry, the service is unavailable',
      detail: 'What you sent was not saved. Try again in a minute.',
      kind: 'unavailable',
    };
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (error instanceof HttpError) return { status, title: error.title, detail: error.detail, kind: error.kind };
  if (status >= 500) {
    return { status, title: 'Sorry, there is a problem with the service', detail: 'Try again later.', kind: 'server-error' };
  }
  if (error.code?.startsWith('FST_CSRF')) {
    return {
      status: 403,
      title: 'This form has expired',
      detail:
        'For your security, forms stop working after a while or when opened in another browser. Go back, refresh the page and try again.',
      kind: 'csrf',
    };
  }
  if (error.validation) {
    return {
      status: 400,
      title: 'The request is not valid',
      detail: error.message,
      kind: 'validation',
      errors: error.validation.map((v) => ({
        field: String(v.instancePath || v.params?.missingProperty || '').replace(/^\//, ''),
        text: v.message ?? 'is not valid',
      })),
    };
  }
  const known = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]!;
  // Fastify's own messages for body errors are clear and safe ("Body is not valid JSON"), so pass them on.
  const detail =
    error.code?.startsWith('FST_ERR_CTP') || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
      ? `${known.detail} (${error.message})`
      : known.detail;
  return { status, title: known.title, detail, kind: known.kind };
}

export async function renderProblemPage(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  reply.code(problem.status);
  const fault = problem.status >= 500 && problem.kind !== 'unavailable' && problem.kind !== 'storage-full';
  const template = fault ? 'errors/500.njk' : problem.status === 404 ? 'errors/404.njk' : 'errors/problem.njk';
  return reply.page(template, { problem, reference: request.id });
}

export function setUpErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = describe(error);
    if (problem.kind === 'unavailable') {
      // One line, no stack: during an outage every request fails the same way.
      request.log.warn({ code: (error as { code?: string }).code, message: error.message }, 'database unavailable');
    } else if (problem.kind === 'storage-full') {
      // An operator must act (free space where the database keeps its files), so it is an error, but one line will do.
      request.log.error({ code: (error as { code?: string }).code, message: error.message }, 'storage full: nothing can be written');
    } else if (problem.status >= 500) {
      // The reference on the page is the request id in this log line, so support can find the stack trace.
      request.log.error({ err: error, reference: request.id }, 'request failed');
    } else {
      request.log.info({ status: problem.status, code: error.code }, problem.title);
    }
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (problem.status === 429 && headers) reply.headers(headers);
    if (problem.kind === 'unavailable' || problem.kind === 'storage-full') reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
    if (wantsJson(request)) return sendProblem(reply, problem);
    try {
      return await renderProblemPage(request, reply, problem);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      return reply.code(problem.status).type('text/plain; charset=utf-8').send(`${problem.title}. Reference: ${request.id}`);
    }
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const problem = { status: 404, ...CLIENT_ERRORS[404]! };
  if (wantsJson(request)) return sendProblem(reply, problem);
  return renderProblemPage(request, reply, problem);
}
