// Where stored files live: FILE_STORE picks the local disk (the default) or an S3-compatible bucket.
import path from 'node:path';

export interface S3Config {
  /** Base URL of the S3 API, e.g. https://s3.eu-north-1.amazonaws.com or a MinIO/Ceph/Scaleway address. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (https://host/bucket/key) rather than the host name; what most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Sent as x-amz-server-side-encryption on every upload when set (AES256, or aws:kms with the bucket's key). */
  serverSideEncryption?: 'AES256' | 'aws:kms';
}

export interface FilesConfig {
  store: 'local' | 's3';
  localDir: string;
  s3?: S3Config;
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

function s3Config(env: Env): S3Config {
  const missing = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !str(env, name));
  if (missing.length > 0) throw new Error(`FILE_STORE=s3 needs ${missing.join(', ')}`);
  const endpoint = str(env, 'S3_ENDPOINT')!;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`S3_ENDPOINT must be a URL such as https://s3.example.com, got "${endpoint}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`S3_ENDPOINT must be http(s), got "${endpoint}"`);
  if (url.search || url.hash) throw new Error('S3_ENDPOINT must not have a query or fragment');
  const sse = str(env, 'S3_SSE');
  if (sse !== undefined && sse !== 'AES256' && sse !== 'aws:kms') throw new Error(`S3_SSE must be AES256 or aws:kms, got "${sse}"`);
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    bucket: str(env, 'S3_BUCKET')!,
    region: str(env, 'S3_REGION') ?? 'us-east-1',
    accessKeyId: str(env, 'S3_ACCESS_KEY_ID')!,
    secretAccessKey: str(env, 'S3_SECRET_ACCESS_KEY')!,
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', true),
    ...(sse ? { serverSideEncryption: sse } : {}),
  };
}

export function readFilesConfig(env: Env, dataDir: string): FilesConfig {
  const store = str(env, 'FILE_STORE') ?? 'local';
  if (store !== 'local' && store !== 's3') throw new Error(`FILE_STORE must be local or s3, got "${store}"`);
  const localDir = path.resolve(str(env, 'FILES_DIR') ?? path.join(dataDir, 'files'));
  return store === 's3' ? { store, localDir, s3: s3Config(env) } : { store, localDir };
}
