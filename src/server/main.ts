// The process entry point: reads the configuration, starts the server, stops it cleanly on SIGTERM / SIGINT.
import { loadConfig } from './config.ts';
import { createLogger } from './platform/logger.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);

try {
  const server = await startServer(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        log.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  log.fatal({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'Nettlege could not start');
  process.exit(1);
}
