// A read load on a worker thread (so the load generator does not share the server's event loop): `clients` loops, each
// as one patient with their session, GETting one path with keep-alive for `seconds`.
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface ReadLoadOptions {
  url: string;
  cookies: string[];
  clients: number;
  seconds: number;
}

export interface ReadLoadResult {
  requests: number;
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  latenciesMs: number[];
}

async function runReads(o: ReadLoadOptions): Promise<ReadLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const r: ReadLoadResult = { requests: 0, errors: 0, firstError: undefined, elapsedMs: 0, latenciesMs: [] };
  const get = (cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(o.url, { headers: { cookie }, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i += o.clients) {
        const t0 = performance.now();
        try {
          const status = await get(o.cookies[i % o.cookies.length]!);
          if (status !== 200) throw new Error(`status ${status}`);
          r.requests++;
          r.latenciesMs.push(performance.now() - t0);
        } catch (err) {
          r.errors++;
          r.firstError ??= (err as Error).message;
        }
      }
    }),
  );
  r.elapsedMs = performance.now() - started;
  agent.destroy();
  return r;
}

export function runReadsOnWorker(o: ReadLoadOptions): Promise<ReadLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: o });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code ? reject(new Error(`the read worker exited with ${code}`)) : undefined));
  });
}

if (!isMainThread && workerData) parentPort!.postMessage(await runReads(workerData as ReadLoadOptions));
