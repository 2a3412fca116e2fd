// npm run backup [-- <directory>]: the database and the local file store of this installation (the same DATABASE_URL,
// DATA_DIR and FILES_DIR as the server) into a new directory, by default backups/<time>. Safe while the server runs.
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { backUp } from '../src/server/platform/backup/backup.ts';
import { createLogger } from '../src/server/platform/logger.ts';

const [target, ...rest] = process.argv.slice(2);
if (rest.length || target === '--help' || target === '-h') {
  console.log('usage: npm run backup [-- <new directory>]   (default backups/<time>; reads DATABASE_URL or DATA_DIR, and FILES_DIR, as the server does)');
  process.exit(rest.length ? 2 : 0);
}
// npm runs scripts in the project's folder: a directory given is taken from where the command was typed.
const outDir = target ? path.resolve(process.env.INIT_CWD ?? '.', target) : path.resolve('backups', new Date().toISOString().replace(/[:.]/g, '-'));
try {
  await backUp(loadConfig(), outDir, createLogger('warn'), (line) => console.log(line));
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
