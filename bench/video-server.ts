// The bench:video servers, each in a process of its own (bench/video-child.ts): the product or a bare `ws` server,
// started, waited for, asked for their memory, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/global-setup.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Resident memory of a bench child in KiB, after it has collected its garbage (see video-child.ts). */
export function rssKb(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: { rssKb?: number }) => {
      if (m.rssKb === undefined) return;
      child.off('message', on);
      resolve(m.rssKb);
    };
    child.on('message', on);
    child.send('measure');
  });
}

export function child(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--expose-gc', 'bench/video-child.ts', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** Resolves when the child says it is ready (the server listens). */
export function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const on = (m: { ready?: boolean }) => {
      if (!m.ready) return;
      child.off('message', on);
      resolve();
    };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms`);
    await sleep(200);
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** The product with the demo data on `dbUrl` (made and migrated by it), ready to answer. */
export async function startProduct(dbUrl: string, env: Record<string, string> = {}): Promise<{ process: ChildProcess; port: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = child(['product'], { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '100000000', REDIS_URL: '', ...env });
  try {
    await waitFor(`${url}/readyz`, 60_000);
  } catch (err) {
    await stop(proc);
    throw err;
  }
  return { process: proc, port, url };
}
