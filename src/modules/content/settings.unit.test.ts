import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settingsReader } from '../../platform/settings.js';
import { readContentSettings } from './settings.js';

function read(env: Record<string, string>) {
  const reader = settingsReader(env, false);
  return { settings: readContentSettings(reader), problems: [...reader.problems] };
}
const uploadStore = (env: Record<string, string>) => read(env).settings.uploadStore;
const problemsWith = (env: Record<string, string>) => read(env).problems;

describe('content settings', () => {
  it('needs a second editor for advice sheets and FAQs unless CONTENT_SECOND_APPROVAL is false', () => {
    assert.equal(read({}).settings.secondApproval, true);
    assert.equal(read({ CONTENT_SECOND_APPROVAL: 'false' }).settings.secondApproval, false);
  });

  it('keeps uploads under the data directory unless told otherwise', () => {
    assert.deepEqual(uploadStore({}), { kind: 'directory' });
    assert.deepEqual(problemsWith({ UPLOAD_STORE: 'ftp' }), ['UPLOAD_STORE must be directory or s3, not "ftp".']);
  });

  it('refuses to start with an S3 store whose settings are incomplete, naming each one and never the secret', () => {
    assert.deepEqual(problemsWith({ UPLOAD_STORE: 's3', S3_SECRET_ACCESS_KEY: 'a-secret-value' }), [
      'S3_REGION must be set when UPLOAD_STORE is s3.',
      'S3_BUCKET must be set when UPLOAD_STORE is s3.',
      'S3_ACCESS_KEY_ID must be set when UPLOAD_STORE is s3.',
    ]);
    const bad = problemsWith({
      UPLOAD_STORE: 's3',
      S3_REGION: 'eu-west-2',
      S3_BUCKET: 'Charity_Files',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'a-secret-value',
      S3_ENDPOINT: 'ftp://files.example.org',
      S3_PREFIX: 'hearth/../other',
    });
    assert.deepEqual(bad, [
      'S3_BUCKET must be 3 to 63 lowercase letters, digits, dots or hyphens, not "Charity_Files".',
      'S3_ENDPOINT must start with http:// or https://, not "ftp://".',
      'S3_PREFIX must be names of letters, digits, ".", "_" or "-", separated by "/", not "hearth/../other".',
    ]);
    assert.ok(bad.every((problem) => !problem.includes('a-secret-value')));
  });

  it("reads a complete S3 store, with Amazon's address for the region when no endpoint is named", () => {
    const complete = {
      UPLOAD_STORE: 's3',
      S3_REGION: 'eu-west-2',
      S3_BUCKET: 'charity-files',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'a-secret-value',
    };
    assert.deepEqual(uploadStore(complete), {
      kind: 's3',
      endpoint: 'https://s3.eu-west-2.amazonaws.com',
      region: 'eu-west-2',
      bucket: 'charity-files',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'a-secret-value',
      forcePathStyle: false,
      prefix: '',
    });
    const minio = uploadStore({
      ...complete,
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: '/hearth/uploads/',
    });
    assert.equal(minio.kind, 's3');
    assert.equal(minio.endpoint, 'http://127.0.0.1:9000');
    assert.equal(minio.forcePathStyle, true);
    assert.equal(minio.prefix, 'hearth/uploads/');
  });
});
