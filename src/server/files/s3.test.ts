// The S3 store against a real S3 server on loopback (s3rver, which checks SigV4 signatures), plus a bare HTTP server
// for what s3rver does not check: the payload hash and retries.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Config } from './config.ts';
import { S3RequestError, S3Store } from './s3.ts';
import { createFileStore, InvalidFileKeyError } from './store.ts';

interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverOptions = { address: string; port: number; silent: boolean; directory: string; configureBuckets: { name: string }[] };
// s3rver is CommonJS without types.
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as new (options: S3rverOptions) => S3rver;

let server: S3rver;
let directory: string;
let config: S3Config;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'nettlege-s3-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'photos' }] });
  const { port } = await server.run();
  // s3rver's one account; it refuses a request whose signature does not match this secret.
  config = { endpoint: `http://127.0.0.1:${port}`, bucket: 'photos', region: 'eu-north-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('S3 file store', () => {
  it('stores, reads, tells existence and deletes an object', async () => {
    const store = new S3Store(config);
    const key = 'econsult/0b6c2f3e-5d1a-4c1e-9d8f-1a2b3c4d5e6f/7c9e6679-7425-40de-944b-e07fc1f90ae7.jpg';
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeUndefined();

    await store.put(key, body, 'image/jpeg');
    expect(await store.exists(key)).toBe(true);
    expect((await store.get(key))?.equals(body)).toBe(true);
    // s3rver serves objects to anonymous readers: enough to see the content type went with the bytes.
    expect((await fetch(`${config.endpoint}/photos/${key}`)).headers.get('content-type')).toBe('image/jpeg');

    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key); // a second delete is no error
  });

  it('a deleted object is gone from the server\'s own storage, not just hidden', async () => {
    const store = new S3Store(config);
    const body = Buffer.from('a very recognisable photo payload 4f1c');
    await store.put('retention/gone.jpg', body, 'image/jpeg');
    const holding = async () => {
      const hits = [];
      for (const file of await filesUnder(directory)) if ((await readFile(file)).includes(body)) hits.push(file);
      return hits;
    };
    expect(await holding()).toHaveLength(1);
    await store.delete('retention/gone.jpg');
    expect(await holding()).toEqual([]);
  });

  it('uploads with server-side encryption when configured', async () => {
    const store = new S3Store({ ...config, serverSideEncryption: 'AES256' });
    await store.put('sse/photo.jpg', Buffer.from('x'), 'image/jpeg');
    expect((await store.get('sse/photo.jpg'))?.toString()).toBe('x');
    await store.delete('sse/photo.jpg');
  });

  it('a wrong secret is refused by the server (the signature is really checked)', async () => {
    const store = new S3Store({ ...config, secretAccessKey: 'not-the-secret' });
    await expect(store.put('k.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    await expect(store.get('k.jpg')).rejects.toBeInstanceOf(S3RequestError);
    expect(await new S3Store(config).exists('k.jpg')).toBe(false);
  });

  it('a missing bucket is an error, not a missing file', async () => {
    const store = new S3Store({ ...config, bucket: 'no-such-bucket' });
    await expect(store.put('k.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(store.get('k.jpg')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('refuses a bad key before sending anything', async () => {
    const store = new S3Store(config);
    await expect(store.put('../other-bucket/x.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(store.get('a/../b')).rejects.toBeInstanceOf(InvalidFileKeyError);
  });

  it('is what createFileStore gives for FILE_STORE=s3', () => {
    expect(createFileStore({ store: 's3', localDir: '/unused', s3: config }, pino({ level: 'silent' })).kind).toBe('s3');
  });
});

describe('S3 requests on the wire', () => {
  let bare: Server;
  let seen: { req: IncomingMessage; body: Buffer }[] = [];
  let failuresLeft = 0;
  let endpoint: string;

  beforeAll(async () => {
    bare = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ req, body: Buffer.concat(chunks) });
        if (failuresLeft-- > 0) res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
        else res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/s3`;
  });
  afterAll(() => new Promise<void>((resolve) => bare.close(() => resolve())));

  it('a PUT is path-style, signs the SHA-256 of its payload, and is retried after a 503', async () => {
    seen = [];
    failuresLeft = 1;
    const body = Buffer.from('photo bytes');
    await new S3Store({ ...config, endpoint, serverSideEncryption: 'aws:kms' }).put('a/b.jpg', body, 'image/jpeg');
    expect(seen).toHaveLength(2);
    const { req, body: received } = seen[1]!;
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('/s3/photos/a/b.jpg');
    expect(received.equals(body)).toBe(true);
    expect(req.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(req.headers['content-type']).toBe('image/jpeg');
    expect(req.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/eu-north-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-content-sha256;x-amz-date;x-amz-server-side-encryption, Signature=[0-9a-f]{64}$/,
    );
  });

  it('gives up after three tries with the server\'s status', async () => {
    seen = [];
    failuresLeft = 10;
    await expect(new S3Store({ ...config, endpoint }).get('a/b.jpg')).rejects.toMatchObject({ status: 503, code: 'SlowDown' });
    expect(seen).toHaveLength(3);
  });
});
