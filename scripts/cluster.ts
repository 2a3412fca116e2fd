// npm run cluster: the layout of a region on one machine — three stateless instances of the server behind HAProxy
// (round robin, no stickiness, WebSockets passed through), on this machine's PostgreSQL and Redis. Prints the URL and
// runs until stopped (Ctrl-C stops every part).
//
// The test identity provider stands in for ID-porten and HelseID, which are outside services: it runs in the first
// instance only, and HAProxy sends /dev-idp there; the other instances are its relying parties, with client secrets
// derived from one shared seed (DEV_IDP_SECRET). Everything else is shared only through PostgreSQL and Redis.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { haproxyConfig, instanceEnv } from './cluster-parts.ts';

const PORT = Number(process.env.PORT ?? 3000);
const INSTANCES = Number(process.env.CLUSTER_INSTANCES ?? 3);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nettlege_cluster';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PUBLIC_URL = process.env.PUBLIC_URL ?? `http://localhost:${PORT}`;
const SEED = process.env.DEV_IDP_SECRET ?? randomBytes(16).toString('hex');
const METRICS_TOKEN = process.env.METRICS_TOKEN ?? randomBytes(16).toString('hex');

const children: ChildProcess[] = [];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3_000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** The cluster's database, made when missing (the first instance migrates and seeds it). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

function haproxyBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).trim();
  } catch {
    if (process.getuid?.() !== 0) throw new Error('HAProxy is not installed: apt-get install haproxy (Debian package), then run npm run cluster again');
    console.log('installing HAProxy (Debian package haproxy)…');
    execFileSync('apt-get', ['install', '-y', '-q', 'haproxy'], { stdio: 'inherit' });
    return execFileSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).trim();
  }
}

function startInstance(i: number): ChildProcess {
  const port = PORT + i;
  const env: NodeJS.ProcessEnv = { ...process.env, ...instanceEnv(i, { port, publicUrl: PUBLIC_URL, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, seed: SEED }), METRICS_TOKEN, DATA_DIR: process.env.DATA_DIR ?? path.resolve('data-cluster') };
  const child = spawn(process.execPath, ['src/server/main.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => console.log(`instance ${i} (port ${port}) exited: ${signal ?? code}`));
  children.push(child);
  return child;
}

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (const t0 = Date.now(); Date.now() - t0 < 120_000; ) {
    if (child.exitCode !== null) throw new Error(`the instance on port ${port} exited during start-up`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the instance on port ${port} did not become ready`);
}

async function main(): Promise<void> {
  const haproxy = haproxyBinary();
  await ensureDatabase(DATABASE_URL);
  const first = startInstance(1);
  await ready(PORT + 1, first);
  const dir = mkdtempSync(path.join(tmpdir(), 'nettlege-cluster-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig({ port: PORT, instancePorts: Array.from({ length: INSTANCES }, (_, k) => PORT + k + 1) }));
  const proxy = spawn(haproxy, ['-f', cfg, '-db'], { stdio: ['ignore', 'inherit', 'inherit'] });
  proxy.on('exit', (code) => console.log(`haproxy exited: ${code}`));
  children.push(proxy);
  const rest = Array.from({ length: INSTANCES - 1 }, (_, k) => k + 2).map((i) => ({ i, child: startInstance(i) }));
  await Promise.all(rest.map(({ i, child }) => ready(PORT + i, child)));
  console.log(`Nettlege cluster: ${PUBLIC_URL} — ${INSTANCES} instances on ports ${PORT + 1}–${PORT + INSTANCES} behind HAProxy; PostgreSQL ${new URL(DATABASE_URL).host}${new URL(DATABASE_URL).pathname}, Redis ${new URL(REDIS_URL).host}. Ctrl-C stops it.`);
  console.log(`Metrics of each instance: curl -H 'Authorization: Bearer ${METRICS_TOKEN}' http://localhost:${PORT + 1}/metrics (METRICS_TOKEN)`);
}

main().catch((err: Error) => {
  console.error(err.message);
  stop();
  process.exitCode = 1;
});
