// Files in an S3-compatible bucket (AWS, MinIO, Ceph, Scaleway, ...): single-object PUT, GET, HEAD and DELETE over
// fetch, signed with AWS Signature Version 4 (aws4), the payload's SHA-256 included in the signature.
import aws4 from 'aws4';
import type { OutgoingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { S3Config } from './config.ts';
import { assertValidFileKey } from './keys.ts';
import type { FileStore } from './store.ts';

const TIMEOUT_MS = 30_000;
// S3 asks clients to retry 500 and 503 (SlowDown); every request here is idempotent, so a retry is safe.
const RETRY_DELAYS_MS = [200, 1000];
const RETRIED_STATUS = new Set([500, 502, 503, 504]);

export class S3RequestError extends Error {
  readonly status: number | undefined;
  /** S3's error code (NoSuchBucket, AccessDenied, SignatureDoesNotMatch, ...), when it sent one. */
  readonly code: string | undefined;

  constructor(message: string, status: number | undefined, code: string | undefined, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'S3RequestError';
    this.status = status;
    this.code = code;
  }
}

async function errorCode(res: Response): Promise<string | undefined> {
  const text = await res.text().catch(() => '');
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

export class S3Store implements FileStore {
  readonly kind = 's3';
  readonly #config: S3Config;

  constructor(config: S3Config) {
    this.#config = config;
  }

  private urlOf(key: string): URL {
    assertValidFileKey(key); // also keeps the key free of anything that would need percent-encoding
    const { endpoint, bucket, forcePathStyle } = this.#config;
    const base = new URL(endpoint);
    const prefix = base.pathname.replace(/\/+$/, '');
    if (forcePathStyle) return new URL(`${base.origin}${prefix}/${bucket}/${key}`);
    return new URL(`${base.protocol}//${bucket}.${base.host}${prefix}/${key}`);
  }

  private async send(method: 'PUT' | 'GET' | 'HEAD' | 'DELETE', key: string, body?: Buffer, headers: OutgoingHttpHeaders = {}): Promise<Response> {
    const url = this.urlOf(key);
    const { region, accessKeyId, secretAccessKey } = this.#config;
    for (let attempt = 0; ; attempt++) {
      // Signed afresh on each attempt: the signature covers the time.
      const signed = aws4.sign(
        { host: url.host, path: url.pathname, method, service: 's3', region, headers: { ...headers }, ...(body ? { body } : {}) },
        { accessKeyId, secretAccessKey },
      );
      const sent: Record<string, string> = {};
      for (const [name, value] of Object.entries(signed.headers ?? {})) {
        // fetch sets Host and Content-Length itself, to the same values that were signed.
        if (value !== undefined && !['host', 'content-length'].includes(name.toLowerCase())) sent[name] = String(value);
      }
      const retryAfter = RETRY_DELAYS_MS[attempt];
      try {
        // Node's Buffers live on ordinary ArrayBuffers; the DOM typing only fears a SharedArrayBuffer.
        const payload = body as Buffer<ArrayBuffer> | undefined;
        const res = await fetch(url, { method, headers: sent, body: payload, signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!RETRIED_STATUS.has(res.status) || retryAfter === undefined) return res;
        await res.body?.cancel();
      } catch (err) {
        if (retryAfter === undefined) throw new S3RequestError(`S3 ${method} ${key} failed: ${(err as Error).message}`, undefined, undefined, err);
      }
      await sleep(retryAfter);
    }
  }

  private async failure(method: string, key: string, res: Response): Promise<S3RequestError> {
    const code = method === 'HEAD' ? undefined : await errorCode(res);
    return new S3RequestError(`S3 ${method} ${key}: ${res.status}${code ? ` ${code}` : ''}`, res.status, code);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const sse = this.#config.serverSideEncryption;
    const res = await this.send('PUT', key, body, { 'Content-Type': contentType, ...(sse ? { 'x-amz-server-side-encryption': sse } : {}) });
    if (!res.ok) throw await this.failure('PUT', key, res);
    await res.body?.cancel();
  }

  async get(key: string): Promise<Buffer | undefined> {
    const res = await this.send('GET', key);
    if (res.ok) return Buffer.from(await res.arrayBuffer());
    const error = await this.failure('GET', key, res);
    if (res.status === 404 && error.code !== 'NoSuchBucket') return undefined;
    throw error;
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const error = await this.failure('DELETE', key, res);
    if (res.status === 404 && error.code !== 'NoSuchBucket') return;
    throw error;
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.send('HEAD', key);
    await res.body?.cancel();
    if (res.ok) return true;
    if (res.status === 404) return false;
    throw await this.failure('HEAD', key, res);
  }
}
