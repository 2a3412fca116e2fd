// What a backup directory holds and promises: manifest.json names every data file with its row count and SHA-256, the
// migration level and pg-boss schema version it was taken at, the sequences' positions and the stored files.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidFileKey } from '../../files/keys.ts';

export const MANIFEST = 'manifest.json';
export const FORMAT = 'nettlege-backup';
export const FORMAT_VERSION = 1;

export interface TableEntry {
  schema: string;
  name: string;
  /** The columns in the data file, in its order (generated columns are left out: PostgreSQL computes them again). */
  columns: string[];
  /** The data file, relative to the backup directory: COPY's text format, UTF-8. */
  file: string;
  rows: number;
  sha256: string;
}

export interface SequenceEntry {
  schema: string;
  name: string;
  /** As a decimal string: a bigint sequence may pass what a JSON number holds exactly. */
  lastValue: string;
  isCalled: boolean;
}

export interface FileEntry {
  /** The file store's key: slash-separated, also its path under files/ in the backup. */
  key: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  database: {
    serverVersion: string;
    /** Names of the applied migrations, in order: the schema the data fits. */
    migrations: string[];
    /** pg-boss's schema version (pgboss.version), or null where pg-boss had never started. */
    pgbossVersion: number | null;
    tables: TableEntry[];
    sequences: SequenceEntry[];
  };
  files:
    | { store: 'local'; entries: FileEntry[] }
    /** The bucket's own versioning or replication keeps the files; a backup holds none of them. */
    | { store: 's3'; entries: [] };
}

export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Written last and by rename: a directory without manifest.json is an unfinished backup, never a short one. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const temp = path.join(dir, `.${MANIFEST}.${randomUUID()}.tmp`);
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path.join(dir, MANIFEST));
}

export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    throw new BackupInvalidError(`${dir} has no ${MANIFEST}: not a backup, or one that did not finish`);
  }
  const m = JSON.parse(text) as Manifest;
  if (m.format !== FORMAT) throw new BackupInvalidError(`${dir}/${MANIFEST} is not a Nettlege backup`);
  if (m.formatVersion !== FORMAT_VERSION) throw new BackupInvalidError(`the backup's format version is ${m.formatVersion}; this release reads version ${FORMAT_VERSION}`);
  const inside = (p: string) => !path.isAbsolute(p) && !path.normalize(p).startsWith('..');
  for (const t of m.database.tables) if (!inside(t.file)) throw new BackupInvalidError(`the manifest names a data file outside the backup: ${t.file}`);
  for (const f of m.files.entries) if (!isValidFileKey(f.key)) throw new BackupInvalidError(`the manifest names a file that is no file-store key: ${f.key.slice(0, 100)}`);
  return m;
}

/** Every data file and stored file against its checksum, before anything is touched. */
export async function verifyBackup(dir: string, m: Manifest): Promise<void> {
  const bad: string[] = [];
  const check = async (file: string, want: { sha256: string; bytes?: number }) => {
    try {
      const got = await sha256File(path.join(dir, file));
      if (got.sha256 !== want.sha256 || (want.bytes !== undefined && got.bytes !== want.bytes)) bad.push(`${file} (checksum differs)`);
    } catch {
      bad.push(`${file} (missing)`);
    }
  };
  for (const t of m.database.tables) await check(t.file, t);
  for (const f of m.files.entries) await check(path.join('files', f.key), f);
  if (bad.length) throw new BackupInvalidError(`the backup is damaged, nothing was restored: ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ` and ${bad.length - 10} more` : ''}`);
}
