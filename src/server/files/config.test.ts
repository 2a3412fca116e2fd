// File storage settings: the local disk unless told otherwise, and S3 only with everything it needs.
import { describe, expect, it } from 'vitest';
import { readFilesConfig } from './config.ts';

const S3_ENV = {
  FILE_STORE: 's3',
  S3_ENDPOINT: 'https://s3.example.no/',
  S3_BUCKET: 'nettlege-photos',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret',
};

describe('file storage settings', () => {
  it('with nothing set, files go to the local disk under the data directory', () => {
    expect(readFilesConfig({}, '/srv/nettlege')).toEqual({ store: 'local', localDir: '/srv/nettlege/files' });
    expect(readFilesConfig({ FILES_DIR: '/mnt/photos' }, '/srv/nettlege').localDir).toBe('/mnt/photos');
  });

  it('S3 takes the endpoint, bucket and keys, with us-east-1 and path-style addressing by default', () => {
    expect(readFilesConfig(S3_ENV, '/data')).toEqual({
      store: 's3',
      localDir: '/data/files',
      s3: { endpoint: 'https://s3.example.no', bucket: 'nettlege-photos', region: 'us-east-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', forcePathStyle: true },
    });
    const s3 = readFilesConfig({ ...S3_ENV, S3_REGION: 'eu-north-1', S3_FORCE_PATH_STYLE: 'false', S3_SSE: 'AES256' }, '/data').s3;
    expect(s3).toMatchObject({ region: 'eu-north-1', forcePathStyle: false, serverSideEncryption: 'AES256' });
  });

  it('FILE_STORE=s3 without its settings names what is missing', () => {
    expect(() => readFilesConfig({ FILE_STORE: 's3' }, '/data')).toThrow('FILE_STORE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY');
    expect(() => readFilesConfig({ ...S3_ENV, S3_SECRET_ACCESS_KEY: '' }, '/data')).toThrow(/needs S3_SECRET_ACCESS_KEY/);
  });

  it('refuses malformed values with the variable named', () => {
    expect(() => readFilesConfig({ FILE_STORE: 'ftp' }, '/data')).toThrow(/FILE_STORE/);
    expect(() => readFilesConfig({ ...S3_ENV, S3_ENDPOINT: 's3.example.no' }, '/data')).toThrow(/S3_ENDPOINT/);
    expect(() => readFilesConfig({ ...S3_ENV, S3_FORCE_PATH_STYLE: 'maybe' }, '/data')).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => readFilesConfig({ ...S3_ENV, S3_SSE: 'rot13' }, '/data')).toThrow(/S3_SSE/);
  });
});
