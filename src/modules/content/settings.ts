import type { SettingsReader } from '../../platform/settings.js';

/** The content module's settings (docs/content.md, docs/configuration.md). */
export interface ContentSettings {
  /** Advice sheets and FAQs need a second editor's approval before they publish (CONTENT_SECOND_APPROVAL). */
  secondApproval: boolean;
  /** Where uploaded files are kept: under the data directory, or in an S3-compatible bucket (UPLOAD_STORE). */
  uploadStore: UploadStoreSettings;
}

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

export function readContentSettings(read: SettingsReader): ContentSettings {
  return {
    secondApproval: read.get('CONTENT_SECOND_APPROVAL', 'true') !== 'false',
    uploadStore: readUploadStoreSettings(read),
  };
}

function readUploadStoreSettings(read: SettingsReader): UploadStoreSettings {
  const kind = read.get('UPLOAD_STORE', 'directory');
  if (kind === 'directory') return { kind };
  if (kind !== 's3') {
    read.problem(`UPLOAD_STORE must be directory or s3, not "${kind}".`);
    return { kind: 'directory' };
  }
  const required = (name: string) => {
    const value = read.get(name);
    if (value === undefined) read.problem(`${name} must be set when UPLOAD_STORE is s3.`);
    return value ?? '';
  };
  const region = required('S3_REGION');
  const bucket = required('S3_BUCKET');
  const accessKeyId = required('S3_ACCESS_KEY_ID');
  const secretAccessKey = required('S3_SECRET_ACCESS_KEY');
  if (bucket && !BUCKET_NAME.test(bucket)) {
    read.problem(`S3_BUCKET must be 3 to 63 lowercase letters, digits, dots or hyphens, not "${bucket}".`);
  }
  // Amazon's own address for the region when no other service is named.
  const endpoint =
    read.url('S3_ENDPOINT', read.get('S3_ENDPOINT', region ? `https://s3.${region}.amazonaws.com` : undefined), ['http:', 'https:']) ?? '';
  const prefix = read.get('S3_PREFIX', '').replace(/^\/+|\/+$/g, '');
  // Never "." or "..", which some services and tools read as a step up.
  const badPart = (part: string) => !/^[A-Za-z0-9._-]+$/.test(part) || part === '.' || part === '..';
  if (prefix !== '' && prefix.split('/').some(badPart)) {
    read.problem(`S3_PREFIX must be names of letters, digits, ".", "_" or "-", separated by "/", not "${prefix}".`);
  }
  return {
    kind,
    endpoint: endpoint.replace(/\/+$/, ''),
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: read.get('S3_FORCE_PATH_STYLE', 'false') === 'true',
    prefix: prefix ? `${prefix}/` : '',
  };
}
