// A server for bench:video in a process of its own: the product ('product', configured from the environment) or a bare
// `ws` server ('bare' PORT). Asked over IPC, it collects garbage and answers its resident memory, so both are measured alike.
import { WebSocketServer } from 'ws';
import { loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { startServer } from '../src/server/server.ts';

const [kind, port] = process.argv.slice(2);
if (kind === 'bare') {
  const wss = new WebSocketServer({ port: Number(port), host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
} else {
  const config = loadConfig();
  await startServer(config, createLogger(config.logLevel));
}
// The 'last-resort' flavour is V8's full collection under memory pressure: it also compacts and gives free pages back,
// so both servers are measured by what they hold, not by heap space a burst of work left behind.
const gc = (globalThis as { gc?: (o?: object) => void }).gc;
process.on('message', (m: unknown) => {
  if (m !== 'measure') return;
  gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  setTimeout(() => {
    const u = process.memoryUsage();
    console.error('bench:video: server memory (KiB)', JSON.stringify({ rss: u.rss >> 10, heap: u.heapUsed >> 10, heapTotal: u.heapTotal >> 10 }));
    process.send?.({ rssKb: Math.round(u.rss / 1024), ready: true });
  }, 200);
});
process.send?.({ ready: true });
