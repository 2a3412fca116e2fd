// Where photos (and later other files) are kept: one interface, the local disk or an S3-compatible bucket behind it,
// chosen here from config.
import type { Logger } from 'pino';
import type { FilesConfig } from './config.ts';
import { LocalDiskStore } from './local-disk.ts';
import { S3Store } from './s3.ts';

export interface FileStore {
  /** Stores the bytes under the key, replacing what was there. Once it resolves, the whole file is stored. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the file for good; deleting a missing key is no error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  readonly kind: 'local' | 's3';
}

export { assertValidFileKey, InvalidFileKeyError, isValidFileKey } from './keys.ts';

export function createFileStore(config: FilesConfig, log: Logger): FileStore {
  if (config.store === 's3') {
    if (!config.s3) throw new Error('FILE_STORE=s3 without S3 settings');
    log.info({ endpoint: config.s3.endpoint, bucket: config.s3.bucket, pathStyle: config.s3.forcePathStyle }, 'files are stored in S3');
    return new S3Store(config.s3);
  }
  log.info({ dir: config.localDir }, 'files are stored on the local disk');
  return new LocalDiskStore(config.localDir);
}
