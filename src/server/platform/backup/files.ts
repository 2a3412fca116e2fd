// The local file store (photos, attachments, data exports) copied out to a backup's files/ and back, each file hashed
// on the way; the store's own temporary files (hidden names) are never taken.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isValidFileKey } from '../../files/keys.ts';
import { BackupInvalidError, type FileEntry } from './manifest.ts';
import { RestoreRefusedError } from './load.ts';

async function copyHashing(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { mode: 0o600, flags: 'wx' }));
  return { bytes, sha256: hash.digest('hex') };
}

/** Every stored file's key under `root`, sorted; a missing root is an empty store. */
async function storedKeys(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter(isValidFileKey)
    .sort();
}

export async function backupFiles(storeDir: string, backupDir: string): Promise<{ entries: FileEntry[]; vanished: number }> {
  const entries: FileEntry[] = [];
  let vanished = 0;
  for (const key of await storedKeys(storeDir)) {
    try {
      entries.push({ key, ...(await copyHashing(path.join(storeDir, key), path.join(backupDir, 'files', key))) });
    } catch (err) {
      // Deleted between the listing and the copy (a retention job ran): it is gone from the store too.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await rm(path.join(backupDir, 'files', key), { force: true });
      vanished++;
    }
  }
  return { entries, vanished };
}

export async function assertEmptyStore(storeDir: string): Promise<void> {
  const keys = await storedKeys(storeDir);
  if (keys.length) throw new RestoreRefusedError(`the file store ${storeDir} already holds ${keys.length} files: a restore goes only into an empty one (a new DATA_DIR or FILES_DIR)`);
}

/** Copies each file in under a temporary name and renames it once its checksum is right, so no damaged file is served. */
export async function restoreFiles(backupDir: string, entries: FileEntry[], storeDir: string): Promise<void> {
  for (const f of entries) {
    const target = path.join(storeDir, ...f.key.split('/'));
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.restore.tmp`);
    const got = await copyHashing(path.join(backupDir, 'files', f.key), temp);
    if (got.sha256 !== f.sha256 || got.bytes !== f.bytes) {
      await rm(temp, { force: true });
      throw new BackupInvalidError(`files/${f.key} changed while it was restored`);
    }
    await rename(temp, target);
  }
}
