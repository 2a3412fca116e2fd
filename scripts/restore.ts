// npm run restore -- <backup directory>: a backup into this installation's database and local file store (the same
// DATABASE_URL, DATA_DIR and FILES_DIR as the server), which must both be empty. Run it with the server stopped.
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { restoreFromBackup } from '../src/server/platform/backup/restore.ts';
import { createLogger } from '../src/server/platform/logger.ts';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
  console.log('usage: npm run restore -- <backup directory>   (into DATABASE_URL or the embedded PostgreSQL in DATA_DIR, and FILES_DIR; both must be empty)');
  process.exit(args.length === 1 ? 0 : 2);
}
try {
  await restoreFromBackup(loadConfig(), path.resolve(process.env.INIT_CWD ?? '.', args[0]!), createLogger('warn'), (line) => console.log(line));
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
