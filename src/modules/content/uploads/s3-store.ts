import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { S3Settings } from '../settings.js';
import { assertStoredName, UploadStoreError, type UploadStore } from './store.js';

/** How long to wait for the service to start answering; a hung store must not hold an editor's upload for ever. */
const ANSWER_TIMEOUT_MS = 30_000;

/** What to check for the errors a misconfigured deployment meets, named by the service's error code. */
const ADVICE: Record<string, string> = {
  SignatureDoesNotMatch: 'check S3_SECRET_ACCESS_KEY',
  InvalidAccessKeyId: 'check S3_ACCESS_KEY_ID',
  AccessDenied: 'check that the key in S3_ACCESS_KEY_ID may read, write and delete objects in the bucket',
  NoSuchBucket: 'check S3_BUCKET, and that the bucket exists',
  AuthorizationHeaderMalformed: 'check S3_REGION',
  PermanentRedirect: 'check S3_REGION and S3_ENDPOINT',
  RequestTimeTooSkewed: "check this machine's clock",
};

/**
 * Uploads kept in an S3-compatible bucket (Amazon S3, MinIO, Cloudflare R2 and others), through their common HTTP
 * interface signed with AWS Signature Version 4 by aws4fetch. Objects are named `<S3_PREFIX><stored name>`; visitors
 * never reach the bucket, since Hearth serves every file itself at the same address whichever store holds it.
 */
export function s3UploadStore(settings: S3Settings): UploadStore {
  const client = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    service: 's3',
    region: settings.region,
    // aws4fetch retries only answers of 5xx and 429, which a busy service gives and then recovers from.
    retries: 3,
  });
  const endpoint = new URL(settings.endpoint);
  const objectUrl = (name: string) => objectAddress(settings, name);

  async function send(action: string, name: string, init: RequestInit): Promise<Response> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), ANSWER_TIMEOUT_MS);
    try {
      return await client.fetch(objectUrl(name), { ...init, signal: timeout.signal });
    } catch (error) {
      const reason = timeout.signal.aborted ? `no answer in ${ANSWER_TIMEOUT_MS / 1000} seconds` : networkReason(error);
      throw new UploadStoreError(`The S3 upload store at ${endpoint.origin} could not ${action} ${name}: ${reason}; check S3_ENDPOINT.`);
    } finally {
      // Only the wait for an answer is limited: a long video may take longer than that to stream to a visitor.
      clearTimeout(timer);
    }
  }

  async function refusal(action: string, name: string, response: Response): Promise<UploadStoreError> {
    // The body is S3's XML error; its code names the problem. Nothing else from it is kept, as it may echo the request.
    const code = errorCode(await response.text().catch(() => ''));
    const advice =
      (code && ADVICE[code]) ?? (response.status === 403 ? 'check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' : 'see the S3 service');
    return new UploadStoreError(
      `The S3 upload store refused to ${action} ${name} in bucket ${settings.bucket} (${code ? `${code}, ` : ''}status ${response.status}): ${advice}.`,
    );
  }

  /** S3 always says how long an object is; a service that does not would make Hearth send a wrong length. */
  function contentLength(action: string, name: string, response: Response): number {
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isSafeInteger(length) && length >= 0) return length;
    void response.body?.cancel();
    throw new UploadStoreError(
      `The S3 upload store at ${endpoint.origin} did not say the length of ${name} when asked to ${action} it; see the S3 service.`,
    );
  }

  return {
    async put(name, bytes) {
      const response = await send('save', name, {
        method: 'PUT',
        // A view of the same memory, as fetch's types want, rather than a copy of a file that may be 200 MB.
        body: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength),
        // The checksum is signed, so the service refuses a file changed or cut short on the way.
        headers: { 'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex') },
      });
      if (!response.ok) throw await refusal('save', name, response);
      await response.body?.cancel();
    },

    async size(name) {
      const response = await send('find', name, { method: 'HEAD' });
      if (response.status === 404) return null;
      if (!response.ok) throw await refusal('find', name, response);
      return contentLength('find', name, response);
    },

    async open(name, range) {
      const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
      const response = await send('read', name, { method: 'GET', headers });
      if (!response.ok || !response.body) {
        const refused = await refusal('read', name, response);
        // A missing bucket is a broken deployment, not a missing file.
        if (response.status === 404 && !refused.message.includes('NoSuchBucket')) return null;
        throw refused;
      }
      return {
        body: Readable.fromWeb(response.body as unknown as NodeReadableStream),
        length: contentLength('read', name, response),
      };
    },

    async delete(name) {
      const response = await send('delete', name, { method: 'DELETE' });
      // S3 answers 204 whether or not the object was there.
      if (!response.ok && response.status !== 404) throw await refusal('delete', name, response);
      await response.body?.cancel();
    },
  };
}

/**
 * Where an object lives: `<endpoint>/<bucket>/<key>` (path style), or `<bucket>.<endpoint host>/<key>` (virtual-hosted
 * style, which Amazon prefers and R2 accepts).
 */
export function objectAddress(settings: Pick<S3Settings, 'endpoint' | 'bucket' | 'prefix' | 'forcePathStyle'>, name: string): string {
  assertStoredName(name);
  const address = new URL(settings.endpoint);
  const base = address.pathname.replace(/\/$/, '');
  const key = `${settings.prefix}${name}`;
  if (settings.forcePathStyle) {
    address.pathname = `${base}/${settings.bucket}/${key}`;
  } else {
    address.hostname = `${settings.bucket}.${address.hostname}`;
    address.pathname = `${base}/${key}`;
  }
  return address.href;
}

function errorCode(xml: string): string | undefined {
  return /<Code>([A-Za-z]+)<\/Code>/.exec(xml)?.[1];
}

/** Why fetch failed, from its cause: ECONNREFUSED, ENOTFOUND, a certificate problem and so on. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
