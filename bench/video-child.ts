// A server for bench:video in a process of its own: the product ('product', configured from the environment) or a bare
// `ws` server ('bare' PORT). Asked over IPC, it collects garbage and answers its resident memory, so both are measured alike.
import { WebSocketServer } from 'ws';
import { loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { startServer } from '../src/server/server.ts';

const [kind, port] = process.argv.slice(2);
if (kind === 'bare') new WebSocketServer({ port: Number(port), host: '127.0.0.1' });
else {
  const config = loadConfig();
  await startServer(config, createLogger(config.logLevel));
}
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (m: unknown) => {
  if (m !== 'measure') return;
  gc?.();
  gc?.();
  setTimeout(() => process.send?.({ rssKb: Math.round(process.memoryUsage().rss / 1024), ready: true }), 200);
});
process.send?.({ ready: true });
