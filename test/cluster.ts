// A cluster for tests: the server as three processes on one fresh database behind HAProxy (the Debian package), the
// first running the test identity provider — the layout of `npm run cluster`, on free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { haproxyConfig, instanceEnv } from '../scripts/cluster-parts.ts';
import { freePort } from './global-setup.ts';
import { startServerProcess } from './server-process.ts';

export interface TestCluster {
  url: string;
  instances: ChildProcess[];
  /** Each instance's own port, in the order of `instances` (for reaching one instance past HAProxy). */
  ports: number[];
  proxy: ChildProcess;
  stop(): Promise<void>;
}

export async function startCluster(o: {
  databaseUrl: string;
  instances?: number;
  redisUrl?: string | undefined;
  /** More settings for every instance (SMPP_URL, SMTP_URL, …), over the cluster's own. */
  env?: Record<string, string>;
}): Promise<TestCluster> {
  const n = o.instances ?? 3;
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const ports: number[] = [];
  for (let i = 0; i < n; i++) ports.push(await freePort());
  const seed = randomBytes(12).toString('hex');
  // Every client comes from 127.0.0.1 through HAProxy: the per-address login limit is lifted as the request limit is.
  const env = (i: number) => ({ ...instanceEnv(i, { port: ports[i - 1]!, publicUrl: url, databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, seed }), LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...o.env });
  const instances: ChildProcess[] = [];
  // The first migrates and seeds the database; then the others.
  instances.push(await startServerProcess({ port: ports[0]!, databaseUrl: o.databaseUrl, env: env(1) }));
  const dir = mkdtempSync(path.join(tmpdir(), 'nettlege-cluster-test-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig({ port, instancePorts: ports }));
  const proxy = spawn('haproxy', ['-f', cfg, '-db'], { stdio: 'ignore' });
  instances.push(...(await Promise.all(ports.slice(1).map((p, k) => startServerProcess({ port: p, databaseUrl: o.databaseUrl, env: env(k + 2) })))));
  // HAProxy has seen every instance healthy once.
  for (let t0 = Date.now(); Date.now() - t0 < 30_000; ) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1_500));
  return {
    url,
    instances,
    ports,
    proxy,
    async stop() {
      for (const c of [...instances, proxy]) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  };
}
